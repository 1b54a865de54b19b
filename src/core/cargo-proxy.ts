// Pure: the proxy cargo (libcurl) would send a request to a URL through. Cargo's `http.proxy`
// (CARGO_HTTP_PROXY), else git's global `http.proxy`, else curl's own variables: https_proxy /
// HTTPS_PROXY for https URLs, http_proxy (lower case only) for http ones, then all_proxy /
// ALL_PROXY. A host NO_PROXY / no_proxy names goes direct whatever the proxy's source. The
// cockpit's own requests take the same route (adapters/http-fetch.ts).
import { configString, setIn, type CargoConfigFile, type Sourced } from './cargo-config.js';

type Env = Record<string, string | undefined>;

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** curl's no_proxy: `*`, or hosts and domains (a domain covers its subdomains), comma or space separated. */
export function bypassesProxy(host: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '')
      .replace(/^\.+/, '');
    if (entry === '') continue;
    if (raw.trim() === '*') return true;
    if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

function envProxy(env: Env, url: URL): Sourced<string> | undefined {
  const names =
    url.protocol === 'https:'
      ? ['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']
      : ['http_proxy', 'all_proxy', 'ALL_PROXY'];
  for (const name of names) {
    const value = env[name];
    if (value) return { value, from: name };
  }
  return undefined;
}

/** The proxy cargo would use for `url`, or undefined when it would connect directly. */
export function cargoProxy(
  files: readonly CargoConfigFile[],
  env: Env,
  url: string,
  gitProxy: Sourced<string> | undefined,
): Sourced<string> | undefined {
  const target = new URL(url);
  if (bypassesProxy(hostOf(target), env.no_proxy ?? env.NO_PROXY)) return undefined;
  const http = configString(files, env, ['http', 'proxy']);
  // An empty proxy given to curl turns its proxy variables off.
  if (http) return http.value ? { value: http.value, from: setIn('http.proxy', http) } : undefined;
  if (gitProxy) return gitProxy.value ? gitProxy : undefined;
  return envProxy(env, target);
}

/** Proxy schemes the cockpit's HTTP client (undici's ProxyAgent) is used with. */
const USABLE_PROXY_SCHEMES: readonly string[] = ['http', 'https'];

/** The proxy with its credentials masked, for every message: `http://***@host:3128`. */
export function maskProxy(value: string): string {
  return value.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)?[^@/?#]*@/i,
    (_m, scheme: string | undefined) => `${scheme ?? ''}***@`,
  );
}

/** A usable proxy's URL, or why the cockpit's HTTP client cannot use it (a phrase for a sentence). */
export type ProxyTarget = { url: string } | { unusable: string };

/** libcurl's `[scheme://][user:pass@]host[:port]` as a URL (http when no scheme is given). */
export function proxyTarget(value: string): ProxyTarget {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== undefined && !USABLE_PROXY_SCHEMES.includes(scheme))
    return { unusable: `scheme ${scheme} is not supported, only ${USABLE_PROXY_SCHEMES.join(' and ')}` };
  try {
    const url = new URL(scheme === undefined ? `http://${value}` : value);
    if (url.hostname) return { url: url.href };
  } catch {
    // below
  }
  return { unusable: 'not a proxy URL' };
}
