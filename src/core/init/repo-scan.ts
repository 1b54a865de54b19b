// The files `init` looks at: the repository tree walked through the FileView, without what tools
// build or install (target/, node_modules/, dist/, virtualenvs) and without hidden directories
// other than the ones that configure a release (.cargo, .github, .ci, .circleci). Pure.
import { joinRel, type FileView } from '../file-view.js';

const SKIPPED = new Set(['node_modules', 'target', 'dist', 'build-output', 'venv', '__pycache__', 'vendor']);
const HIDDEN_KEPT = new Set(['.cargo', '.github', '.ci', '.circleci']);
/** Deep enough for rust/tracing/proc-macros/Cargo.toml and .github/workflows/x.yml, bounded for huge trees. */
const MAX_DEPTH = 6;
const MAX_FILES = 50_000;

export function scanRepo(view: FileView): string[] {
  const files: string[] = [];
  const queue: { dir: string; depth: number }[] = [{ dir: '', depth: 0 }];
  for (let i = 0; i < queue.length && files.length < MAX_FILES; i++) {
    const { dir, depth } = queue[i]!;
    for (const name of view.list(dir)) {
      const rel = joinRel(dir, name);
      if (view.isDir(rel)) {
        const hidden = name.startsWith('.') && !HIDDEN_KEPT.has(name);
        if (!hidden && !SKIPPED.has(name) && !name.startsWith('.venv') && depth < MAX_DEPTH)
          queue.push({ dir: rel, depth: depth + 1 });
      } else files.push(rel);
    }
  }
  return files;
}

/** The files of `files` whose name is `name` (any directory). */
export function named(files: RepoFiles, name: string): string[] {
  return files.filter((f) => f === name || f.endsWith(`/${name}`));
}

type RepoFiles = readonly string[];
