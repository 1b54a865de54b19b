// Pure: whether the queue may upload a verified crate itself (the registry's publish API, the
// .crate verify-first built) instead of `cargo publish --no-verify`, and with which token. Only
// when it sends exactly what cargo would send, to the registry cargo would send it to (the command,
// cargo's configuration and the environment say which), with the token cargo would send;
// otherwise the reason, and cargo uploads.
import {
  cargoEnvKey,
  configString,
  CRATES_IO_INDEX_URL,
  sameIndex,
  setIn,
  sourceReplacement,
  type CargoConfig,
  type CargoConfigFile,
  type Sourced,
} from './cargo-config.js';
import { envTokenRefusal, tokenLookupNames } from './cargo-credentials.js';
import { isUserError } from './user-error.js';

type Env = Record<string, string | undefined>;

/** The env variable of the registry's `token` key: `registry.token` for crates.io, `registries.NAME.token` else. */
export function tokenEnvName(registry: string): string {
  return cargoEnvKey(registry === 'crates-io' ? ['registry', 'token'] : ['registries', registry, 'token']);
}

// Flags of `cargo publish` that change nothing in an upload of an already verified package.
const FLAGS = new Set(['--no-verify', '--allow-dirty', '--locked', '-q', '--quiet', '-v', '--verbose']);
const FLAGS_WITH_VALUE = new Set(['-p', '--package', '-F', '--features']);
const FEATURE_FLAGS = new Set(['--all-features', '--no-default-features']);

/** `--registry NAME` of a plain `cargo publish` command (undefined without one), or why it is not plain. */
function commandRegistry(template: readonly string[]): { registry?: string } | { reason: string } {
  if (template[0] !== 'cargo' || template[1] !== 'publish')
    return { reason: `the publish command is not \`cargo publish\`` };
  let registry: string | undefined;
  for (let i = 2; i < template.length; i++) {
    const arg = template[i] as string;
    if (FLAGS.has(arg) || FEATURE_FLAGS.has(arg)) continue;
    if (FLAGS_WITH_VALUE.has(arg) && i + 1 < template.length) i += 1;
    else if (arg === '--registry' && i + 1 < template.length) registry = template[++i];
    else return { reason: `the publish command has ${arg}` };
  }
  return registry === undefined ? {} : { registry };
}

interface CargoTarget {
  name: string;
  /** Where the name comes from, for a sentence. */
  from: string;
  /** The index cargo would publish to; undefined when cargo would refuse to publish. */
  index?: Sourced<string>;
  /** Why cargo would refuse (no index for the name, crates.io replaced without --registry). */
  refusal?: string;
}

/** The package's `publish` field and its manifest: cargo takes a lone registry there when nothing else names one. */
export interface PackagePublish {
  publish: boolean | readonly string[];
  manifest: string;
}

/** The registry --registry, registry.default or the package's lone `publish` entry names, if any. */
function namedRegistry(
  cmd: { registry?: string },
  files: readonly CargoConfigFile[],
  env: Env,
  pkg: PackagePublish | undefined,
): { name: string; from: string } | undefined {
  if (cmd.registry !== undefined) return { name: cmd.registry, from: '--registry' };
  const dflt = configString(files, env, ['registry', 'default']);
  if (dflt) return { name: dflt.value, from: setIn('registry.default', dflt) };
  const only = Array.isArray(pkg?.publish) && pkg.publish.length === 1 ? (pkg.publish[0] as string) : undefined;
  return only === undefined ? undefined : { name: only, from: `package.publish in ${pkg?.manifest}` };
}

/** cargo's own check of `package.publish` against the registry it publishes to. */
function publishRefusal(pkg: PackagePublish | undefined, name: string, isNamed: boolean): string | undefined {
  if (pkg === undefined || pkg.publish === true) return undefined;
  const where = `package.publish in ${pkg.manifest}`;
  if (pkg.publish === false) return `cargo refuses: ${where} is false`;
  if (!isNamed && pkg.publish.length > 1)
    return `cargo refuses: ${where} names several registries and no --registry chooses`;
  if (!pkg.publish.includes(name)) return `cargo refuses: ${where} does not allow registry \`${name}\``;
  return undefined;
}

/** The registry and index a `cargo publish` command goes to where cargo runs with these files and env; or why cargo would not publish there. */
function cargoTarget(
  template: readonly string[],
  files: readonly CargoConfigFile[],
  env: Env,
  pkg?: PackagePublish,
): CargoTarget | { reason: string } {
  const cmd = commandRegistry(template);
  if ('reason' in cmd) return cmd;
  const chosen = namedRegistry(cmd, files, env, pkg);
  const { name, from } = chosen ?? { name: 'crates-io', from: "cargo's default" };
  const isNamed = chosen !== undefined;
  const refused = publishRefusal(pkg, name, isNamed);
  if (refused) return { reason: refused };
  if (name === 'crates-io') {
    const index = { value: CRATES_IO_INDEX_URL, from: 'crates.io' };
    const replaced = sourceReplacement(files, 'crates-io');
    if (!replaced) return { name, from, index };
    const by = `crates.io is replaced by \`${replaced.value}\` (source.crates-io.replace-with in ${replaced.from})`;
    // Named, cargo 1.95 publishes to crates.io itself; older cargos redirected: cargo decides.
    if (isNamed) return { name, from, index, refusal: `${by}: cargo decides where its upload goes` };
    return { name, from, refusal: `${by}, and cargo refuses to publish without --registry` };
  }
  const key = ['registries', name, 'index'];
  const index = configString(files, env, key);
  if (index) return { name, from, index: { value: index.value, from: setIn(key.join('.'), index) } };
  return { name, from, refusal: `cargo's configuration has no index for registry \`${name}\`` };
}

export interface UploadInput {
  template: readonly string[];
  /** The release's registry (crates.registry). */
  registry: { name: string; index: string };
  env: Env;
  /** Cargo's config files where cargo runs for the upload, nearest first; or why they cannot be read. */
  cargoConfig: CargoConfig;
  /** crates.upload: "cargo" leaves every upload to cargo. */
  upload: 'auto' | 'cargo';
  /** The crate's own `publish` field, when known. */
  pkg?: PackagePublish;
}

/**
 * The release's registry is not where cargo would publish: whichever path uploads, the queue
 * would wait on one index while cargo publishes to another. Undefined when they agree, or when
 * the command or cargo's configuration does not tell (cargo then says what is wrong itself).
 */
export function indexMismatch(input: Omit<UploadInput, 'upload'>): string | undefined {
  if ('error' in input.cargoConfig) return undefined;
  const { files } = input.cargoConfig;
  let target: CargoTarget | { reason: string };
  try {
    target = cargoTarget(input.template, files, input.env, input.pkg);
  } catch (e) {
    if (isUserError(e)) return undefined;
    throw e;
  }
  if ('reason' in target || !target.index) return undefined;
  const { registry } = input;
  if (sameIndex(target.index.value, registry.index)) return undefined;
  return `cargo would publish to registry \`${target.name}\` (${target.from}) at ${target.index.value} (${target.index.from}), but crates.registry is \`${registry.name}\` at ${registry.index}: the queue would wait on an index cargo does not publish to; make the two the same`;
}

export type UploadPath = { direct: true; token: string; tokenVar: string } | { direct: false; reason: string };

/** Cargo's printable-ASCII rule for a token (a newline would end the header). */
const TOKEN = /^[\x20-\x7e]+$/;

/** Cargo finds an alternative registry's token under the name its configuration gives the index. */
function tokenNameRefusal(
  files: readonly CargoConfigFile[],
  env: Env,
  registry: { name: string; index: string },
  tokenVar: string,
): string | undefined {
  if (registry.name === 'crates-io') return undefined;
  const names = tokenLookupNames(files, env, registry.index);
  const list = names.map((n) => `\`${n.value}\` (${n.from})`).join(', ');
  if (names.length > 1) return `cargo refuses: several registries have the release's index: ${list}`;
  const only = names[0];
  if (only && tokenEnvName(only.value) !== tokenVar)
    return `cargo takes the token of registry ${list}, which has the release's index, not ${tokenVar}`;
  return undefined;
}

function refusal(input: UploadInput, files: readonly CargoConfigFile[]): string | undefined {
  const { registry, env } = input;
  const target = cargoTarget(input.template, files, env, input.pkg);
  if ('reason' in target) return target.reason;
  if (target.name !== registry.name)
    return `cargo would publish to registry \`${target.name}\` (${target.from}), the release's is \`${registry.name}\``;
  if (target.refusal) return target.refusal;
  if (!target.index || !sameIndex(target.index.value, registry.index))
    return `cargo knows registry \`${target.name}\` by ${target.index?.value ?? 'no index'}, the release's index is ${registry.index}`;
  const tokenVar = tokenEnvName(registry.name);
  const lookup = tokenNameRefusal(files, env, registry, tokenVar);
  if (lookup) return lookup;
  const token = env[tokenVar];
  if (!token) return `${tokenVar} is not set (cargo finds its token itself)`;
  if (!TOKEN.test(token)) return `${tokenVar} is not a token cargo would send`;
  return envTokenRefusal(files, env, registry.name);
}

export function uploadPath(input: UploadInput): UploadPath {
  if (input.upload === 'cargo') return { direct: false, reason: 'crates.upload is "cargo"' };
  const cmd = commandRegistry(input.template);
  if ('reason' in cmd) return { direct: false, reason: cmd.reason };
  const config = input.cargoConfig;
  if ('error' in config) return { direct: false, reason: `cargo's configuration cannot be read: ${config.error}` };
  let reason: string | undefined;
  try {
    reason = refusal(input, config.files);
  } catch (e) {
    if (!isUserError(e)) throw e;
    reason = `cargo's configuration cannot be read: ${e.format()}`;
  }
  if (reason !== undefined) return { direct: false, reason };
  const tokenVar = tokenEnvName(input.registry.name);
  return { direct: true, token: input.env[tokenVar] as string, tokenVar };
}
