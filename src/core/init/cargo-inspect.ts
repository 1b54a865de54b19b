// init, Cargo: the main workspace (the one with the most crates), the crates outside it that are
// tied to it by path dependencies (crates.extraManifests), and the publish list: library crates
// not `publish = false`, in dependency order; binaries and private crates named as left out. Pure.
import semver from 'semver';
import type { CrateNode, Problem } from '../plan-types.js';
import { isUserError } from '../user-error.js';
import { dirnameRel, existsRel, type FileView } from '../file-view.js';
import { isTable, parseManifest, type Manifest } from '../cargo-manifest.js';
import { loadWorkspace, type WorkspaceModel } from '../cargo-workspace.js';
import { planCrateGraph } from '../crate-graph.js';
import { named } from './repo-scan.js';
import type { InitNote, InspectResult, RepoFiles } from './types.js';
import { plural } from '../plural.js';

export interface CargoFindings {
  /** crates.workspace ("." for the repository root), when there is a Cargo project. */
  workspace?: string;
  extraManifests: string[];
  publish: string[];
  /** The workspace model read with that workspace and those extra manifests. */
  model?: WorkspaceModel;
  /** The release version: [workspace.package] version, else the root package's, else the one the crates carry. */
  version?: { value: string; file: string; line?: number };
}

const list = (names: string[], max = 8) =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;

/** Parses every Cargo.toml; a malformed one is a problem at its line, and init goes on without it. */
function readManifests(view: FileView, files: RepoFiles, problems: Problem[]): Manifest[] {
  const out: Manifest[] = [];
  for (const file of named(files, 'Cargo.toml')) {
    try {
      out.push(parseManifest(file, view.read(file) ?? ''));
    } catch (e) {
      if (!isUserError(e)) throw e;
      problems.push({ severity: 'error', code: 'invalid-manifest', message: e.message, ...e.details });
    }
  }
  return out;
}

/** Each workspace root (or lone package) with the model cargo would read for it. */
function candidateWorkspaces(view: FileView, manifests: Manifest[], problems: Problem[]): WorkspaceModel[] {
  const roots = manifests.filter((m) => isTable(m.data.workspace));
  const models: WorkspaceModel[] = [];
  for (const root of roots.length > 0 ? roots : manifests.filter((m) => m.dir === '')) {
    try {
      models.push(loadWorkspace(view, { workspace: root.dir }));
    } catch (e) {
      if (!isUserError(e)) throw e;
      problems.push({ severity: 'error', code: 'invalid-manifest', message: e.message, ...e.details });
    }
  }
  // The most crates first; the shallower root on a tie (the repository's own over a vendored one).
  return models.sort((a, b) => b.crates.length - a.crates.length || depth(a.rootManifest!) - depth(b.rootManifest!));
}

const depth = (p: string) => p.split('/').length;

/** A crate claimed by two workspaces: cargo refuses it ("multiple workspace roots found"). */
function doubleClaims(main: WorkspaceModel, others: WorkspaceModel[]): Problem[] {
  const mine = new Set(main.crates.filter((c) => c.manifest !== main.rootManifest).map((c) => c.manifest));
  const problems: Problem[] = [];
  for (const other of others) {
    for (const c of other.crates) {
      if (c.manifest === other.rootManifest || !mine.has(c.manifest)) continue;
      const line = other.manifests.get(other.rootManifest!)?.scan.find(['workspace', 'members'])?.line;
      problems.push({
        severity: 'error',
        code: 'crate-in-two-workspaces',
        message: `\`${c.name}\` (${c.manifest}) is a member of both ${main.rootManifest} and ${other.rootManifest} (cargo refuses: multiple workspace roots); init uses ${main.rootManifest}: remove it from the other's members or list it in its \`exclude\`.`,
        file: other.rootManifest,
        line,
      });
    }
  }
  return problems;
}

/** Crates outside the main workspace tied to it by a path dependency, either way. */
function outsideCrates(view: FileView, main: WorkspaceModel, manifests: Manifest[]): { file: string; why: string }[] {
  const memberDirs = new Map(main.crates.map((c) => [dirnameRel(c.manifest), c.name]));
  const out: { file: string; why: string }[] = [];
  for (const m of manifests) {
    if (main.manifests.has(m.file) || !isTable(m.data.package)) continue;
    const lone = loadWorkspace(view, { extraManifests: [m.file] }).crates[0];
    if (!lone) continue;
    const uses = lone.deps.filter((d) => d.path !== undefined && memberDirs.has(d.path)).map((d) => d.name);
    const usedBy = main.crates.filter((c) => c.deps.some((d) => d.path === m.dir)).map((c) => c.name);
    if (uses.length > 0) out.push({ file: m.file, why: `path dependency on ${list([...new Set(uses)], 3)}` });
    else if (usedBy.length > 0) out.push({ file: m.file, why: `path dependency of ${list(usedBy, 3)}` });
  }
  return out;
}

function isLibrary(view: FileView, c: CrateNode, m: Manifest | undefined): boolean {
  if (m && (isTable(m.data.lib) || c.procMacro)) return true;
  return existsRel(view, `${dirnameRel(c.manifest)}/src/lib.rs`);
}

/** The publish list in dependency order, and the notes naming what was left out and why. */
function publishList(view: FileView, model: WorkspaceModel, notes: InitNote[], problems: Problem[]): string[] {
  const binaries: string[] = [];
  const privateCrates: string[] = [];
  const candidates: string[] = [];
  for (const c of model.crates) {
    if (c.publish === false || (Array.isArray(c.publish) && c.publish.length === 0)) privateCrates.push(c.name);
    else if (!isLibrary(view, c, model.manifests.get(c.manifest))) binaries.push(c.name);
    else if (semver.valid(c.version) === null) {
      problems.push({
        severity: 'error',
        code: 'invalid-crate-version',
        message: `\`${c.name}\` has the version \`${c.version}\`, which is not a semantic version; init left it out of crates.publish: fix it and add it.`,
        file: c.manifest,
        line: c.versionLine,
      });
    } else candidates.push(c.name);
  }
  const graph = planCrateGraph(model.crates, candidates);
  if (graph.order.length > 0)
    notes.push({
      topic: 'crates.publish',
      text: `${plural(graph.order.length, 'library crate')} in dependency order: ${list(graph.order, 20)}.`,
    });
  if (binaries.length > 0)
    notes.push({
      topic: 'crates.publish',
      text: `left out: ${plural(binaries.length, 'binary crate')}: ${list(binaries)}; add ${binaries.length === 1 ? 'it if you publish it' : 'them if you publish them'}.`,
    });
  if (privateCrates.length > 0)
    notes.push({ topic: 'crates.publish', text: `left out (publish = false): ${list(privateCrates)}.` });
  return graph.order;
}

export function inspectCargo(view: FileView, files: RepoFiles): InspectResult<CargoFindings> {
  const notes: InitNote[] = [];
  const problems: Problem[] = [];
  const manifests = readManifests(view, files, problems);
  const [main, ...others] = candidateWorkspaces(view, manifests, problems);
  if (!main) {
    if (manifests.length > 0)
      notes.push({
        topic: 'crates',
        text: 'Cargo.toml files found, but no workspace root or root package: no crates.',
      });
    return { value: { extraManifests: [], publish: [] }, notes, problems };
  }
  problems.push(...doubleClaims(main, others));
  const wsDir = dirnameRel(main.rootManifest!);
  const outside = outsideCrates(view, main, manifests);
  const extraManifests = outside.map((o) => o.file);
  const model = loadWorkspace(view, { workspace: wsDir, extraManifests });
  const what = model.root
    ? `the workspace ${main.rootManifest} (${main.crates.length} crates)`
    : `the package ${main.rootManifest}`;
  notes.push({ topic: 'crates.workspace', text: `${wsDir || '.'}: ${what}.` });
  for (const o of outside)
    notes.push({ topic: 'crates.extraManifests', text: `${o.file}: outside the workspace, ${o.why}.` });
  for (const other of others.filter((o) => !extraManifests.includes(o.rootManifest!)))
    notes.push({
      topic: 'crates',
      text: `${other.rootManifest}: another Cargo workspace, not tied to this one; left out.`,
    });
  const publish = publishList(view, model, notes, problems);
  const version = releaseVersion(model) ?? carriedVersion(model, publish, notes);
  return {
    value: { workspace: wsDir || '.', extraManifests, publish, model, version },
    notes,
    problems,
  };
}

function releaseVersion(model: WorkspaceModel): CargoFindings['version'] {
  const root = model.manifests.get(model.rootManifest!)!;
  const wsVersion = model.root?.package.version;
  if (typeof wsVersion === 'string')
    return { value: wsVersion, file: root.file, line: root.scan.find(['workspace', 'package', 'version'])?.line };
  const pkg = isTable(root.data.package) ? root.data.package : undefined;
  if (typeof pkg?.version === 'string')
    return { value: pkg.version, file: root.file, line: root.scan.find(['package', 'version'])?.line };
  return undefined;
}

/**
 * A workspace without [workspace.package] version whose crates each carry their own: the version
 * they carry (the published ones, else every member); when they differ, the highest, said so (the
 * plan names each crate that disagrees, and \`bump --to\` aligns them).
 */
function carriedVersion(model: WorkspaceModel, publish: string[], notes: InitNote[]): CargoFindings['version'] {
  const valid = model.crates.filter((c) => semver.valid(c.version) !== null);
  const published = valid.filter((c) => publish.includes(c.name));
  const carriers = (published.length > 0 ? published : valid.filter((c) => c.inWorkspace)).sort(
    (a, b) => Number(b.inWorkspace) - Number(a.inWorkspace),
  );
  if (carriers.length === 0) return undefined;
  const versions = [...new Set(carriers.map((c) => c.version))].sort(semver.rcompare);
  const chosen = carriers.find((c) => c.version === versions[0])!;
  if (versions.length > 1)
    notes.push({
      topic: 'version',
      text: `the crates carry ${list(versions)}: the cockpit releases one version, so init took the highest; \`release-cockpit bump --to ${versions[0]}\` brings the others to it.`,
    });
  return { value: chosen.version, file: chosen.manifest, line: chosen.versionLine };
}
