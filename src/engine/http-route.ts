// The route of the cockpit's own requests: the proxy cargo would use where it runs for the release
// (cargo's configuration of the repository, git's http.proxy, curl's variables, NO_PROXY: one rule,
// core/cargo-proxy.ts) for the registry's index, API and uploads; the environment's variables alone
// for PyPI's JSON API, as pip and poetry read them.
import { gitHttpProxy, readCargoConfig } from '../adapters/cargo-config-files.js';
import { routedFetch } from '../adapters/http-fetch.js';
import type { CargoConfig, Sourced } from '../core/cargo-config.js';
import { cargoProxy } from '../core/cargo-proxy.js';
import { isUserError } from '../core/user-error.js';

type Env = Record<string, string | undefined>;

/** The proxy cargo would use for `url` with these files; a configuration cargo refuses counts as none (cargo says why itself). */
export function proxyWith(config: CargoConfig, env: Env, url: string, git: Sourced<string> | undefined) {
  const files = 'error' in config ? [] : config.files;
  try {
    return cargoProxy(files, env, url, git);
  } catch (e) {
    if (!isUserError(e)) throw e;
    return cargoProxy([], env, url, git);
  }
}

/** What the route is decided from, read once (on the first request) per fetch. */
function cargoInputs(repo: string, env: Env) {
  let inputs: Promise<{ config: CargoConfig; git: Sourced<string> | undefined }> | undefined;
  return () => (inputs ??= gitHttpProxy(repo, env).then((git) => ({ config: readCargoConfig(repo, env), git })));
}

/** The fetch for the registry: through the proxy cargo would use in the repository. */
export function registryFetch(repo: string, env: Env): typeof fetch {
  const inputs = cargoInputs(repo, env);
  return routedFetch(async (url) => {
    const { config, git } = await inputs();
    return proxyWith(config, env, url, git);
  });
}

/** The proxy the registry fetch uses for `url` (for the upload's verdict). */
export async function registryProxy(repo: string, env: Env, url: string) {
  const { config, git } = await cargoInputs(repo, env)();
  return { proxy: proxyWith(config, env, url, git), git };
}

/** The fetch for PyPI: through the proxy the environment's variables name. */
export function pypiFetch(env: Env): typeof fetch {
  return routedFetch((url) => cargoProxy([], env, url, undefined));
}
