// The previous release tag and the files it had, for the checks that compare with it (library
// crates new since then). Asked of git once per command; outside git (or without a tag) nothing.
import { Git, GitError } from '../adapters/git.js';
import { createFsView } from '../adapters/fs-view.js';
import type { Plan } from '../core/plan-types.js';
import { buildPlan } from '../core/plan.js';

export interface PreviousTagInfo {
  previousTag: string;
  filesAtPreviousTag: Set<string>;
}

/** The previous release tag (config, else the highest tag below the version) and its files. */
export async function previousTagInfo(repo: string, plan: Plan): Promise<PreviousTagInfo | undefined> {
  const git = new Git(repo);
  try {
    const tag = plan.previousTag ?? (await git.latestTag(plan.config.tagFormat, plan.version));
    return tag ? { previousTag: tag, filesAtPreviousTag: await git.filesAt(tag) } : undefined;
  } catch (e) {
    if (e instanceof GitError) return undefined;
    throw e;
  }
}

/** The same plan with what the previous release tag tells (new crates); unchanged without one. */
export async function withPreviousTag(plan: Plan): Promise<Plan> {
  const previous = await previousTagInfo(plan.repo, plan);
  if (!previous) return plan;
  // A plan pinned to another version (planForVersion) carries it in its config.
  return buildPlan(plan.config, plan.configPath, plan.repo, createFsView(plan.repo), previous);
}
