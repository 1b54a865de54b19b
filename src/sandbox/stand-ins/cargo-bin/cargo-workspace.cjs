'use strict';
// The cargo stand-in's view of a workspace: its manifests (read by cargo-toml.cjs), the members
// with their names, versions and dependencies (`x.workspace = true`, `{ path, version }`, plain
// requirements), and cargo's error shape. CommonJS on purpose: the entry script loads it with
// createRequire, which works whichever module system the copied-out script runs under. Builtins only.
const fs = require('node:fs');
const path = require('node:path');
const { readToml, TomlSyntaxError } = require('./cargo-toml.cjs');

/** A failure printed as cargo prints them: `error: MSG`, then each `Caused by:` indented. */
class CargoError extends Error {
  constructor(message, causes = []) {
    super(message);
    this.causes = causes;
  }
  render() {
    const caused = this.causes.map(
      (c) =>
        `\nCaused by:\n${String(c)
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n')}\n`,
    );
    return `error: ${this.message}\n${caused.join('')}`;
  }
}

/** A manifest's (or cargo config's) tables; a syntax error fails as cargo reports it. */
function parseToml(text, file) {
  try {
    return readToml(text);
  } catch (e) {
    if (!(e instanceof TomlSyntaxError)) throw e;
    throw new CargoError(`failed to parse manifest at \`${file}\``, [`TOML parse error at line ${e.line}: ${e.what}`]);
  }
}

function readManifest(file) {
  return parseToml(fs.readFileSync(file, 'utf8'), file);
}

const KINDS = [
  ['dependencies', 'normal'],
  ['build-dependencies', 'build'],
  ['dev-dependencies', 'dev'],
];

// `x.workspace = true` takes path and version from [workspace.dependencies]; the member may add
// features and optional. Paths are made absolute against the manifest that wrote them.
function dependencies(manifest, dir, ws) {
  const deps = [];
  for (const [table, kind] of KINDS) {
    for (const [key, raw] of Object.entries(manifest[table] ?? {})) {
      let spec = typeof raw === 'string' ? { version: raw } : { ...raw };
      let base = dir;
      if (spec.workspace === true) {
        const inherited = ws?.dependencies?.[key];
        if (inherited === undefined)
          throw new CargoError(`failed to parse manifest at \`${path.join(dir, 'Cargo.toml')}\``, [
            `\`dependency.${key}\` was not found in \`workspace.dependencies\``,
          ]);
        const w = typeof inherited === 'string' ? { version: inherited } : inherited;
        spec = { ...w, ...spec, features: [...(w.features ?? []), ...(spec.features ?? [])] };
        base = ws.root;
      }
      deps.push({
        name: spec.package ?? key,
        rename: spec.package ? key : null,
        req: spec.version ?? null,
        path: spec.path ? path.resolve(base, spec.path) : null,
        kind,
        optional: spec.optional === true,
        features: spec.features ?? [],
        defaultFeatures: spec['default-features'] ?? spec.default_features ?? true,
      });
    }
  }
  return deps;
}

function member(dir, manifest, ws) {
  const pkg = manifest.package;
  // `key.workspace = true` in [package] reads [workspace.package].
  const field = (k) => (pkg[k] && typeof pkg[k] === 'object' && pkg[k].workspace === true ? ws?.package?.[k] : pkg[k]);
  const has = (f) => fs.existsSync(path.join(dir, f));
  return {
    name: pkg.name,
    version: field('version') ?? '0.0.0',
    dir,
    manifestPath: path.join(dir, 'Cargo.toml'),
    field,
    publish: field('publish') !== false,
    procMacro: manifest.lib?.['proc-macro'] === true,
    lib: has('src/lib.rs') || manifest.lib !== undefined,
    bin: has('src/main.rs'),
    deps: dependencies(manifest, dir, ws),
    features: manifest.features ?? {},
  };
}

// `members = ["a", "b/*"]`: a trailing `*` lists the directories that hold a Cargo.toml.
function expandMembers(root, patterns, exclude) {
  const out = [];
  for (const p of patterns) {
    const dirs = p.endsWith('/*')
      ? fs
          .readdirSync(path.join(root, p.slice(0, -2)), { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => path.join(root, p.slice(0, -2), e.name))
          .sort()
      : [path.join(root, p)];
    for (const d of dirs)
      if (fs.existsSync(path.join(d, 'Cargo.toml')) && !exclude.some((x) => path.join(root, x) === d)) out.push(d);
  }
  return out;
}

/** The workspace around `cwd`: the nearest Cargo.toml upwards, then the first with [workspace]. */
function loadWorkspace(cwd) {
  let nearest;
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'Cargo.toml');
    if (fs.existsSync(file)) {
      const manifest = readManifest(file);
      nearest ??= { dir, manifest };
      if (manifest.workspace) {
        const ws = { ...manifest.workspace, root: dir };
        const dirs = expandMembers(dir, ws.members ?? [], ws.exclude ?? []);
        if (manifest.package && !dirs.includes(dir)) dirs.unshift(dir);
        const members = dirs.map((d) => member(d, d === dir ? manifest : readManifest(path.join(d, 'Cargo.toml')), ws));
        return { root: dir, members, current: members.find((m) => m.dir === nearest.dir) };
      }
    }
    if (path.dirname(dir) === dir) break;
  }
  if (!nearest) throw new CargoError(`could not find \`Cargo.toml\` in \`${cwd}\` or any parent directory`);
  if (!nearest.manifest.package)
    throw new CargoError(`failed to parse manifest at \`${path.join(nearest.dir, 'Cargo.toml')}\``, [
      'virtual manifests must be configured with [workspace]',
    ]);
  const solo = member(nearest.dir, nearest.manifest, undefined);
  return { root: nearest.dir, members: [solo], current: solo };
}

/** Members in an order where each comes after its path dependencies (as cargo compiles them). */
function buildOrder(members) {
  const byDir = new Map(members.map((m) => [m.dir, m]));
  const done = new Set();
  const out = [];
  const visit = (m) => {
    if (done.has(m)) return;
    done.add(m);
    for (const d of m.deps) if (d.kind !== 'dev' && d.path && byDir.has(d.path)) visit(byDir.get(d.path));
    out.push(m);
  };
  members.forEach(visit);
  return out;
}

module.exports = { CargoError, parseToml, readManifest, loadWorkspace, buildOrder };
