// Pure: which credential providers cargo asks for a registry's token, in the order it asks them
// (https://doc.rust-lang.org/cargo/reference/registry-authentication.html). A provider set for the
// registry itself is the only one asked; else `registry.global-credential-providers`, later entries
// first; else cargo's default, `cargo:token`, the one that reads CARGO_REGISTRY_TOKEN /
// CARGO_REGISTRIES_<NAME>_TOKEN. The environment's token is what cargo sends only when
// `cargo:token` is asked first.
import { isTable } from './cargo-manifest.js';
import { configList, configPathAndArgs, sameIndex, setIn, type CargoConfigFile, type Sourced } from './cargo-config.js';

type Env = Record<string, string | undefined>;

const CARGO_TOKEN = 'cargo:token';
// An alias cannot shadow these (cargo warns and ignores the alias).
const BUILT_IN = new Set([
  CARGO_TOKEN,
  'cargo:token-from-stdout',
  'cargo:wincred',
  'cargo:macos-keychain',
  'cargo:libsecret',
  'cargo:paseto',
]);

/** `[credential-alias]`: a provider named without arguments may stand for another command. */
function resolveAlias(files: readonly CargoConfigFile[], env: Env, provider: string[]): string[] {
  const name = provider[0];
  if (provider.length !== 1 || name === undefined || BUILT_IN.has(name)) return provider;
  return configPathAndArgs(files, env, ['credential-alias', name])?.value ?? provider;
}

interface CredentialProviders {
  /** Each provider's program and arguments, the first asked first. */
  providers: string[][];
  /** Where the list was set ("cargo's default" when nowhere). */
  from: string;
}

function credentialProviders(files: readonly CargoConfigFile[], env: Env, registry: string): CredentialProviders {
  const own =
    registry === 'crates-io' ? ['registry', 'credential-provider'] : ['registries', registry, 'credential-provider'];
  const specific = configPathAndArgs(files, env, own);
  if (specific && specific.value.length > 0)
    return { providers: [resolveAlias(files, env, specific.value)], from: setIn(own.join('.'), specific) };
  const global: Sourced<string>[] = configList(files, env, ['registry', 'global-credential-providers']);
  if (global.length === 0) return { providers: [[CARGO_TOKEN]], from: "cargo's default" };
  const sources = [...new Set(global.map((g) => setIn('registry.global-credential-providers', g)))].reverse();
  return {
    providers: global
      .reverse()
      .map((g) => resolveAlias(files, env, g.value.split(/\s+/).filter(Boolean)))
      .filter((p) => p.length > 0),
    from: sources.join(' and '),
  };
}

/** Why cargo would not send the environment's token, or undefined when it would. */
export function envTokenRefusal(files: readonly CargoConfigFile[], env: Env, registry: string): string | undefined {
  const { providers, from } = credentialProviders(files, env, registry);
  const first = providers[0]?.[0];
  if (first === CARGO_TOKEN) return undefined;
  if (!providers.some((p) => p[0] === CARGO_TOKEN))
    return `cargo would not take the token from the environment: \`${CARGO_TOKEN}\` is not among its credential providers (${from})`;
  return `cargo asks credential provider \`${first}\` before the environment's token (${from})`;
}

/**
 * The names cargo looks an alternative registry's token up by: the registries whose index is the
 * one it publishes to, from the env's CARGO_REGISTRIES_<NAME>_INDEX when any matches (their names
 * in lower case), else from the files' `[registries]`. One name, or cargo refuses.
 */
export function tokenLookupNames(files: readonly CargoConfigFile[], env: Env, index: string): Sourced<string>[] {
  const fromEnv: Sourced<string>[] = [];
  for (const [key, value] of Object.entries(env)) {
    const m = /^CARGO_REGISTRIES_(.+)_INDEX$/.exec(key);
    if (m?.[1] && value && sameIndex(value, index)) fromEnv.push({ value: m[1].toLowerCase(), from: key });
  }
  if (fromEnv.length > 0) return fromEnv.sort((a, b) => a.value.localeCompare(b.value));
  const names = new Map<string, Sourced<string>>();
  // The merged tables: the nearest file's index for a name wins.
  for (const f of [...files].reverse()) {
    const registries = isTable(f.data.registries) ? f.data.registries : {};
    for (const [name, entry] of Object.entries(registries)) {
      const value = isTable(entry) ? entry.index : undefined;
      if (typeof value !== 'string') continue;
      if (sameIndex(value, index)) names.set(name, { value: name, from: f.file });
      else names.delete(name);
    }
  }
  return [...names.values()].sort((a, b) => a.value.localeCompare(b.value));
}
