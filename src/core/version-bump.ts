// The new value of one version location. Bumps keep what the author wrote around the numbers:
// the operator (^, ~, =, >=, ...), the precision (0.15 stays two components) and wildcards.
import semver from 'semver';
import { cargoLockEdits } from './cargo-lock-edit.js';
import { dirnameRel, joinRel, normalizeRel, type FileView } from './file-view.js';
import type { CrateNode, VersionLocation } from './plan-types.js';
import { UserError } from './user-error.js';
import { prepareEdits, type FileChange, type VersionEdit } from './version-edit.js';
import { isPlaceholder } from './version-locations.js';
import type { DocsReference } from './docs-references.js';
import { docsBump } from './docs-bump.js';

// An optional operator, then 1 to 3 numeric (or wildcard) components, then an optional
// pre-release / build suffix that only a full version may carry.
const SIMPLE =
  /^(\s*(?:\^|~>|~|=|>=|<=|>|<)?\s*)(\d+|[*xX])(?:\.(\d+|[*xX]))?(?:\.(\d+|[*xX]))?((?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)(\s*)$/;

/**
 * The value a location should carry when the project moves to `next`.
 * Placeholders are returned unchanged. Throws a UserError for values that cannot be bumped
 * mechanically (compound requirements such as ">=0.15, <0.17").
 */
export function bumpValue(loc: Pick<VersionLocation, 'value' | 'placeholder' | 'path' | 'line'>, next: string): string {
  if (loc.placeholder || isPlaceholder(loc.value)) return loc.value;
  const target = semver.parse(next);
  if (!target) throw new UserError(`\`${next}\` is not a semantic version (expected MAJOR.MINOR.PATCH).`);
  const m = SIMPLE.exec(loc.value);
  if (!m) {
    throw new UserError(`cannot bump the requirement \`${loc.value}\` mechanically.`, {
      file: loc.path,
      line: loc.line,
      hint: 'Write a single version or requirement such as "^0.15" or "0.15.0".',
    });
  }
  const [, op = '', c1, c2, c3, suffix = '', trail = ''] = m;
  const parts = [c1, c2, c3].filter((p): p is string => p !== undefined);
  const numbers = [String(target.major), String(target.minor), String(target.patch)];
  // A wildcard component stays a wildcard; a numeric one takes the target's number.
  const out = parts.map((p, i) => (/^\d+$/.test(p) ? numbers[i] : p));
  // The pre-release and build belong to a full version only: "0.16" cannot say "-dev".
  const full = parts.length === 3 && parts.every((p) => /^\d+$/.test(p));
  let tail = '';
  if (full) {
    tail = target.prerelease.length ? `-${target.prerelease.join('.')}` : '';
    if (target.build.length) tail += `+${target.build.join('.')}`;
  } else if (suffix) {
    throw new UserError(`cannot bump \`${loc.value}\`: a partial version cannot carry a pre-release.`, {
      file: loc.path,
      line: loc.line,
    });
  }
  return `${op}${out.join('.')}${tail}${trail}`;
}

export interface BumpInput {
  /** Reads repo-relative files (the plan's FileView, or a fresh one). */
  files: Pick<FileView, 'read'>;
  /** Every version location to move (the plan's versionFiles, or freshly located ones). */
  locations: VersionLocation[];
  /** The crates read by the plan: their names select the Cargo.lock entries to move. */
  crates: Pick<CrateNode, 'name' | 'manifest' | 'versionInherited'>[];
  /** The configured versionFiles: each must exist and carry a version. */
  versionFiles: string[];
  /** Repo-relative Cargo.lock paths to update when they exist. */
  lockFiles: string[];
  next: string;
  /** Hardcoded versions in the docs: the install ones move to the release they should follow. */
  docs?: readonly DocsReference[];
}

/** One changed value, for the `path:line  old -> new` listing. */
export interface BumpLine {
  path: string;
  line: number;
  from: string;
  to: string;
  /** A docs install line: it follows the release, not the next version. */
  docs?: boolean;
}

export interface PreparedBump {
  next: string;
  changes: FileChange[];
  lines: BumpLine[];
  /** Placeholders recognised and left alone. */
  placeholders: VersionLocation[];
  /** The docs files among `changes`. */
  docsFiles?: string[];
}

/** The Cargo.lock files a bump updates: next to the workspace root and to each extra manifest. */
export function lockFilesFor(workspaceDir: string | undefined, extraManifests: string[]): string[] {
  const dirs = [...(workspaceDir === undefined ? [] : [workspaceDir]), ...extraManifests.map(dirnameRel)];
  return [...new Set(dirs.map((d) => joinRel(d, 'Cargo.lock')))];
}

/**
 * Computes and verifies every edit of a bump (manifests and Cargo.lock files) without writing:
 * the caller writes `changes` all or none. Throws a UserError (one sentence) on any problem.
 */
export function prepareBump(input: BumpInput): PreparedBump {
  const { files, locations, next } = input;
  for (const vf of input.versionFiles) {
    const path = normalizeRel(vf);
    if (files.read(path) === undefined)
      throw new UserError(`the version file ${path} listed in versionFiles does not exist; nothing was written.`);
    if (!locations.some((l) => l.path === path)) {
      throw new UserError(`the version file ${path} listed in versionFiles carries no version; nothing was written.`);
    }
  }
  const placeholders = locations.filter((l) => l.placeholder || isPlaceholder(l.value));
  const edits: VersionEdit[] = locations
    .filter((l) => !placeholders.includes(l))
    .map((location) => ({ location, to: bumpValue(location, next) }));
  // A crate's new version is whatever its own version location becomes (inherited crates follow
  // the workspace package version); crates with no location are not moved in the lock either.
  const crateVersions = new Map<string, string>();
  const wsPackage = edits.find((e) => e.location.kind === 'cargo-workspace-package');
  for (const crate of input.crates) {
    const own = crate.versionInherited
      ? wsPackage
      : edits.find((e) => e.location.kind === 'cargo-package' && e.location.path === crate.manifest);
    if (own) crateVersions.set(crate.name, own.to);
  }
  const texts = new Map<string, string>();
  for (const l of locations) {
    const t = files.read(l.path);
    if (t !== undefined) texts.set(l.path, t);
  }
  for (const lock of input.lockFiles) {
    const text = files.read(lock);
    if (text === undefined || crateVersions.size === 0) continue;
    texts.set(lock, text);
    edits.push(...cargoLockEdits(lock, text, crateVersions));
  }
  const changes = prepareEdits(texts, edits);
  const lines: BumpLine[] = changes.flatMap((c) =>
    c.edits.map((e) => ({ path: c.path, line: e.location.line, from: e.location.value, to: e.to })),
  );
  const docs = docsBump(files, input.docs ?? []);
  return {
    next,
    changes: [...changes, ...docs.changes],
    lines: [...lines, ...docs.lines.map((l) => ({ ...l, docs: true }))],
    placeholders,
    docsFiles: docs.changes.map((c) => c.path),
  };
}

/** The subject of the bump commit (the seed's wording; resume looks the commit up by it). */
export function bumpCommitMessage(version: string): string {
  return `Bump version to ${version} for next development cycle`;
}

/** `path:line  old -> new`, one per changed value. */
export function formatBumpLines(lines: BumpLine[]): string[] {
  return lines.map((l) => `${l.path}:${l.line}  ${l.from} -> ${l.to}${l.docs ? '  (docs: follows the release)' : ''}`);
}

/**
 * The files a bump changes beyond the configured versionFiles and the Cargo.lock files: internal
 * pins in manifests nobody listed (a binary crate's exact `=0.14.0`), so the maintainer sees them.
 */
export function unlistedFiles(bump: Pick<PreparedBump, 'changes' | 'docsFiles'>, versionFiles: string[]): string[] {
  const listed = new Set([...versionFiles.map((f) => normalizeRel(f)), ...(bump.docsFiles ?? [])]);
  return bump.changes.map((c) => c.path).filter((p) => !listed.has(p) && !p.endsWith('Cargo.lock'));
}

/** The sentence naming them, or undefined when there is none. */
export function unlistedSentence(files: string[]): string | undefined {
  if (files.length === 0) return undefined;
  return `also moved internal versions in ${files.length === 1 ? 'a file' : `${files.length} files`} not in versionFiles: ${files.join(', ')}`;
}
