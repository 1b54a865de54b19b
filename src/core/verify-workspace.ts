// Pure: the scratch workspace that verifies a packaged publish set in one build. Its members are
// the unpacked .crate files (the sources exactly as they will be uploaded); each dependency on a
// crate of the set is patched to that crate's unpacked package, so dependents compile against the
// set's own packaged crates, as `cargo package`'s verify does, but in one build that uses every core
// and compiles each crate once.
import { isTable, parseTomlFile, type TomlTable } from './cargo-manifest.js';

export interface PackagedCrate {
  name: string;
  version: string;
  /** Directory of the unpacked package, relative to the scratch workspace ("NAME-VERSION"). */
  dir: string;
  /** The packaged (normalized) Cargo.toml's text. */
  manifest: string;
}

/** The registry a dependency comes from, as `[patch]` names it. */
const CRATES_IO = 'crates-io';

function dependencyTables(m: TomlTable): TomlTable[] {
  const kinds = ['dependencies', 'dev-dependencies', 'build-dependencies'];
  const out: TomlTable[] = [];
  const add = (t: TomlTable): void => {
    for (const k of kinds) if (isTable(t[k])) out.push(t[k]);
  };
  add(m);
  if (isTable(m.target)) for (const t of Object.values(m.target)) if (isTable(t)) add(t);
  return out;
}

/** Registries (crates-io or an index URL) through which the packaged crates name crates of the set. */
function patchedSources(crates: readonly PackagedCrate[]): Set<string> {
  const names = new Set(crates.map((c) => c.name));
  const sources = new Set<string>();
  for (const c of crates) {
    const m = parseTomlFile(`${c.dir}/Cargo.toml`, c.manifest);
    for (const table of dependencyTables(m))
      for (const [key, spec] of Object.entries(table)) {
        const pkg = isTable(spec) && typeof spec.package === 'string' ? spec.package : key;
        if (!names.has(pkg)) continue;
        const index = isTable(spec) ? spec['registry-index'] : undefined;
        sources.add(typeof index === 'string' ? index : CRATES_IO);
      }
  }
  if (sources.size === 0) sources.add(CRATES_IO);
  return sources;
}

const quoted = (s: string): string => JSON.stringify(s);

/** The scratch workspace's Cargo.toml: every packaged crate a member, and patched in for the set. */
export function scratchManifest(crates: readonly PackagedCrate[]): string {
  const lines = [
    '# Written by release-cockpit: the packaged publish set, verified in one build.',
    '[workspace]',
    'resolver = "2"',
    `members = [${crates.map((c) => quoted(c.dir)).join(', ')}]`,
  ];
  for (const source of [...patchedSources(crates)].sort()) {
    lines.push('', `[patch.${source === CRATES_IO ? source : quoted(source)}]`);
    for (const c of crates) lines.push(`${quoted(c.name)} = { path = ${quoted(c.dir)} }`);
  }
  return `${lines.join('\n')}\n`;
}
