// Hardcoded versions in the docs (the v0.12 plan: "Search for any hardcoded version references in
// docs", "Verify installation instructions show correct versions", "Update README version
// references"). Two kinds, per line of the files `docsFiles` names:
//  - install: an install command or dependency line for one of the project's packages with an
//    older version (`cargo add x@0.14`, `pip install x==0.14.0`, `x = "0.14"`): it should follow
//    the release, and the bump moves it there, keeping its precision and operator;
//  - mention: the previous release's version anywhere else: reported, never moved (it may be history).
// Changelogs and lockfiles are never scanned, whatever the globs say. Pure: reads go through the FileView.
import semver from 'semver';
import { normalizeRel, type FileView } from './file-view.js';
import { expandPathGlob } from './path-glob.js';
import type { Problem } from './plan-types.js';
import { bumpValue } from './version-bump.js';

/** What the scan reads of the config (core does not import the config's types). */
export interface DocsConfig {
  docsFiles: readonly string[];
  crates: { publish: readonly string[] };
  phases: readonly { steps: readonly { kind: string; file?: unknown; changelog?: unknown; package?: unknown }[] }[];
}

export interface DocsReference {
  path: string;
  /** 1-based. */
  line: number;
  /** 0-based offset of `value` in the line. */
  column: number;
  /** The version as written ("0.14", "0.14.0", "^0.14"). */
  value: string;
  kind: 'install' | 'mention';
  /** The package an install reference is for. */
  package?: string;
  /** What it should say to follow the release (same precision and operator). */
  to: string;
}

const CHANGELOG = /(^|\/)(CHANGELOG|CHANGES|HISTORY|NEWS|RELEASE[-_]?NOTES)(\.[^/]*)?$/i;
const LOCKFILE = /(^|\/)([^/]+\.lock|package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml)$/i;

/** Never scanned nor edited: changelogs (the config's and by name) and lockfiles. */
export function isProtectedDoc(path: string, changelogs: ReadonlySet<string>): boolean {
  return changelogs.has(path) || CHANGELOG.test(path) || LOCKFILE.test(path);
}

/** The changelog files the config names (changelog steps, the GitHub release's notes source). */
export function configChangelogs(config: DocsConfig): Set<string> {
  const out = new Set<string>();
  for (const phase of config.phases)
    for (const s of phase.steps) {
      if (s.kind === 'changelog' && typeof s.file === 'string') out.add(normalizeRel(s.file));
      if (s.kind === 'github-release' && typeof s.changelog === 'string') out.add(normalizeRel(s.changelog));
    }
  return out;
}

/** The files `docsFiles` names that exist, minus changelogs, lockfiles and symlinks. */
export function docsFilesOf(view: FileView, config: DocsConfig): string[] {
  const changelogs = configChangelogs(config);
  const files = config.docsFiles.flatMap((p) => expandPathGlob(view, normalizeRel(p)));
  return [...new Set(files)]
    .filter((f) => !view.isDir(f) && !isProtectedDoc(f, changelogs) && !throughSymlink(view, f))
    .sort();
}

/** A glob may reach a symlink (the file or a directory on its way) that leads anywhere: never scanned nor edited. */
function throughSymlink(view: FileView, rel: string): boolean {
  if (!view.isSymlink) return false;
  const segs = rel.split('/');
  return segs.some((_, i) => view.isSymlink!(segs.slice(0, i + 1).join('/')));
}

/** The project's packages an install line may name: the published crates and the Python distributions. */
export function projectPackages(config: DocsConfig): string[] {
  const out = new Set(config.crates.publish);
  for (const phase of config.phases)
    for (const s of phase.steps)
      if ((s.kind === 'publish-python' || s.kind === 'verify-python-install') && typeof s.package === 'string')
        out.add(s.package);
  return [...out];
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const VERSION = String.raw`[~^=]?\d+(?:\.\d+){0,2}`;

/** Python names compare with `-`, `_` and `.` alike, case-insensitively (PEP 503). */
function nameRegex(pkg: string): string {
  return pkg
    .split(/[-_.]+/)
    .map(esc)
    .join('[-_.]');
}

/** The install-reference patterns of one package; group 1 is the version. */
function installPatterns(pkg: string): RegExp[] {
  const n = nameRegex(pkg);
  const edge = String.raw`(?<![\w.-])`;
  return [
    new RegExp(`${edge}${n}@(${VERSION})(?![\\w.])`, 'gi'), // cargo add x@0.14, npm i x@1.2.3
    new RegExp(`${edge}${n}(?:\\[[^\\]]*\\])?\\s*(?:===?|~=|>=)\\s*(${VERSION})(?![\\w.])`, 'gi'), // pip install x==0.14.0
    new RegExp(`^\\s*["']?${n}["']?\\s*=\\s*["'](${VERSION})["']`, 'gi'), // x = "0.14"
    new RegExp(`^\\s*["']?${n}["']?\\s*=\\s*\\{[^}]*\\bversion\\s*=\\s*["'](${VERSION})["']`, 'gi'), // x = { version = "0.14" }
  ];
}

/** Older than the release, as written (0.14 < 0.15.0; 0.15 is the release's own line). */
function isOlder(value: string, release: string): boolean {
  const v = semver.coerce(value.replace(/^[~^=]+/, ''));
  return v !== null && semver.lt(v, release) && bumpValue({ value, path: '', line: 0 }, release) !== value;
}

export interface ScanOptions {
  packages: readonly string[];
  release: string;
  /** The previous release's version (from its tag), when known. */
  previous?: string;
}

export function scanDocsText(path: string, text: string, o: ScanOptions): DocsReference[] {
  const out: DocsReference[] = [];
  const patterns = o.packages.map((p) => [p, installPatterns(p)] as const);
  const mention = o.previous ? new RegExp(`(?<![\\w.-])v?(${esc(o.previous)})(?![\\w]|\\.\\d)`, 'g') : undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    // Spans [from, to) already reported as install lines: a mention inside one is the same version.
    const taken: [number, number][] = [];
    const inside = (at: number): boolean => taken.some(([a, b]) => at >= a && at < b);
    for (const [pkg, res] of patterns)
      for (const re of res)
        for (const m of line.matchAll(re)) {
          const value = m[1]!;
          const column = m.index + m[0].lastIndexOf(value);
          if (inside(column) || !isOlder(value, o.release)) continue;
          taken.push([column, column + value.length]);
          const to = bumpValue({ value, path, line: i + 1 }, o.release);
          out.push({ path, line: i + 1, column, value, kind: 'install', package: pkg, to });
        }
    if (!mention) return;
    for (const m of line.matchAll(mention)) {
      const column = m.index + m[0].lastIndexOf(m[1]!);
      if (inside(column)) continue;
      out.push({ path, line: i + 1, column, value: m[1]!, kind: 'mention', to: o.release });
    }
  });
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Every reference of the docs files as they are in `view`. */
export function scanDocs(view: FileView, config: DocsConfig, o: Omit<ScanOptions, 'packages'>): DocsReference[] {
  const packages = projectPackages(config);
  return docsFilesOf(view, config).flatMap((f) => scanDocsText(f, view.read(f) ?? '', { ...o, packages }));
}

/** One sentence per reference, with the fix. */
export function docsReferenceSentence(r: DocsReference): string {
  return r.kind === 'install'
    ? `the install instruction for \`${r.package}\` says ${r.value}, not this release: change it to ${r.to} (the post-release bump moves it).`
    : `mentions ${r.value}, the previous release: if it should name this release, change it to ${r.to} (left alone by the bump).`;
}

export function docsProblems(refs: readonly DocsReference[]): Problem[] {
  return refs.map((r) => ({
    severity: 'warning',
    code: r.kind === 'install' ? 'docs-install-version' : 'docs-previous-version',
    message: docsReferenceSentence(r),
    file: r.path,
    line: r.line,
  }));
}
