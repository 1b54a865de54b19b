// `github-pr` (irreversible): opens the pull request that merges the release branch back
// (`gh pr create --base --head --title --body`), skipped when `gh pr view BRANCH` finds one open,
// or merged at the branch's commit; optionally waits until it is merged. Journaled; reconciled
// with `gh pr view`.
import type { StepConfig } from '../../core/config/step.js';
import { Gh, GhError, type GhPullRequest } from '../../adapters/gh.js';
import { Git, GitError } from '../../adapters/git.js';
import type { Plan, PlannedStep } from '../../core/plan-types.js';
import { expandTemplate, releaseVars } from '../../core/template.js';
import type { JournalEntry } from '../../core/journal-types.js';
import { recordChild } from '../orphans.js';
import type { StepContext, StepHandler, StepOutcome } from '../step-types.js';

type PrConfig = Extract<StepConfig, { kind: 'github-pr' }>;

function config(step: PlannedStep): PrConfig {
  if (step.config.kind !== 'github-pr') throw new Error(`step ${step.id} is not a github-pr step`);
  return step.config;
}

/** What `gh pr create` receives: branches and texts with ${version}, ${tag}, ${project} replaced. */
export function prArgs(cfg: PrConfig, plan: Plan): { base: string; head: string; title: string; body: string } {
  const x = (t: string) => expandTemplate(t, releaseVars(plan));
  const head = x(cfg.branch);
  const base = x(cfg.base);
  return {
    base,
    head,
    title: x(cfg.prTitle ?? `Merge \${tag} back into ${base}`),
    body: x(
      cfg.body ?? `The release branch of \${project} \${tag}, merged back into ${base} (opened by release-cockpit).`,
    ),
  };
}

const gh = (ctx: StepContext, cfg: PrConfig) => new Gh(ctx.repo, { env: ctx.env, signal: ctx.signal, repo: cfg.repo });

/**
 * The pull request of this release: an open one, or a merged one whose head is the branch's
 * commit now. A closed one, or one merged in an earlier cycle of a re-cut branch, is history.
 */
function live(pr: GhPullRequest | undefined, head: string | undefined): GhPullRequest | undefined {
  if (!pr || pr.state === 'CLOSED') return undefined;
  if (pr.state === 'MERGED' && head !== undefined && pr.headRefOid !== head) return undefined;
  return pr;
}

/** The local commit of the head branch (the one git-push pushed), when there is such a branch. */
const branchHead = (ctx: StepContext, branch: string) =>
  new Git(ctx.repo, { env: ctx.env, signal: ctx.signal }).branchCommit(branch);

class StepFailure extends Error {}

/** Polls `gh pr view` until the PR is merged; a closed PR fails. */
async function waitForMerge(ctx: StepContext, client: Gh, cfg: PrConfig, pr: GhPullRequest): Promise<StepOutcome> {
  let current = pr;
  let announced = false;
  while (current.state === 'OPEN') {
    if (!announced) ctx.log(`waiting for ${current.url} to be merged (asking GitHub every ${cfg.pollSeconds} s)`);
    announced = true;
    await ctx.sleep(cfg.pollSeconds * 1000, ctx.signal);
    if (ctx.signal.aborted)
      return { status: 'failed', reason: `stopped while waiting for ${current.url} to be merged` };
    const seen = await client.viewPr(current.headRefName);
    if (!seen) throw new StepFailure(`${current.url} is no longer found by \`gh pr view ${current.headRefName}\``);
    current = seen;
  }
  if (current.state === 'CLOSED')
    return {
      status: 'failed',
      reason: `pull request #${current.number} (${current.url}) was closed without being merged`,
    };
  return { status: 'passed', summary: `#${current.number} merged: ${current.url}` };
}

async function run(ctx: StepContext): Promise<StepOutcome> {
  const cfg = config(ctx.step);
  const args = prArgs(cfg, ctx.plan);
  const client = gh(ctx, cfg);
  try {
    const head = await branchHead(ctx, args.head);
    let pr = live(await client.viewPr(args.head), head);
    if (pr) {
      ctx.log(`pull request #${pr.number} of ${args.head} is already ${pr.state.toLowerCase()}: ${pr.url}`);
    } else {
      const url = await ctx.journal.around('github-pr', `${args.base}...${args.head}`, ctx.step.id, (intent) =>
        client.createPr(args, { onSpawn: recordChild(ctx.journal, intent) }),
      );
      pr = live(await client.viewPr(args.head), undefined);
      if (!pr) throw new StepFailure(`gh opened ${url} but \`gh pr view ${args.head}\` does not find it`);
      ctx.log(`opened ${pr.url}`);
    }
    if (cfg.waitForMerge) return await waitForMerge(ctx, client, cfg, pr);
    return { status: 'passed', summary: `#${pr.number} ${pr.state === 'MERGED' ? 'merged' : 'open'}: ${pr.url}` };
  } catch (e) {
    if (e instanceof StepFailure || e instanceof GhError || e instanceof GitError)
      return { status: 'failed', reason: e.message };
    throw e;
  }
}

/** Done when `gh pr view BRANCH` finds an open or merged pull request of the head branch. */
async function reconcile(ctx: StepContext, intent: JournalEntry): Promise<'done' | 'not-done' | 'unknown'> {
  const head = intent.target.split('...')[1];
  if (!head) return 'unknown';
  try {
    return live(await gh(ctx, config(ctx.step)).viewPr(head), await branchHead(ctx, head)) ? 'done' : 'not-done';
  } catch (e) {
    if (e instanceof GhError || e instanceof GitError) return 'unknown';
    throw e;
  }
}

export const githubPrStep: StepHandler = {
  kind: 'github-pr',
  ownJournal: () => true,
  commands: (step, plan) => {
    const cfg = config(step);
    return [Gh.prCreateArgv({ ...prArgs(cfg, plan), repo: cfg.repo })];
  },
  run,
  reconcile,
};
