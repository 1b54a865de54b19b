// The registry's web API as the authority on "was this version uploaded?": crates.io answers
// `GET /api/v1/crates/NAME/VERSION` from its database as soon as the upload is accepted, while
// its sparse index may lag by seconds to minutes. The API base comes from the index's config.json
// (`"api"`), as cargo finds it; a registry without one has no authority to ask.
import { describeFetchError, proxyNote } from './http-fetch.js';
import { IndexError, sparseBaseUrl } from './sparse-index.js';

export type ApiAnswer = 'present' | 'absent' | 'no-api';

export interface RegistryApi {
  /** Throws IndexError when the registry cannot answer (network, 5xx): the caller retries. */
  versionStatus(name: string, version: string): Promise<ApiAnswer>;
  /** The API root the index's config.json names (no trailing slash), undefined when it names none. */
  apiRoot(): Promise<string | undefined>;
}

export interface RegistryApiOptions {
  indexUrl: string;
  timeoutMs: number;
  fetchImpl?: typeof fetch;
}

/** crates.io refuses API requests without a User-Agent that says who is asking. */
export const USER_AGENT = 'release-cockpit (https://github.com/release-cockpit)';
const HEADERS = { 'user-agent': USER_AGENT, accept: 'application/json' };

export function createRegistryApi(opts: RegistryApiOptions): RegistryApi {
  const base = sparseBaseUrl(opts.indexUrl);
  const doFetch = opts.fetchImpl ?? fetch;
  let api: Promise<string | undefined> | undefined;

  const get = async (url: string): Promise<Response> => {
    try {
      return await doFetch(url, { headers: HEADERS, signal: AbortSignal.timeout(opts.timeoutMs) });
    } catch (e) {
      throw new IndexError(`cannot reach the registry at ${url}: ${describeFetchError(e)}`, 'network');
    }
  };
  const apiBase = async (): Promise<string | undefined> => {
    const res = await get(`${base}config.json`);
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new IndexError(
        `the index answered ${res.status} for ${base}config.json${proxyNote(res)}`,
        res.status >= 500 ? 'server' : 'http',
        res.status,
      );
    }
    const cfg = (await res.json().catch(() => ({}))) as { api?: unknown };
    return typeof cfg.api === 'string' && /^https?:\/\//.test(cfg.api) ? cfg.api.replace(/\/+$/, '') : undefined;
  };

  const apiRoot = (): Promise<string | undefined> => {
    api ??= apiBase().catch((e: unknown) => {
      api = undefined; // ask again next time
      throw e;
    });
    return api;
  };

  return {
    apiRoot,
    async versionStatus(name, version) {
      const root = await apiRoot();
      if (root === undefined) return 'no-api';
      const url = `${root}/api/v1/crates/${encodeURIComponent(name)}/${encodeURIComponent(version)}`;
      const res = await get(url);
      await res.body?.cancel();
      if (res.status === 200) return 'present';
      if (res.status === 404) return 'absent';
      throw new IndexError(
        `the registry answered ${res.status} for ${url}${proxyNote(res)}`,
        res.status >= 500 ? 'server' : 'http',
        res.status,
      );
    },
  };
}
