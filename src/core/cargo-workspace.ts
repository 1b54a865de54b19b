// The Cargo workspace model: the root manifest, its members (globs, exclude, path dependencies
// that live inside the workspace), and the crates outside it listed in crates.extraManifests.
import type { CrateNode, Problem } from './plan-types.js';
import { UserError } from './user-error.js';
import { joinRel, type FileView } from './file-view.js';
import { parseManifest, readCrate, readWorkspaceRoot, type Manifest, type WorkspaceRoot } from './cargo-manifest.js';

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
      model.problems.push({ severity: 'error', code: 'missing-manifest', message: `crates.extraManifests lists \`${file}\`, which does not exist.` });
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
  const text = view.read(rootFile);
  if (text === undefined) {
    const why = view.isDir(wsDir) ? `there is no Cargo.toml in \`${wsDir || '.'}\`` : `\`${wsDir}\` is not a directory of the repository`;
    throw new UserError(`crates.workspace points to \`${wsDir || '.'}\` but ${why}.`, {
      hint: 'Set crates.workspace to the directory of the workspace Cargo.toml (relative to the repo), or remove it when there are no crates.',
    });
  }
  const rootManifest = parseManifest(rootFile, text);
  const root = readWorkspaceRoot(rootManifest);
  model.rootManifest = rootFile;
  model.manifests.set(rootFile, rootManifest);
  byDir.add(wsDir);
  if (root) model.root = root;
  const rootCrate = add(rootManifest, root, true);
  if (!root) return; // a lone package: its own workspace, no members

  const ws = rootManifest.data.workspace as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const excluded = strings(ws.exclude).map((e) => joinRel(wsDir, e));
  const isExcluded = (dir: string) => excluded.some((e) => dir === e || dir.startsWith(`${e}/`));
  // Directories to load, with where they were named (for the message when one has no Cargo.toml).
  const queue: { dir: string; what: string; file: string; line?: number }[] = [];
  const pathDeps = (crate: CrateNode | undefined) => {
    for (const d of crate?.deps ?? []) {
      if (d.path !== undefined && inside(d.path) && !isExcluded(d.path)) queue.push({ dir: d.path, what: 'path dependency', file: crate!.manifest, line: d.declaredLine });
    }
  };
  const inside = (dir: string) => wsDir === '' || dir.startsWith(`${wsDir}/`);

  strings(ws.members).forEach((pattern, i) => {
    const line = rootManifest.scan.find(['workspace', 'members', String(i)])?.line;
    const isGlob = /[*?[]/.test(pattern);
    const dirs = isGlob ? expandGlob(view, wsDir, pattern) : [joinRel(wsDir, pattern)];
    let matched = 0;
    for (const dir of dirs) {
      if (isExcluded(dir)) continue;
      if (isGlob && !view.read(joinRel(dir, 'Cargo.toml'))) continue; // globs may sweep in non-crate dirs
      matched++;
      queue.push({ dir, what: 'workspace member', file: rootFile, line });
    }
    if (isGlob && matched === 0) {
      model.problems.push({
        severity: 'error',
        code: 'member-glob-empty',
        message: `workspace member \`${pattern}\` matches no directory with a Cargo.toml; fix the pattern or remove it.`,
        file: rootFile,
        line,
      });
    }
  });
  pathDeps(rootCrate);

  for (let i = 0; i < queue.length; i++) {
    const { dir, what, file: from, line } = queue[i]!;
    if (byDir.has(dir)) continue;
    byDir.add(dir);
    const file = joinRel(dir, 'Cargo.toml');
    const t = view.read(file);
    if (t === undefined) {
      model.problems.push({ severity: 'error', code: 'missing-member', message: `${what} \`${dir}\` has no Cargo.toml.`, file: from, line });
      continue;
    }
    const m = parseManifest(file, t);
    model.manifests.set(file, m);
    // cargo: path dependencies living inside the workspace directory are members too.
    pathDeps(add(m, root, true));
  }
  if (model.crates.length === 0) {
    model.problems.push({ severity: 'warning', code: 'empty-workspace', message: `${rootFile} declares no crates.`, file: rootFile });
  }
}

/** Expands a `members` glob (`*`, `?`, `[abc]`, `**`) relative to the workspace dir into directories, sorted. */
export function expandGlob(view: FileView, baseDir: string, pattern: string): string[] {
  let current = [joinRel(baseDir)];
  for (const seg of pattern.split('/').filter((s) => s !== '' && s !== '.')) {
    const next: string[] = [];
    if (seg === '**') {
      // Zero or more directories: the current level plus every directory below it.
      const stack = [...current];
      while (stack.length) {
        const dir = stack.pop()!;
        next.push(dir);
        for (const name of view.list(dir)) {
          const child = joinRel(dir, name);
          if (!name.startsWith('.') && view.isDir(child)) stack.push(child);
        }
      }
    } else if (/[*?[]/.test(seg)) {
      const re = segmentRegex(seg);
      for (const dir of current) {
        for (const name of view.list(dir)) {
          if (name.startsWith('.') && !seg.startsWith('.')) continue;
          const child = joinRel(dir, name);
          if (re.test(name) && view.isDir(child)) next.push(child);
        }
      }
    } else {
      for (const dir of current) next.push(joinRel(dir, seg));
    }
    current = next;
  }
  return [...new Set(current)].filter((d) => view.isDir(d)).sort();
}

function segmentRegex(seg: string): RegExp {
  let src = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) src += '\\[';
      else {
        const body = seg.slice(i + 1, end).replace(/\\/g, '\\\\');
        src += body.startsWith('!') ? `[^${body.slice(1)}]` : `[${body}]`;
        i = end;
      }
    } else src += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${src}$`);
}
