// One Cargo.toml: parsed (smol-toml, the semantic truth), located (toml-scan, for lines), and
// turned into a CrateNode with [workspace.package] / [workspace.dependencies] inheritance applied.
import { parse, TomlError } from 'smol-toml';
import type { CrateDep, CrateNode, DepKind, Problem } from './plan-types.js';
import { UserError } from './user-error.js';
import { scanToml, tableLine, type TomlScan } from './toml-scan.js';
import { dirnameRel, existsRel, joinRel, type FileView } from './file-view.js';

export type TomlTable = Record<string, unknown>;

export interface Manifest {
  /** Repo-relative path of the Cargo.toml. */
  file: string;
  /** Repo-relative directory holding it. */
  dir: string;
  data: TomlTable;
  scan: TomlScan;
}

/** The workspace root's shared sections, as members inherit them. */
export interface WorkspaceRoot {
  manifest: Manifest;
  package: TomlTable;
  dependencies: TomlTable;
}

export function isTable(v: unknown): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Parses TOML text; malformed text becomes a UserError pointing at file:line:column. */
export function parseTomlFile(file: string, text: string): TomlTable {
  try {
    return parse(text) as TomlTable;
  } catch (e) {
    if (e instanceof TomlError) {
      const reason = e.message.split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '');
      throw new UserError(`invalid TOML: ${reason}.`, {
        file,
        line: e.line,
        column: e.column,
        hint: 'Fix the file; cargo would reject it too.',
      });
    }
    throw e;
  }
}

export function parseManifest(file: string, text: string): Manifest {
  const data = parseTomlFile(file, text);
  return { file, dir: dirnameRel(file), data, scan: scanToml(text) };
}

export function readWorkspaceRoot(m: Manifest): WorkspaceRoot | undefined {
  const ws = m.data.workspace;
  if (!isTable(ws)) return undefined;
  return {
    manifest: m,
    package: isTable(ws.package) ? ws.package : {},
    dependencies: isTable(ws.dependencies) ? ws.dependencies : {},
  };
}

const DEP_TABLES: [string, DepKind][] = [
  ['dependencies', 'normal'],
  ['build-dependencies', 'build'],
  ['build_dependencies', 'build'],
  ['dev-dependencies', 'dev'],
  ['dev_dependencies', 'dev'],
];

/** Fields read from a path relative to the manifest that declares them. */
const PATH_FIELDS = new Set(['readme', 'license-file']);

export interface ReadCrateResult {
  /** Undefined for a virtual manifest (no [package]). */
  crate?: CrateNode;
  problems: Problem[];
}

/** Builds the CrateNode of a manifest; `ws` is the workspace it belongs to (undefined outside one). */
export function readCrate(
  m: Manifest,
  ws: WorkspaceRoot | undefined,
  view: FileView,
  inWorkspace: boolean,
): ReadCrateResult {
  const problems: Problem[] = [];
  const pkg = m.data.package;
  if (!isTable(pkg)) return { problems };
  const pkgLine = tableLine(m.scan, ['package']);

  // `field.workspace = true` takes the value from [workspace.package]; paths there are relative to the root.
  const field = (key: string): { value: unknown; inherited: boolean; baseDir: string } => {
    const v = pkg[key];
    if (isTable(v) && v.workspace === true) {
      const wv = ws?.package[key];
      if (wv === undefined) {
        problems.push({
          severity: 'error',
          code: 'missing-workspace-field',
          message: `\`${key}.workspace = true\` but ${ws ? `[workspace.package] of ${ws.manifest.file}` : 'no workspace'} defines no \`${key}\`.`,
          file: m.file,
          line: m.scan.find(['package', key, 'workspace'])?.line ?? pkgLine,
        });
      }
      return { value: wv, inherited: true, baseDir: ws?.manifest.dir ?? m.dir };
    }
    return { value: v, inherited: false, baseDir: m.dir };
  };
  const str = (key: string): string | undefined => {
    const f = field(key);
    if (typeof f.value !== 'string') return undefined;
    return PATH_FIELDS.has(key) ? joinRel(f.baseDir, f.value) : f.value;
  };

  const name = typeof pkg.name === 'string' ? pkg.name : '';
  const version = field('version');
  const publishField = field('publish');
  const readmeField = field('readme');
  const lib = isTable(m.data.lib) ? m.data.lib : {};

  let publish: boolean | string[] = true;
  if (typeof publishField.value === 'boolean') publish = publishField.value;
  else if (Array.isArray(publishField.value))
    publish = publishField.value.filter((x): x is string => typeof x === 'string');
  else if (version.value === undefined) publish = false; // cargo: no version means 0.0.0 and publish = false

  let readme: string | false | undefined;
  if (readmeField.value === false) readme = false;
  else if (readmeField.value === true) readme = joinRel(readmeField.baseDir, 'README.md');
  else if (typeof readmeField.value === 'string') readme = joinRel(readmeField.baseDir, readmeField.value);
  else readme = ['README.md', 'README.txt', 'README'].map((f) => joinRel(m.dir, f)).find((p) => existsRel(view, p));

  const versionLine = version.inherited
    ? ws?.manifest.scan.find(['workspace', 'package', 'version'])?.line
    : m.scan.find(['package', 'version'])?.line;

  const crate: CrateNode = {
    name,
    version: typeof version.value === 'string' ? version.value : '0.0.0',
    manifest: m.file,
    publish,
    deps: readDeps(m, ws, problems),
    procMacro: lib['proc-macro'] === true || lib.proc_macro === true,
    inWorkspace,
    versionInherited: version.inherited,
  };
  const description = str('description');
  const license = str('license');
  const licenseFile = str('license-file');
  if (description !== undefined) crate.description = description;
  if (license !== undefined) crate.license = license;
  if (licenseFile !== undefined) crate.licenseFile = licenseFile;
  if (readme !== undefined) crate.readme = readme;
  if (versionLine !== undefined) crate.versionLine = versionLine;
  return { crate, problems };
}

function readDeps(m: Manifest, ws: WorkspaceRoot | undefined, problems: Problem[]): CrateDep[] {
  const deps: CrateDep[] = [];
  const collect = (tables: TomlTable, prefix: string[], target?: string) => {
    for (const [tableName, kind] of DEP_TABLES) {
      const t = tables[tableName];
      if (!isTable(t)) continue;
      for (const [alias, spec] of Object.entries(t)) {
        const dep = readDep(m, ws, [...prefix, tableName], alias, spec, kind, problems);
        if (dep) {
          if (target !== undefined) dep.target = target;
          deps.push(dep);
        }
      }
    }
  };
  collect(m.data, []);
  if (isTable(m.data.target)) {
    for (const [cfg, tables] of Object.entries(m.data.target))
      if (isTable(tables)) collect(tables, ['target', cfg], cfg);
  }
  return deps;
}

/** The line of a dependency's requirement in a manifest: its `version` key, else the entry itself. */
function depLine(scan: TomlScan, table: string[], alias: string): number | undefined {
  return (
    scan.find([...table, alias, 'version'])?.line ??
    scan.find([...table, alias])?.line ??
    scan.find([...table, alias, 'workspace'])?.line ??
    scan.find([...table, alias, 'path'])?.line
  );
}

function readDep(
  m: Manifest,
  ws: WorkspaceRoot | undefined,
  table: string[],
  alias: string,
  spec: unknown,
  kind: DepKind,
  problems: Problem[],
): CrateDep | undefined {
  if (typeof spec === 'string') {
    const line = depLine(m.scan, table, alias);
    return {
      name: alias,
      alias,
      kind,
      optional: false,
      req: spec,
      fromWorkspace: false,
      file: m.file,
      line,
      declaredLine: line,
    };
  }
  if (!isTable(spec)) return undefined;
  if (spec.workspace === true) {
    const shared = ws?.dependencies[alias];
    if (shared === undefined) {
      problems.push({
        severity: 'error',
        code: 'missing-workspace-dependency',
        message: `\`${alias}\` uses \`workspace = true\` but ${ws ? `[workspace.dependencies] of ${ws.manifest.file}` : 'the crate is in no workspace and'} has no \`${alias}\`.`,
        file: m.file,
        line: depLine(m.scan, table, alias),
      });
      return undefined;
    }
    const root = ws!.manifest;
    const line = depLine(root.scan, ['workspace', 'dependencies'], alias);
    const declaredLine = depLine(m.scan, table, alias);
    // The member may only add `optional` and `features`; everything else comes from the root.
    const dep: CrateDep = {
      name: alias,
      alias,
      kind,
      optional: spec.optional === true,
      fromWorkspace: true,
      file: root.file,
      line,
      declaredLine,
    };
    if (typeof shared === 'string') return { ...dep, req: shared };
    return isTable(shared) ? withSpec(dep, shared, root.dir) : undefined;
  }
  const line = depLine(m.scan, table, alias);
  const dep: CrateDep = {
    name: alias,
    alias,
    kind,
    optional: spec.optional === true,
    fromWorkspace: false,
    file: m.file,
    line,
    declaredLine: line,
  };
  return withSpec(dep, spec, m.dir);
}

function withSpec(dep: CrateDep, spec: TomlTable, baseDir: string): CrateDep {
  if (typeof spec.package === 'string') dep.name = spec.package;
  if (typeof spec.version === 'string') dep.req = spec.version;
  if (typeof spec.path === 'string') dep.path = joinRel(baseDir, spec.path);
  return dep;
}
