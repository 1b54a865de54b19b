// The Cargo workspace model: the root manifest, its members (globs, exclude, path dependencies
// that live inside the workspace), and the crates outside it listed in crates.extraManifests.
import type { CrateNode, Problem } from './plan-types.js';
import { UserError } from './user-error.js';
import { joinRel, type FileView } from './file-view.js';
import {
  isTable,
  parseManifest,
  readCrate,
  readWorkspaceRoot,
  type Manifest,
  type WorkspaceRoot,
} from './cargo-manifest.js';
import { expandGlob, isGlob } from './cargo-glob.js';

export interface WorkspaceModel {
  /** Repo-relative path of the workspace Cargo.toml (undefined when crates.workspace is not set). */
  rootManifest?: string;
  root?: WorkspaceRoot;
  /** Workspace members (root package first, then in `members` order), then the extra manifests. */
  crates: CrateNode[];
  /** Every manifest parsed, by repo-relative path: each file is read and parsed once. */
  manifests: Map<string, Manifest>;
  problems: Problem[];
}

export interface WorkspaceOptions {
  /** Repo-relative directory of the workspace Cargo.toml (crates.workspace). */
  workspace?: string;
  /** Repo-relative manifests of crates outside the workspace (crates.extraManifests). */
  extraManifests?: string[];
}

export function loadWorkspace(view: FileView, opts: WorkspaceOptions): WorkspaceModel {
  const model: WorkspaceModel = { crates: [], manifests: new Map(), problems: [] };
  const byDir = new Set<string>();
  const add = (m: Manifest, ws: WorkspaceRoot | undefined, inWorkspace: boolean) => {
    const { crate, problems } = readCrate(m, ws, view, inWorkspace);
    model.problems.push(...problems);
    if (crate) model.crates.push(crate);
    return crate;
  };

  if (opts.workspace !== undefined) loadMembers(view, joinRel(opts.workspace), model, byDir, add);

  for (const raw of opts.extraManifests ?? []) {
    const file = joinRel(raw);
    if (model.manifests.has(file)) continue; // already a member: one crate, one node
    const text = view.read(file);
    if (text === undefined) {
      model.problems.push({
        severity: 'error',
        code: 'missing-manifest',
        message: `crates.extraManifests lists \`${file}\`, which does not exist.`,
      });
      continue;
    }
    const m = parseManifest(file, text);
    model.manifests.set(file, m);
    // A crate outside the workspace may be the root of its own one-crate workspace.
    add(m, readWorkspaceRoot(m), false);
  }

  const seen = new Map<string, CrateNode>();
  for (const c of model.crates) {
    const other = seen.get(c.name);
    if (other) {
      model.problems.push({
        severity: 'error',
        code: 'duplicate-crate',
        message: `\`${c.name}\` is defined twice, by ${other.manifest} and ${c.manifest}; crate names must be unique.`,
        file: c.manifest,
      });
    } else seen.set(c.name, c);
  }
  return model;
}

type AddFn = (m: Manifest, ws: WorkspaceRoot | undefined, inWorkspace: boolean) => CrateNode | undefined;

function loadMembers(view: FileView, wsDir: string, model: WorkspaceModel, byDir: Set<string>, add: AddFn): void {
  const rootFile = joinRel(wsDir, 'Cargo.toml');
  const rootManifest = readRootManifest(view, wsDir, rootFile);
  const root = readWorkspaceRoot(rootManifest);
  model.rootManifest = rootFile;
  model.manifests.set(rootFile, rootManifest);
  byDir.add(wsDir);
  if (root) model.root = root;
  const rootCrate = add(rootManifest, root, true);
  if (!root) return; // a lone package: its own workspace, no members

  const ws = rootManifest.data.workspace as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const members = strings(ws.members);
  const isExcluded = excludedBy(wsDir, members, strings(ws.exclude));
  // Directories to load, with where they were named (for the message when one has no Cargo.toml).
  const queue: QueuedDir[] = [];
  const inside = (dir: string) =>
    dir !== '..' && !dir.startsWith('../') && (wsDir === '' || dir === wsDir || dir.startsWith(`${wsDir}/`));
  // cargo: a path dependency inside the workspace directory and not excluded is a member too;
  // one outside it (or excluded) is not, and neither are its own path dependencies.
  const pathDeps = (crate: CrateNode | undefined) => {
    for (const d of crate?.deps ?? []) {
      if (d.path !== undefined && inside(d.path) && !isExcluded(d.path))
        queue.push({ dir: d.path, what: 'path dependency', file: crate!.manifest, line: d.declaredLine });
    }
  };

  members.forEach((pattern, i) => {
    const line = rootManifest.scan.find(['workspace', 'members', String(i)])?.line;
    const globbed = isGlob(pattern) ? expandGlob(view, wsDir, pattern) : [];
    if (isGlob(pattern) && globbed.length === 0) {
      model.problems.push({
        severity: 'error',
        code: 'member-glob-empty',
        message: `workspace member \`${pattern}\` matches no directory with a Cargo.toml; fix the pattern or remove it.`,
        file: rootFile,
        line,
      });
    }
    const what = isGlob(pattern) ? `directory matched by workspace member \`${pattern}\`` : 'workspace member';
    for (const dir of isGlob(pattern) ? globbed : [joinRel(wsDir, pattern)]) {
      if (!isExcluded(dir)) queue.push({ dir, what, file: rootFile, line });
    }
  });
  pathDeps(rootCrate);

  loadQueued(view, queue, { model, byDir, rootFile, add: (m) => pathDeps(add(m, root, true)) });
  if (model.crates.length === 0) {
    model.problems.push({
      severity: 'warning',
      code: 'empty-workspace',
      message: `${rootFile} declares no crates.`,
      file: rootFile,
    });
  }
}

type QueuedDir = { dir: string; what: string; file: string; line?: number };

function readRootManifest(view: FileView, wsDir: string, rootFile: string): Manifest {
  const text = view.read(rootFile);
  if (text === undefined) {
    const why = view.isDir(wsDir)
      ? `there is no Cargo.toml in \`${wsDir || '.'}\``
      : `\`${wsDir}\` is not a directory of the repository`;
    throw new UserError(`crates.workspace points to \`${wsDir || '.'}\` but ${why}.`, {
      hint: 'Set crates.workspace to the directory of the workspace Cargo.toml (relative to the repo), or remove it when there are no crates.',
    });
  }
  return parseManifest(rootFile, text);
}

/** Loads each queued member directory once; `w.add` may queue more (path dependencies). */
function loadQueued(
  view: FileView,
  queue: QueuedDir[],
  w: { model: WorkspaceModel; byDir: Set<string>; rootFile: string; add: (m: Manifest) => void },
): void {
  for (let i = 0; i < queue.length; i++) {
    const { dir, what, file: from, line } = queue[i]!;
    if (w.byDir.has(dir)) continue;
    w.byDir.add(dir);
    const file = joinRel(dir, 'Cargo.toml');
    const t = view.read(file);
    if (t === undefined) {
      w.model.problems.push({
        severity: 'error',
        code: 'missing-member',
        message: `${what} \`${dir}\` has no Cargo.toml (cargo refuses such a workspace); add one, or list the directory in \`exclude\`.`,
        file: from,
        line,
      });
      continue;
    }
    const m = parseManifest(file, t);
    w.model.manifests.set(file, m);
    if (isTable(m.data.workspace)) {
      w.model.problems.push({
        severity: 'error',
        code: 'nested-workspace-member',
        message: `${file} is a workspace root of its own but is also a member of ${w.rootFile} (cargo: "multiple workspace roots found"); list \`${dir}\` in \`exclude\` and name it in crates.extraManifests.`,
        file: from,
        line,
      });
      continue;
    }
    w.add(m);
  }
}

/**
 * cargo's `is_excluded`: a directory under an `exclude` entry is out unless it is under a `members`
 * entry taken literally (an explicit member wins over `exclude`; a glob entry matches no path).
 */
function excludedBy(wsDir: string, members: string[], exclude: string[]): (dir: string) => boolean {
  const under = (dir: string, base: string) => dir === base || dir.startsWith(`${base}/`) || base === '';
  const ex = exclude.map((e) => joinRel(wsDir, e));
  const explicit = members.map((m) => joinRel(wsDir, m));
  return (dir) => ex.some((e) => under(dir, e)) && !explicit.some((m) => under(dir, m));
}
