// The fetch of the cockpit's own requests (index polls, the registry's API and uploads, PyPI's
// JSON API). Node's global fetch ignores proxy settings; where a proxy applies to a URL (the
// caller's rule: cargo's, or the environment's for PyPI) the request goes through undici's
// ProxyAgent, loaded only then: the first frame and `run --headless` never pay for it. Every
// message names the proxy with its credentials masked.
import type * as UndiciModule from 'undici';
import type { Dispatcher } from 'undici';
import type { Sourced } from '../core/cargo-config.js';
import { maskProxy, proxyTarget } from '../core/cargo-proxy.js';
import { loadUndici } from './undici-load.js';

/** The proxy that applies to a URL (with where it was set), or undefined: direct. */
export type ProxyFor = (url: string) => Promise<Sourced<string> | undefined> | Sourced<string> | undefined;

/** Responses that came through a proxy, with the proxy's description (for a status's sentence). */
const throughProxy = new WeakMap<Response, string>();

type Undici = typeof UndiciModule;
let undici: Promise<Undici> | undefined;
const agents = new Map<string, Dispatcher>();

/** `the proxy http://***@host:3128 (set by HTTPS_PROXY)`. */
export function describeProxy(proxy: Sourced<string>): string {
  return `the proxy ${maskProxy(proxy.value)} (set by ${proxy.from})`;
}

/** ` through the proxy … (set by …)` when `res` came through one, else ''. */
export function proxyNote(res: Response): string {
  const via = throughProxy.get(res);
  return via ? ` through ${via}` : '';
}

/** What went wrong in a failed fetch, from its cause (undici's `fetch failed` says nothing). */
export function describeFetchError(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const { code, message } = err.cause ?? {};
  if (code && message && !message.includes(code)) return `${message} (${code})`;
  return message ?? code ?? err.message ?? String(e);
}

function isAbort(e: unknown): boolean {
  const name = (e as Error | undefined)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/** A failed request's error whose cause says what the proxy did, as the adapters read it. */
function proxyFailure(e: unknown, via: string): TypeError {
  const detail = describeFetchError(e);
  let tunnel: RegExpExecArray | null = null;
  // undici wraps the proxy's answer to CONNECT a few causes deep.
  for (let c = e as { cause?: unknown; message?: string } | undefined; c && !tunnel; c = c.cause as typeof c)
    tunnel = /Proxy response \((\d+)\) !== 200/.exec(String(c.message));
  const said = tunnel ? `${via} refused the tunnel (HTTP ${tunnel[1]})` : `${detail}, through ${via}`;
  return failed(e, said);
}

/** fetch's own shape of a failure (a TypeError whose cause says what happened), as the adapters read it. */
function failed(e: unknown, said: string): TypeError {
  return new TypeError('fetch failed', { cause: new Error(said, { cause: e }) });
}

async function agentFor(url: string): Promise<{ fetch: Undici['fetch']; agent: Dispatcher }> {
  const u = await (undici ??= loadUndici());
  let agent = agents.get(url);
  // http targets go as absolute-form requests, as curl sends them; https ones through CONNECT.
  if (!agent) agents.set(url, (agent = new u.ProxyAgent({ uri: url, proxyTunnel: false })));
  return { fetch: u.fetch, agent };
}

/** A fetch that goes through the proxy `proxyFor` names for each URL, directly where it names none. */
export function routedFetch(proxyFor: ProxyFor): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const proxy = await proxyFor(url);
    if (!proxy) return fetch(input, init);
    const via = describeProxy(proxy);
    const target = proxyTarget(proxy.value);
    if ('unusable' in target) {
      try {
        return await fetch(input, init);
      } catch (e) {
        if (isAbort(e)) throw e;
        throw failed(
          e,
          `${describeFetchError(e)}, connecting directly: the cockpit's HTTP client cannot use ${via} (${target.unusable})`,
        );
      }
    }
    const { fetch: proxiedFetch, agent } = await agentFor(target.url);
    try {
      const res = (await proxiedFetch(url, {
        ...(init as Parameters<Undici['fetch']>[1]),
        dispatcher: agent,
      })) as unknown as Response;
      throughProxy.set(res, via);
      return res;
    } catch (e) {
      if (isAbort(e)) throw e;
      throw proxyFailure(e, via);
    }
  };
}
