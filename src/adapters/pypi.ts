// The PyPI JSON API: GET {index}/{package}/{version}/json answers 200 when the version is on the
// index and 404 when it is not. The only judge of "published" for the Python step.
import { describeFetchError, proxyNote } from './http-fetch.js';

export type PypiErrorKind = 'network' | 'timeout' | 'server' | 'http';

/** The index could not answer (as opposed to answering "absent"). */
export class PypiError extends Error {
  constructor(
    message: string,
    readonly kind: PypiErrorKind,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PypiError';
  }
}

export interface PypiOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

export const DEFAULT_PYPI_TIMEOUT_MS = 10_000;

function base(index: string): string {
  return index.replace(/\/+$/, '');
}

/** "PyPI", "TestPyPI", or the host of another index, for messages. */
export function indexLabel(index: string): string {
  let host: string;
  try {
    host = new URL(index).host;
  } catch {
    return index;
  }
  if (host === 'pypi.org') return 'PyPI';
  if (host === 'test.pypi.org') return 'TestPyPI';
  return host;
}

export async function isPublished(
  index: string,
  pkg: string,
  version: string,
  opts: PypiOptions = {},
): Promise<boolean> {
  const url = `${base(index)}/${encodeURIComponent(pkg)}/${encodeURIComponent(version)}/json`;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PYPI_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const label = indexLabel(index);
  let res: Response;
  try {
    res = await (opts.fetchImpl ?? fetch)(url, { signal, headers: { accept: 'application/json' }, redirect: 'follow' });
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    if (timeout.aborted)
      throw new PypiError(`${label} did not answer within ${timeoutMs / 1000} s (GET ${url}).`, 'timeout');
    throw new PypiError(`${label} could not be reached (${describeFetchError(e)}; GET ${url}).`, 'network');
  }
  // The body is not needed: drain it so the connection is released.
  await res.arrayBuffer().catch(() => undefined);
  if (res.status === 200) return true;
  if (res.status === 404) return false;
  const kind: PypiErrorKind = res.status >= 500 || res.status === 429 ? 'server' : 'http';
  throw new PypiError(`${label} answered HTTP ${res.status} for GET ${url}${proxyNote(res)}.`, kind, res.status);
}

export interface WaitOptions extends PypiOptions {
  attempts: number;
  intervalMs: number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Polls until the version shows (true) or the attempts run out (false). Transient answers
 * (5xx, timeouts, network) count as "not yet"; the last one is rethrown if nothing else was seen.
 */
export async function waitUntilPublished(
  index: string,
  pkg: string,
  version: string,
  opts: WaitOptions,
): Promise<boolean> {
  let lastError: unknown;
  let answered = false;
  for (let i = 0; i < opts.attempts; i++) {
    if (i > 0) await opts.sleep(opts.intervalMs, opts.signal);
    try {
      if (await isPublished(index, pkg, version, opts)) return true;
      answered = true;
    } catch (e) {
      if (!(e instanceof PypiError) || e.kind === 'http') throw e;
      lastError = e;
    }
  }
  if (!answered && lastError) throw lastError;
  return false;
}
