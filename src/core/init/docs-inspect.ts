// The documentation that tells users which version to install (`cargo add x@0.15`,
// `pip install x==0.15.0`, `x = "0.15"` for one of the project's packages): init lists those files
// as docsFiles (unless the default, README.md, covers them), so the plan checks they name the
// release and the post-release bump moves them. Pure.
import semver from 'semver';
import type { FileView } from '../file-view.js';
import { isProtectedDoc, scanDocsText, type DocsReference } from '../docs-references.js';
import type { InitNote, InspectResult, RepoFiles } from './types.js';

const DOC = /\.(md|markdown|rst|adoc)$/i;
/** docsFiles' default in the config. */
const DEFAULT_DOCS = 'README.md';

export function inspectDocs(
  view: FileView,
  files: RepoFiles,
  packages: readonly string[],
  version: string,
): InspectResult<string[]> {
  // Every version up to this release is older than its next major: an instruction naming this
  // release is found as well as a stale one.
  const beyond = semver.inc(version, 'major');
  if (packages.length === 0 || beyond === null) return { value: [], notes: [], problems: [] };
  const found = files
    .filter((f) => DOC.test(f) && !isProtectedDoc(f, new Set()))
    .sort()
    .map((f) => ({
      f,
      refs: scanDocsText(f, view.read(f) ?? '', { packages, release: beyond }).filter((r) => r.kind === 'install'),
    }))
    .filter((d) => d.refs.length > 0);
  const notes: InitNote[] = found.map(({ f, refs }) => ({ topic: 'docsFiles', text: docsNote(f, refs) }));
  return {
    value: docsFilesValue(
      files,
      found.map((d) => d.f),
    ),
    notes,
    problems: [],
  };
}

/** What to write: nothing when the default (README.md) covers it; else README.md kept beside the others. */
function docsFilesValue(files: RepoFiles, found: readonly string[]): string[] {
  if (found.every((f) => f === DEFAULT_DOCS)) return [];
  return files.includes(DEFAULT_DOCS) ? [...new Set([DEFAULT_DOCS, ...found])] : [...found];
}

function docsNote(file: string, refs: readonly DocsReference[]): string {
  const first = refs[0]!;
  const more = refs.length > 1 ? ` and ${refs.length - 1} more` : '';
  return `${file}:${first.line} tells users to install ${first.package} ${first.value}${more}: the plan checks it names the release, the bump moves it.`;
}
