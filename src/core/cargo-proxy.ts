// Pure: the proxy cargo (libcurl) would send a request to a URL through. Cargo's `http.proxy`
// (CARGO_HTTP_PROXY), else git's global `http.proxy`, else curl's own variables: https_proxy /
// HTTPS_PROXY for https URLs, http_proxy (lower case only) for http ones, then all_proxy /
// ALL_PROXY. A host NO_PROXY / no_proxy names goes direct whatever the proxy's source. Node's fetch
// honours none of these, so the queue leaves an upload that cargo would proxy to cargo.
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
