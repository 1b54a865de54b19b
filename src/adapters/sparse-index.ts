// HTTP client for a cargo sparse index (crates.io layout). The only judge of "published":
// the queue never marks a crate published unless this says the version is there.
import semver from 'semver';
import { UserError } from '../core/user-error.js';
import { describeFetchError, proxyNote } from './http-fetch.js';

export type IndexErrorKind = 'network' | 'timeout' | 'server' | 'http';

/** The index could not answer (as opposed to answering "absent"). */
export class IndexError extends Error {
  constructor(
    message: string,
    readonly kind: IndexErrorKind,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'IndexError';
  }
}

export interface IndexVersion {
  version: string;
  yanked: boolean;
}

export type IndexStatus = 'published' | 'yanked' | 'absent';

export interface SparseIndex {
  readonly baseUrl: string;
  /** Every version the index lists, or 'absent' when it does not know the crate. */
  versions(name: string): Promise<IndexVersion[] | 'absent'>;
  status(name: string, version: string): Promise<IndexStatus>;
  /** Forgets the cached copy (the next request is unconditional). */
  invalidate(name: string): void;
}

export interface SparseIndexOptions {
  /** `sparse+https://index.crates.io/` or `sparse+http://127.0.0.1:PORT/index/`. */
  indexUrl: string;
  timeoutMs: number;
  fetchImpl?: typeof fetch;
}

/** crates.io index layout: 1/{n}, 2/{n}, 3/{c}/{n}, {ab}/{cd}/{n}, all lowercase. */
export function indexPath(name: string): string {
  const n = name.toLowerCase();
  if (n.length === 1) return `1/${n}`;
  if (n.length === 2) return `2/${n}`;
  if (n.length === 3) return `3/${n[0]}/${n}`;
  return `${n.slice(0, 2)}/${n.slice(2, 4)}/${n}`;
}

/** The HTTP base of a sparse index URL, with a trailing slash. */
export function sparseBaseUrl(indexUrl: string): string {
  const m = /^sparse\+(https?:\/\/.+)$/.exec(indexUrl);
  if (!m?.[1]) {
    throw new UserError(`\`${indexUrl}\` is not a sparse index URL.`, {
      hint: 'Use the sparse protocol, e.g. "sparse+https://index.crates.io/" (git indexes are not supported).',
    });
  }
  return m[1].endsWith('/') ? m[1] : `${m[1]}/`;
}

function parseLines(text: string): IndexVersion[] {
  const out: IndexVersion[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    try {
      const v = JSON.parse(line) as { vers?: unknown; yanked?: unknown };
      if (typeof v.vers === 'string') out.push({ version: v.vers, yanked: v.yanked === true });
    } catch {
      // A torn or foreign line must not hide the others; cargo skips them too.
    }
  }
  return out;
}

/** Same version, ignoring build metadata (registries do too). */
export function sameVersion(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = semver.parse(a);
  const pb = semver.parse(b);
  return pa !== null && pb !== null && pa.compare(pb) === 0;
}

export function createSparseIndex(opts: SparseIndexOptions): SparseIndex {
  const baseUrl = sparseBaseUrl(opts.indexUrl);
  const doFetch = opts.fetchImpl ?? fetch;
  const cache = new Map<string, { etag: string; versions: IndexVersion[] }>();

  const versions = async (name: string): Promise<IndexVersion[] | 'absent'> => {
    const url = `${baseUrl}${indexPath(name)}`;
    const cached = cache.get(name.toLowerCase());
    const headers: Record<string, string> = {};
    if (cached) headers['if-none-match'] = cached.etag;
    let res: Response;
    try {
      res = await doFetch(url, { headers, signal: AbortSignal.timeout(opts.timeoutMs) });
    } catch (e) {
      const name_ = (e as Error).name;
      if (name_ === 'TimeoutError' || name_ === 'AbortError') {
        throw new IndexError(`the index did not answer within ${opts.timeoutMs} ms (${url})`, 'timeout');
      }
      throw new IndexError(`cannot reach the index at ${url}: ${describeFetchError(e)}`, 'network');
    }
    if (res.status === 304 && cached) return cached.versions;
    // cargo treats 404, 410 and 451 as "no such crate".
    if (res.status === 404 || res.status === 410 || res.status === 451) {
      await res.body?.cancel();
      cache.delete(name.toLowerCase());
      return 'absent';
    }
    if (res.status >= 500) {
      await res.body?.cancel();
      throw new IndexError(`the index answered ${res.status} for ${url}${proxyNote(res)}`, 'server', res.status);
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new IndexError(`the index answered ${res.status} for ${url}${proxyNote(res)}`, 'http', res.status);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw new IndexError(`the index connection broke while reading ${url}: ${describeFetchError(e)}`, 'network');
    }
    const list = parseLines(text);
    const etag = res.headers.get('etag');
    if (etag) cache.set(name.toLowerCase(), { etag, versions: list });
    else cache.delete(name.toLowerCase());
    return list;
  };

  return {
    baseUrl,
    versions,
    async status(name, version) {
      const list = await versions(name);
      if (list === 'absent') return 'absent';
      const hit = list.find((v) => sameVersion(v.version, version));
      if (!hit) return 'absent';
      return hit.yanked ? 'yanked' : 'published';
    },
    invalidate(name) {
      cache.delete(name.toLowerCase());
    },
  };
}
