// The previous release tag and the files it had, for the checks that compare with it (library
// crates new since then). Asked of git once per command; outside git (or without a tag) nothing.
import { Git, GitError } from '../adapters/git.js';
import { createFsView } from '../adapters/fs-view.js';
import type { Plan } from '../core/plan-types.js';
import { buildPlan } from '../core/plan.js';
import { highestTag } from '../core/template.js';
import { primeGitDirs } from '../adapters/state-dir.js';
import type { GitDirsAnswer } from '../adapters/git-dirs-query.js';

export interface PreviousTagInfo {
  previousTag: string;
  /** Asked only of a plan with crates (new library crates are its only use). */
  filesAtPreviousTag?: Set<string>;
}

/** The repository's tags; undefined outside git. */
export type TagList = Promise<string[] | undefined>;

/**
 * Asks git at once, in one process, where the repository keeps its directories (where releases
 * keep their state) and, for a config without previousTag, its tags. Started before the plan is
 * built, it runs meanwhile; await it before looking up a release (that then asks git nothing).
 * `asked`: git's answer to that question asked already (the cockpit's entry asks it early).
 */
export async function askRepo(repo: string, config: { previousTag?: string }, asked?: Promise<GitDirsAnswer>): TagList {
  const wanted = config.previousTag === undefined;
  const tags = await primeGitDirs(repo, { tags: wanted }, asked);
  return wanted && tags === undefined ? listTags(repo) : tags;
}

async function listTags(repo: string): TagList {
  try {
    return await new Git(repo).tags();
  } catch (e) {
    if (e instanceof GitError) return undefined;
    throw e;
  }
}

/** The previous release tag (config, else the highest tag below the version) and its files. */
export async function previousTagInfo(repo: string, plan: Plan, tags?: TagList): Promise<PreviousTagInfo | undefined> {
  const listed = plan.previousTag === undefined ? await (tags ?? listTags(repo)) : undefined;
  const tag = plan.previousTag ?? highestTag(listed ?? [], plan.config.tagFormat, plan.version);
  if (tag === undefined) return undefined;
  if (plan.workspaceCrates.length === 0) return { previousTag: tag };
  try {
    return { previousTag: tag, filesAtPreviousTag: await new Git(repo).filesAt(tag) };
  } catch (e) {
    if (e instanceof GitError) return undefined;
    throw e;
  }
}

/** The same plan with what the previous release tag tells (new crates); unchanged without one. */
export async function withPreviousTag(plan: Plan, tags?: TagList): Promise<Plan> {
  const previous = await previousTagInfo(plan.repo, plan, tags);
  if (!previous) return plan;
  // A plan pinned to another version (planForVersion) carries it in its config.
  return buildPlan(plan.config, plan.configPath, plan.repo, createFsView(plan.repo), previous);
}
