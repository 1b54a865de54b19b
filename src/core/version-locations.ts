// Every place a release version is written, with its exact position (line, column, value) so that
// verify-versions can check them and bump-version can rewrite exactly those characters.
// Values come from the parsers (smol-toml, JSON.parse); positions from the locators.
import type { Problem, VersionLocation, VersionLocationKind } from './plan-types.js';
import { basenameRel, normalizeRel, type FileView } from './file-view.js';
import { isTable, parseManifest, parseTomlFile, type Manifest, type TomlTable } from './cargo-manifest.js';
import type { WorkspaceModel } from './cargo-workspace.js';
import { scanToml, type TomlScan } from './toml-scan.js';
import { locateJson, parseJsonText } from './json-scan.js';

const PLACEHOLDER = /%[A-Za-z_]+%|\$\{[^}]*\}|\{\{[^}]*\}\}|@[A-Za-z_]+@/;

/** Whether a value is a build-time placeholder (`%VERSION%`, `${version}`, `{{version}}`, `@VERSION@`). */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

export interface CollectOptions {
  /** The crates in crates.publish: their own (non-inherited) [package] version belongs to the release. */
  published: Iterable<string>;
  /** config.versionFiles, repo-relative. */
  versionFiles: readonly string[];
}

export interface CollectedVersions {
  locations: VersionLocation[];
  problems: Problem[];
}

/**
 * All version locations of a release, deduplicated, in a stable order (workspace root, members,
 * extra manifests, then the other version files):
 * - [workspace.package] version; the own [package] version of published crates, extra manifests
 *   and Cargo.toml files listed in versionFiles (members with an unrelated own version are left alone);
 * - [workspace.dependencies] entries and hardcoded requirements pointing at internal crates, in
 *   every member and extra manifest (cargo refuses a path dependency whose version does not match);
 * - each versionFiles entry: Cargo.toml, pyproject.toml, package.json, other .toml / .json.
 * A versionFiles entry that is missing or carries no version is an error problem.
 */
export function collectVersionLocations(
  view: FileView,
  model: WorkspaceModel,
  opts: CollectOptions,
): CollectedVersions {
  const problems: Problem[] = [];
  const out: VersionLocation[] = [];
  const internal = new Set(model.crates.map((c) => c.name));
  const published = new Set(opts.published);
  const listed = new Set(opts.versionFiles.map((f) => normalizeRel(f)));
  const crateOf = new Map(model.crates.map((c) => [c.manifest, c]));

  for (const [file, m] of model.manifests) {
    const crate = crateOf.get(file);
    const ownVersion = listed.has(file) || (crate !== undefined && (published.has(crate.name) || !crate.inWorkspace));
    out.push(...cargoVersionLocations(m, internal, ownVersion, problems));
  }

  for (const file of listed) {
    if (model.manifests.has(file)) continue;
    const text = view.read(file);
    if (text === undefined) {
      problems.push({
        severity: 'error',
        code: 'missing-version-file',
        message: `versionFiles lists \`${file}\`, which does not exist; fix the path or remove it.`,
        file,
      });
      continue;
    }
    out.push(...fileVersionLocations(file, text, internal, problems));
  }

  const seen = new Set<string>();
  const locations = out.filter((l) => {
    const k = `${l.path}:${l.line}:${l.column}`;
    return !seen.has(k) && (seen.add(k), true);
  });
  const withVersion = new Set(locations.map((l) => l.path));
  for (const file of listed) {
    if (!withVersion.has(file) && (model.manifests.has(file) || view.read(file) !== undefined)) {
      problems.push({
        severity: 'error',
        code: 'no-version-in-file',
        message: `versionFiles lists \`${file}\`, but it carries no version; remove it from versionFiles.`,
        file,
      });
    }
  }
  return { locations, problems };
}

/** The locations of one version file read on its own (not part of the workspace model). */
export function fileVersionLocations(
  file: string,
  text: string,
  internal: { has(name: string): boolean },
  problems: Problem[] = [],
): VersionLocation[] {
  const base = basenameRel(file);
  if (base === 'Cargo.toml') return cargoVersionLocations(parseManifest(file, text), internal, true, problems);
  if (base === 'pyproject.toml') {
    const data = parseTomlFile(file, text);
    const scan = scanToml(text);
    const tool = isTable(data.tool) ? data.tool : {};
    const paths = [
      ['tool', 'poetry', 'version'],
      ['project', 'version'],
    ];
    const tables = [isTable(tool.poetry) ? tool.poetry : undefined, isTable(data.project) ? data.project : undefined];
    const i = tables.findIndex((t) => typeof t?.version === 'string');
    return i < 0 ? [] : located(file, scan, paths[i]!, tables[i]!.version as string, 'pyproject', problems);
  }
  if (base.endsWith('.toml')) {
    const data = parseTomlFile(file, text);
    const scan = scanToml(text);
    if (typeof data.version === 'string') return located(file, scan, ['version'], data.version, 'toml', problems);
    const pkg = isTable(data.package) ? data.package : {};
    return typeof pkg.version === 'string'
      ? located(file, scan, ['package', 'version'], pkg.version, 'toml', problems)
      : [];
  }
  if (base.endsWith('.json'))
    return jsonVersionLocations(file, text, base === 'package.json' ? 'package-json' : 'json');
  problems.push({
    severity: 'error',
    code: 'unsupported-version-file',
    message: `versionFiles lists \`${file}\`; only Cargo.toml, pyproject.toml, .toml and .json files are supported.`,
    file,
  });
  return [];
}

/** The version locations of a Cargo manifest; `ownVersion` includes its [package] version. */
export function cargoVersionLocations(
  m: Manifest,
  internal: { has(name: string): boolean },
  ownVersion: boolean,
  problems: Problem[] = [],
): VersionLocation[] {
  const out: VersionLocation[] = [];
  const { data, scan, file } = m;
  const ws = isTable(data.workspace) ? data.workspace : {};
  const wsPkg = isTable(ws.package) ? ws.package : {};
  if (typeof wsPkg.version === 'string')
    out.push(
      ...located(file, scan, ['workspace', 'package', 'version'], wsPkg.version, 'cargo-workspace-package', problems),
    );
  const pkg = isTable(data.package) ? data.package : {};
  if (ownVersion && typeof pkg.version === 'string')
    out.push(...located(file, scan, ['package', 'version'], pkg.version, 'cargo-package', problems));

  const depTable = (table: TomlTable, at: string[], kind: VersionLocationKind) => {
    for (const [alias, spec] of Object.entries(table)) {
      const name = isTable(spec) && typeof spec.package === 'string' ? spec.package : alias;
      if (!internal.has(name)) continue;
      if (typeof spec === 'string') out.push(...located(file, scan, [...at, alias], spec, kind, problems, name));
      else if (isTable(spec) && typeof spec.version === 'string')
        out.push(...located(file, scan, [...at, alias, 'version'], spec.version, kind, problems, name));
    }
  };
  if (isTable(ws.dependencies)) depTable(ws.dependencies, ['workspace', 'dependencies'], 'cargo-workspace-dep');
  const tables = (t: TomlTable, prefix: string[]) => {
    for (const name of [
      'dependencies',
      'build-dependencies',
      'build_dependencies',
      'dev-dependencies',
      'dev_dependencies',
    ]) {
      if (isTable(t[name])) depTable(t[name], [...prefix, name], 'cargo-dep-req');
    }
  };
  tables(data, []);
  if (isTable(data.target))
    for (const [cfg, t] of Object.entries(data.target)) if (isTable(t)) tables(t, ['target', cfg]);
  return out;
}

/** The "version" of a JSON file: top-level, else the first top-level object holding one (plugin.json's info.version). */
export function jsonVersionLocations(file: string, text: string, kind: 'package-json' | 'json'): VersionLocation[] {
  const data = parseJsonText(text, file);
  if (!isTable(data)) return [];
  let path: string[] | undefined;
  if (typeof data.version === 'string') path = ['version'];
  else {
    const holder = Object.keys(data).find(
      (k) => isTable(data[k]) && typeof (data[k] as TomlTable).version === 'string',
    );
    if (holder !== undefined) path = [holder, 'version'];
  }
  if (!path) return [];
  const value = path.reduce<unknown>((v, k) => (v as TomlTable)[k], data) as string;
  const loc = locateJson(text, path);
  if (!loc || loc.depth !== path.length || text[loc.offset] !== '"') return [];
  return [make(file, loc.line, loc.column + 1, value, kind, path.join('.'))];
}

function located(
  file: string,
  scan: TomlScan,
  path: string[],
  value: string,
  kind: VersionLocationKind,
  problems: Problem[],
  crate?: string,
): VersionLocation[] {
  const e = scan.find(path);
  const key = path.map((p) => (/^[A-Za-z0-9_-]+$/.test(p) ? p : `'${p}'`)).join('.');
  if (!e || e.str !== value) {
    // Valid TOML the locator cannot edit in place (multi-line or escaped string): say so rather than skip silently.
    problems.push({
      severity: 'warning',
      code: 'unlocated-version',
      message: `\`${key}\` is written in a form the version tools cannot edit (use a plain "..." string).`,
      file,
      line: e?.line,
    });
    return [];
  }
  const loc = make(file, e.valueLine, e.valueColumn, value, kind, key);
  if (crate !== undefined) loc.crate = crate;
  return [loc];
}

function make(
  path: string,
  line: number,
  column: number,
  value: string,
  kind: VersionLocationKind,
  key: string,
): VersionLocation {
  const requirement = kind === 'cargo-workspace-dep' || kind === 'cargo-dep-req';
  const loc: VersionLocation = { path, line, column, value, kind, key, requirement };
  if (isPlaceholder(value)) loc.placeholder = true;
  return loc;
}
