// Pure: cargo's own configuration (`.cargo/config.toml`), read as cargo reads it for the keys the
// cockpit depends on. Files come nearest first: the `.cargo/` of the directory cargo runs in and of
// each parent up to /, then CARGO_HOME. A key wins from the nearest file that sets it, and the
// environment (CARGO_REGISTRY_DEFAULT for registry.default) wins over every file; arrays merge,
// nearer entries later. https://doc.rust-lang.org/cargo/reference/config.html
import { isTable, parseTomlFile, type TomlTable } from './cargo-manifest.js';
import { UserError } from './user-error.js';

/** Both in one directory: cargo takes the extension-less legacy `config` (and warns). */
const CARGO_CONFIG_NAMES = ['config', 'config.toml'] as const;

export interface CargoConfigFile {
  /** As the caller names it (absolute for cargo's own walk, repo-relative for init). */
  file: string;
  data: TomlTable;
}

/** Cargo's config files where a cargo runs, nearest first; or the sentence they cannot be read with (cargo refuses too). */
export type CargoConfig = { files: readonly CargoConfigFile[] } | { error: string };

/** A value and where it was set: a config file's path or an env variable's name. */
export interface Sourced<T> {
  value: T;
  from: string;
}

/** "registry.default in /x/.cargo/config.toml", or the env variable's name alone. */
export function setIn(key: string, s: Sourced<unknown>): string {
  return s.from.startsWith('CARGO_') ? s.from : `${key} in ${s.from}`;
}

/** The config file of one `.cargo` directory (or CARGO_HOME), parsed; malformed TOML throws a UserError. */
export function readCargoConfigDir(
  dir: string,
  read: (file: string) => string | undefined,
  join: (dir: string, name: string) => string,
): CargoConfigFile | undefined {
  for (const name of CARGO_CONFIG_NAMES) {
    const file = join(dir, name);
    const text = read(file);
    if (text !== undefined) return { file, data: parseTomlFile(file, text) };
  }
  return undefined;
}

/** The env variable of a key: `registries.my-reg.index` is CARGO_REGISTRIES_MY_REG_INDEX. */
export function cargoEnvKey(path: readonly string[]): string {
  return `CARGO_${path.map((p) => p.toUpperCase().replace(/[-.]/g, '_')).join('_')}`;
}

type Env = Record<string, string | undefined>;

/** crates.io's index: cargo's default registry, and crates.registry's default. */
export const CRATES_IO_INDEX_URL = 'sparse+https://index.crates.io/';

function at(data: TomlTable, path: readonly string[]): unknown {
  let v: unknown = data;
  for (const k of path) v = isTable(v) ? v[k] : undefined;
  return v;
}

function wrongType(file: string, path: readonly string[], expected: string): UserError {
  return new UserError(`\`${path.join('.')}\` must be ${expected}.`, { file, hint: 'cargo would reject it too.' });
}

/** The nearest file's value of a key, with its file. */
function nearest(files: readonly CargoConfigFile[], path: readonly string[]): Sourced<unknown> | undefined {
  for (const f of files) {
    const value = at(f.data, path);
    if (value !== undefined) return { value, from: f.file };
  }
  return undefined;
}

/** A string key: its env variable, else the nearest file; another type in a file throws (cargo refuses it). */
export function configString(
  files: readonly CargoConfigFile[],
  env: Env,
  path: readonly string[],
): Sourced<string> | undefined {
  const name = cargoEnvKey(path);
  const fromEnv = env[name];
  if (fromEnv !== undefined) return { value: fromEnv, from: name };
  const found = nearest(files, path);
  if (found === undefined) return undefined;
  if (typeof found.value !== 'string') throw wrongType(found.from, path, 'a string');
  return { value: found.value, from: found.from };
}

function stringList(value: unknown, from: string, path: readonly string[]): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw wrongType(from, path, 'a list of strings');
  return value as string[];
}

/** A program and its arguments ("a b c" or ["a", "b", "c"]), not merged: the env, else the nearest file. */
export function configPathAndArgs(
  files: readonly CargoConfigFile[],
  env: Env,
  path: readonly string[],
): Sourced<string[]> | undefined {
  const name = cargoEnvKey(path);
  const fromEnv = env[name];
  if (fromEnv !== undefined) return { value: fromEnv.split(/\s+/).filter(Boolean), from: name };
  const found = nearest(files, path);
  if (found === undefined) return undefined;
  const value =
    typeof found.value === 'string'
      ? found.value.split(/\s+/).filter(Boolean)
      : stringList(found.value, found.from, path);
  return { value, from: found.from };
}

/** A merged list: the farthest file's entries first, the nearest's after, the env variable's (split on spaces) last. */
export function configList(files: readonly CargoConfigFile[], env: Env, path: readonly string[]): Sourced<string>[] {
  const out: Sourced<string>[] = [];
  for (const f of [...files].reverse()) {
    const value = at(f.data, path);
    if (value === undefined) continue;
    for (const v of stringList(value, f.file, path)) out.push({ value: v, from: f.file });
  }
  const name = cargoEnvKey(path);
  for (const v of (env[name] ?? '').split(/\s+/).filter(Boolean)) out.push({ value: v, from: name });
  return out;
}

/** Where a source is replaced (`[source.NAME] replace-with`); sources cannot be set from the environment. */
export function sourceReplacement(files: readonly CargoConfigFile[], source: string): Sourced<string> | undefined {
  return configString(files, {}, ['source', source, 'replace-with']);
}

/** A registry index URL as cargo compares them: host case and trailing slashes do not matter. */
export function sameIndex(a: string, b: string): boolean {
  const canon = (u: string): string => {
    const sparse = u.startsWith('sparse+');
    try {
      const url = new URL(sparse ? u.slice(7) : u);
      return `${sparse ? 'sparse+' : ''}${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
    } catch {
      return u;
    }
  };
  return canon(a) === canon(b);
}
