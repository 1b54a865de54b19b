// The clean-tree rule: an irreversible step (upload, push, release) runs only from a committed tree,
// so what is released is what the tag and the history say, and cargo never refuses mid-queue.
import { plural } from './plural.js';

/** What `git status --porcelain` says is not committed. */
export interface TreeChanges {
  /** Tracked files with changes, staged or not. */
  tracked: string[];
  /** Untracked files (an untracked directory is one entry ending with `/`). */
  untracked: string[];
}

const SHOWN = 3;

function named(paths: string[], what: string): string {
  const more = paths.length > SHOWN ? `, and ${paths.length - SHOWN} more` : '';
  return `${plural(paths.length, what)} (${paths.slice(0, SHOWN).join(', ')}${more})`;
}

/** One sentence naming what is not committed and how to fix it; undefined for a clean tree. */
export function dirtyTreeProblem(changes: TreeChanges, stepTitle: string): string | undefined {
  const parts: string[] = [];
  if (changes.tracked.length) parts.push(named(changes.tracked, 'changed tracked file'));
  if (changes.untracked.length) parts.push(named(changes.untracked, 'untracked file'));
  if (parts.length === 0) return undefined;
  return (
    `the working tree is not clean before "${stepTitle}": ${parts.join(' and ')}; ` +
    'commit them, stash them (`git stash --include-untracked`), or add build outputs to .gitignore, then rerun'
  );
}
