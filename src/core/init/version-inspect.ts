// init, versions: the release version (the Cargo workspace's, else the root pyproject.toml's or
// package.json's) and every other file that carries it: pyproject.toml (Poetry, PEP 621),
// package.json, other TOML/JSON with a `version` equal to it. Placeholders (%VERSION%) and files
// at another version are left out and said so. Pure.
import type { Problem, VersionLocation } from '../plan-types.js';
import { isUserError } from '../user-error.js';
import { basenameRel, dirnameRel, type FileView } from '../file-view.js';
import { isTable, parseTomlFile } from '../cargo-manifest.js';
import { fileVersionLocations } from '../version-locations.js';
import type { CargoFindings } from './cargo-inspect.js';
import type { InitNote, InspectResult, RepoFiles } from './types.js';

export interface VersionFindings {
  version?: string;
  versionFiles: string[];
}

const LOCKS =
  /(^|\/)(package-lock|npm-shrinkwrap|composer|tsconfig[^/]*|jsconfig)\.json$|(^|\/)(Cargo|poetry|uv|pdm)\.lock$/;
const NOT_RELEASED = /(^|\/)(fixtures|testdata|__tests__|__snapshots__|\.cargo|\.github)(\/|$)/;
const NONE = new Set<string>();

/** TOML and JSON files other than Cargo manifests and lockfiles, shallowest first. */
function candidates(files: RepoFiles): string[] {
  return files
    .filter(
      (f) => /\.(toml|json)$/.test(f) && basenameRel(f) !== 'Cargo.toml' && !LOCKS.test(f) && !NOT_RELEASED.test(f),
    )
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

function ownVersion(view: FileView, file: string): VersionLocation | undefined {
  try {
    return fileVersionLocations(file, view.read(file) ?? '', NONE).find((l) => !l.requirement);
  } catch (e) {
    if (isUserError(e)) return undefined; // not a manifest of ours (JSON with comments, templates...)
    throw e;
  }
}

const describeKind = (l: VersionLocation) =>
  l.key === 'tool.poetry.version' ? 'Poetry' : l.key === 'project.version' ? 'PEP 621 [project]' : l.key;

/** setuptools keeps the version outside pyproject.toml: said, since versionFiles cannot edit it. */
function setuptoolsNotes(view: FileView, files: RepoFiles): InitNote[] {
  const notes: InitNote[] = [];
  for (const file of files.filter((f) => basenameRel(f) === 'pyproject.toml')) {
    let data: Record<string, unknown>;
    try {
      data = parseTomlFile(file, view.read(file) ?? '');
    } catch {
      continue;
    }
    const project = isTable(data.project) ? data.project : {};
    if (Array.isArray(project.dynamic) && project.dynamic.includes('version'))
      notes.push({
        topic: 'versionFiles',
        text: `${file}: the version is dynamic (setuptools reads it elsewhere); list the file that holds it if it is TOML or JSON, else keep it in step by hand.`,
      });
  }
  for (const file of files.filter((f) => ['setup.cfg', 'setup.py'].includes(basenameRel(f)))) {
    if (/^\s*version\s*=/m.test(view.read(file) ?? ''))
      notes.push({
        topic: 'versionFiles',
        text: `${file} writes a version: versionFiles edits TOML and JSON only; move it to pyproject.toml [project] or keep it in step by hand.`,
      });
  }
  return notes;
}

export function inspectVersions(
  view: FileView,
  files: RepoFiles,
  cargo: CargoFindings,
): InspectResult<VersionFindings> {
  const notes: InitNote[] = [];
  const problems: Problem[] = [];
  const found = candidates(files).map((file) => ({ file, loc: ownVersion(view, file) }));
  const manifests = found.filter((f) => ['pyproject.toml', 'package.json'].includes(basenameRel(f.file)) && f.loc);
  const fromManifest = manifests.find((f) => !f.loc!.placeholder);
  const version = cargo.version?.value ?? fromManifest?.loc?.value;
  if (version === undefined) return { value: { versionFiles: [] }, notes, problems };
  const source = cargo.version ?? { file: fromManifest!.file, line: fromManifest!.loc!.line };
  notes.push({ topic: 'version', text: `${version}, from ${source.file}${source.line ? `:${source.line}` : ''}.` });

  const versionFiles: string[] = [];
  if (cargo.version) versionFiles.push(cargo.version.file);
  else versionFiles.push(source.file); // the plan reads the release version from the first one
  for (const c of cargo.model?.crates ?? []) {
    if (cargo.publish.includes(c.name) || !c.inWorkspace || c.versionInherited || c.version !== version) continue;
    if (c.manifest === cargo.version?.file) continue;
    versionFiles.push(c.manifest);
    notes.push({
      topic: 'versionFiles',
      text: `${c.manifest}: \`${c.name}\` is not published but carries ${version} itself.`,
    });
  }
  for (const { file, loc } of found) {
    if (!loc || versionFiles.includes(file)) continue;
    if (loc.placeholder)
      notes.push({
        topic: 'versionFiles',
        text: `${file}: ${loc.key} is ${loc.value}, a build-time placeholder: left alone.`,
      });
    else if (loc.value === version) {
      versionFiles.push(file);
      const kind = basenameRel(file) === 'pyproject.toml' ? ` (${describeKind(loc)})` : '';
      notes.push({ topic: 'versionFiles', text: `${file}${kind}: ${loc.key} = ${version}.` });
    } else if (manifests.some((m) => m.file === file))
      notes.push({
        topic: 'versionFiles',
        text: `${file} is at ${loc.value}, not ${version}: left out (it has its own version; add it to versionFiles if it follows the release).`,
      });
  }
  notes.push(...setuptoolsNotes(view, files));
  return { value: { version, versionFiles: dedupe(versionFiles) }, notes, problems };
}

const dedupe = (xs: string[]) => [...new Set(xs)];

/** Directories holding a package.json or pyproject.toml that follows the release (their checks and publish steps). */
export function releasedDirs(versionFiles: readonly string[], name: string): string[] {
  return versionFiles.filter((f) => basenameRel(f) === name).map((f) => dirnameRel(f));
}
