// The metadata of a registry publish request (the web API's `PUT /api/v1/crates/new`), built the
// way cargo builds it (its NewCrate, serialized in the same field order) from the normalized
// Cargo.toml inside the .crate that verify-first packaged. Whatever this does not know how cargo
// would send (an unknown key, a git or path dependency, an artifact dependency, a requirement or
// platform it cannot print cargo's way) makes it refuse with the reason: the caller then uploads
// with `cargo publish` instead of guessing.
import { parse } from 'smol-toml';
import { normalizePlatform } from './cargo-cfg.js';
import { normalizeVersionReq } from './cargo-version-req.js';

/** crates.io's registry as a dependency's `registry` names it when published elsewhere. */
export const CRATES_IO_INDEX = 'https://github.com/rust-lang/crates.io-index';

export interface PublishTarget {
  /** The registry's name in cargo's config (`crates-io` for crates.io). */
  name: string;
  /** Publishing to crates.io itself (its dependencies then name no registry). */
  cratesIo: boolean;
  /** The target registry's index URL (`sparse+https://...`), as cargo's config names it. */
  indexUrl: string;
}

export type MetadataResult = { ok: true; name: string; version: string; json: string } | { ok: false; reason: string };

type Table = Record<string, unknown>;

class Unsupported extends Error {}

function table(v: unknown, what: string): Table {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Unsupported(`${what} is not a table`);
  return v as Table;
}

function str(v: unknown, what: string): string | null {
  if (v === undefined) return null;
  if (typeof v !== 'string') throw new Unsupported(`${what} is not a string`);
  return v;
}

function strings(v: unknown, what: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw new Unsupported(`${what} is not a list of strings`);
  return v as string[];
}

// cargo orders its maps by bytes; JavaScript's sort agrees on ASCII keys only, and an object
// lists integer-like keys first whatever their insertion order.
function sorted<T>(t: Record<string, T>): Record<string, T> {
  const odd = Object.keys(t).find((k) => !/^[\x20-\x7e]*$/.test(k) || /^(0|[1-9]\d*)$/.test(k));
  if (odd !== undefined) throw new Unsupported(`the key ${JSON.stringify(odd)} (not sorted as cargo sorts it)`);
  const out: Record<string, T> = {};
  for (const k of Object.keys(t).sort()) out[k] = t[k] as T;
  return out;
}

const DEP_KEYS = new Set(['version', 'features', 'optional', 'default-features', 'package', 'registry-index']);
const KINDS = [
  ['dependencies', 'normal'],
  ['dev-dependencies', 'dev'],
  ['build-dependencies', 'build'],
] as const;

function sameIndex(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** One dependency of the request (cargo's NewCrateDependency), keys in cargo's order. */
function dependency(key: string, raw: unknown, kind: string, target: string | null, to: PublishTarget): Table {
  const d = typeof raw === 'string' ? { version: raw } : table(raw, `dependency ${key}`);
  const unknown = Object.keys(d).filter((k) => !DEP_KEYS.has(k));
  if (unknown.length > 0) throw new Unsupported(`dependency ${key} has ${unknown.join(', ')}`);
  const version = str(d.version, `dependency ${key}'s version`);
  const req = version === null ? undefined : normalizeVersionReq(version);
  if (req === undefined) throw new Unsupported(`dependency ${key}'s version requirement ${JSON.stringify(version)}`);
  for (const flag of ['optional', 'default-features'])
    if (d[flag] !== undefined && typeof d[flag] !== 'boolean') throw new Unsupported(`dependency ${key}'s ${flag}`);
  const index = str(d['registry-index'], `dependency ${key}'s registry-index`);
  if (index !== null && to.cratesIo) throw new Unsupported(`dependency ${key} comes from another registry`);
  const from = index ?? CRATES_IO_INDEX;
  const registry = (to.cratesIo && index === null) || sameIndex(from, to.indexUrl) ? undefined : from;
  const pkg = str(d.package, `dependency ${key}'s package`);
  const out: Table = {
    optional: d.optional ?? false,
    default_features: d['default-features'] ?? true,
    name: pkg ?? key,
    features: strings(d.features, `dependency ${key}'s features`),
    version_req: req,
    target,
    kind,
  };
  if (registry !== undefined) out.registry = registry;
  if (pkg !== null) out.explicit_name_in_toml = key;
  return out;
}

// Every dependency table: the package's, then each platform's in key order; in each, normal,
// dev and build tables, their keys sorted (cargo reads them into ordered maps).
function dependencies(m: Table, to: PublishTarget): Table[] {
  const out: Table[] = [];
  const fromTables = (t: Table, target: string | null): void => {
    for (const [tableKey, kind] of KINDS) {
      const deps = table(t[tableKey], tableKey);
      for (const key of Object.keys(sorted(deps))) out.push(dependency(key, deps[key], kind, target, to));
    }
  };
  fromTables(m, null);
  const targets = table(m.target, 'target');
  for (const key of Object.keys(sorted(targets))) {
    const platform = normalizePlatform(key);
    if (platform === undefined) throw new Unsupported(`target ${JSON.stringify(key)}`);
    fromTables(table(targets[key], `target ${key}`), platform);
  }
  return out;
}

const TOP_KEYS = new Set([
  'package',
  'lib',
  'bin',
  'example',
  'test',
  'bench',
  'features',
  'lints',
  'profile',
  'badges',
  'target',
  ...KINDS.map(([k]) => k),
]);

function badges(v: unknown): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [k, inner] of Object.entries(table(v, 'badges'))) {
    const t = table(inner, `badge ${k}`);
    out[k] = sorted(Object.fromEntries(Object.keys(t).map((x) => [x, str(t[x], `badge ${k}.${x}`) as string])));
  }
  return sorted(out);
}

function features(v: unknown): Record<string, string[]> {
  const t = table(v, 'features');
  return sorted(Object.fromEntries(Object.keys(t).map((k) => [k, strings(t[k], `feature ${k}`)])));
}

function readmeFile(v: unknown): string | null {
  if (v === false || v === undefined) return null;
  if (typeof v !== 'string') throw new Unsupported('package.readme');
  return v;
}

/** The package's path to its readme (inside the .crate), if it has one. */
export function readmePath(manifest: string): string | null {
  try {
    return readmeFile(table(table(parse(manifest), 'manifest').package, 'package').readme);
  } catch {
    return null;
  }
}

function newCrate(m: Table, readme: string | null, to: PublishTarget): Table {
  const p = table(m.package, 'package');
  const unknownTop = Object.keys(m).filter((k) => !TOP_KEYS.has(k));
  if (unknownTop.length > 0) throw new Unsupported(`the manifest has ${unknownTop.join(', ')}`);
  // cargo refuses a package whose `publish` does not allow this registry: let it say so.
  if (p.publish === false || (Array.isArray(p.publish) && !p.publish.includes(to.name)))
    throw new Unsupported(`package.publish does not list ${to.name}`);
  const file = readmeFile(p.readme);
  if (file !== null && readme === null) throw new Unsupported(`its readme ${file} could not be read`);
  const rustVersion = str(p['rust-version'], 'package.rust-version');
  if (rustVersion !== null && !/^\d+\.\d+(\.\d+)?$/.test(rustVersion)) throw new Unsupported('package.rust-version');
  return {
    name: str(p.name, 'package.name'),
    vers: str(p.version, 'package.version'),
    deps: dependencies(m, to),
    features: features(m.features),
    authors: strings(p.authors, 'package.authors'),
    description: str(p.description, 'package.description'),
    documentation: str(p.documentation, 'package.documentation'),
    homepage: str(p.homepage, 'package.homepage'),
    readme: file === null ? null : readme,
    readme_file: file,
    keywords: strings(p.keywords, 'package.keywords'),
    categories: strings(p.categories, 'package.categories'),
    license: str(p.license, 'package.license'),
    license_file: str(p['license-file'], 'package.license-file'),
    repository: str(p.repository, 'package.repository'),
    badges: badges(m.badges),
    links: str(p.links, 'package.links'),
    rust_version: rustVersion,
  };
}

/**
 * The request's metadata JSON for the packaged `manifest` (the .crate's normalized Cargo.toml)
 * and its readme's text, or why this cannot build it the way cargo would.
 */
export function publishMetadata(manifest: string, readme: string | null, to: PublishTarget): MetadataResult {
  try {
    const m = table(parse(manifest), 'manifest');
    if (m['cargo-features'] !== undefined) throw new Unsupported('the manifest uses cargo-features');
    const meta = newCrate(m, readme, to);
    if (typeof meta.name !== 'string' || typeof meta.vers !== 'string')
      throw new Unsupported('package.name or package.version is missing');
    return { ok: true, name: meta.name, version: meta.vers, json: JSON.stringify(meta) };
  } catch (e) {
    if (e instanceof Unsupported) return { ok: false, reason: e.message };
    return { ok: false, reason: `its packaged Cargo.toml does not parse (${(e as Error).message})` };
  }
}
