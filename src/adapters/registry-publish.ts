// The registry's publish request (`PUT {api}/api/v1/crates/new`), as cargo sends it: a u32 LE
// length and the metadata JSON, a u32 LE length and the .crate bytes; the token in Authorization.
// The token is only ever put in that header: never in a message, a log or the journal.
import { describeFetchError } from './http-fetch.js';
import { USER_AGENT } from './registry-api.js';
export interface PublishRequest {
  /** The registry's API root (the index's config.json `api`), without a trailing slash. */
  apiRoot: string;
  token: string;
  json: string;
  crate: Uint8Array;
  signal: AbortSignal;
  timeoutMs: number;
  fetchImpl?: typeof fetch;
}

export type PublishResponse =
  | { kind: 'answer'; status: number; body: string; retryAfter: string | null }
  /** No answer (refused, reset, timed out): the registry may or may not have stored the upload. */
  | { kind: 'no-answer'; message: string };

export function publishUrl(apiRoot: string): string {
  return `${apiRoot}/api/v1/crates/new`;
}

/** The request body: json length, json, crate length, crate. */
export function publishBody(json: string, crate: Uint8Array): Uint8Array<ArrayBuffer> {
  const meta = Buffer.from(json, 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32LE(meta.length);
  const mid = Buffer.alloc(4);
  mid.writeUInt32LE(crate.length);
  const body = new Uint8Array(8 + meta.length + crate.length);
  body.set(head, 0);
  body.set(meta, 4);
  body.set(mid, 4 + meta.length);
  body.set(crate, 8 + meta.length);
  return body;
}

/** Sends the upload; throws the signal's AbortError when cancelled (the outcome is then unknown). */
export async function putCrate(req: PublishRequest): Promise<PublishResponse> {
  const url = publishUrl(req.apiRoot);
  const doFetch = req.fetchImpl ?? fetch;
  const timeout = AbortSignal.timeout(req.timeoutMs);
  try {
    const res = await doFetch(url, {
      method: 'PUT',
      headers: { authorization: req.token, accept: 'application/json', 'user-agent': USER_AGENT },
      body: publishBody(req.json, req.crate),
      signal: AbortSignal.any([req.signal, timeout]),
    });
    const body = await res.text();
    return { kind: 'answer', status: res.status, body, retryAfter: res.headers.get('retry-after') };
  } catch (e) {
    if (req.signal.aborted) throw e;
    if (timeout.aborted)
      return { kind: 'no-answer', message: `Timeout was reached: ${url} did not answer within ${req.timeoutMs} ms` };
    return { kind: 'no-answer', message: `failed to send the upload to ${url}: ${describeFetchError(e)}` };
  }
}
