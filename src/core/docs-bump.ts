// The bump's part of the docs: install references of the project's packages move to the release
// they should follow (never to the next development version, which nobody can install). Edits
// replace exactly the version at its line and column, checked against the text first.
import type { FileView } from './file-view.js';
import type { DocsReference } from './docs-references.js';
import { offsetOf, type FileChange } from './version-edit.js';
import { UserError } from './user-error.js';

export interface DocsBumpLine {
  path: string;
  line: number;
  from: string;
  to: string;
}

export function docsBump(
  files: Pick<FileView, 'read'>,
  refs: readonly DocsReference[],
): { changes: FileChange[]; lines: DocsBumpLine[] } {
  const byPath = new Map<string, DocsReference[]>();
  for (const r of refs) {
    if (r.kind !== 'install' || r.to === r.value) continue;
    byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  }
  const changes: FileChange[] = [];
  const lines: DocsBumpLine[] = [];
  for (const [path, list] of byPath) {
    const before = files.read(path);
    if (before === undefined) throw new UserError(`${path} cannot be read; nothing was written.`);
    let after = '';
    let from = 0;
    for (const r of [...list].sort((a, b) => a.line - b.line || a.column - b.column)) {
      const at = offsetOf(before, r.line, r.column);
      if (at === undefined || before.slice(at, at + r.value.length) !== r.value)
        throw new UserError(`${path}:${r.line}: \`${r.value}\` is no longer there; nothing was written.`);
      after += before.slice(from, at) + r.to;
      from = at + r.value.length;
      lines.push({ path, line: r.line, from: r.value, to: r.to });
    }
    changes.push({ path, before, after: after + before.slice(from), edits: [] });
  }
  return { changes, lines };
}
