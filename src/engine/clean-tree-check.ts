// The clean-tree check the runner makes right before each irreversible step: the release's own
// commits (changelog, bump) land in earlier steps, so the tree must be clean at that moment.
import { Git, GitError } from '../adapters/git.js';
import { dirtyTreeProblem } from '../core/clean-tree.js';
import type { PlannedStep } from '../core/plan-types.js';

/** One `git status --porcelain`; undefined when clean, or outside a git work tree (nothing to commit to). */
export async function treeProblem(
  repo: string,
  env: Record<string, string | undefined>,
  step: PlannedStep,
): Promise<string | undefined> {
  try {
    return dirtyTreeProblem(await new Git(repo, { env }).treeChanges(), step.title);
  } catch (e) {
    if (e instanceof GitError && /not a git repository/i.test(e.message)) return undefined;
    throw e;
  }
}
