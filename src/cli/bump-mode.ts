// `release-cockpit bump --to VERSION | --level major|minor|patch [--dry-run] [--commit] [--force]`:
// moves every version location (and the local entries of the Cargo.lock files) to a new version,
// printing `path:line  old -> new` per value. All edits are verified before any file is written,
// and the files are written all or none. It holds the release lock while it writes and refuses
// while the release's publish step is unfinished (unless --force): see core/phase-order.ts.
import { resolve } from 'node:path';
import { lockRelease } from '../adapters/release-lock.js';
import { stateDirPath } from '../adapters/state-dir.js';
import { bumpBeforePublishSentence, unfinishedPublishStep } from '../core/phase-order.js';
import type { Plan } from '../core/plan-types.js';
import { loadSavedState } from './saved-state.js';
import type { CliArgs } from './args.js';
import { applyEdits } from '../adapters/apply-edits.js';
import { createFsView } from '../adapters/fs-view.js';
import { Git, GitError } from '../adapters/git.js';
import { loadConfig } from './load-config.js';
import { nextVersion } from '../core/next-version.js';
import { buildPlan } from '../core/plan.js';
import { scanDocs } from '../core/docs-references.js';
import { isUserError, UserError } from '../core/user-error.js';
import {
  bumpCommitMessage,
  formatBumpLines,
  lockFilesFor,
  prepareBump,
  unlistedFiles,
  unlistedSentence,
} from '../core/version-bump.js';

export async function runBumpMode(
  args: CliArgs,
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<number> {
  const repo = resolve(args.repo);
  const { config, configPath } = loadConfig(repo, args.config);
  const view = createFsView(repo);
  const plan = buildPlan(config, configPath, repo, view);
  const next = nextVersion(plan.version, { to: args.to, level: args.level, force: args.force });
  // Outside a git repository no release can run (its state lives in the git dir): nothing to lock.
  const inRepo = stateDirOrNone(repo, plan.version) !== undefined;
  // The lock first: a run that holds it may be publishing from these very manifests.
  const lock = inRepo && !args.dryRun ? lockRelease(repo, plan.version) : undefined;
  try {
    if (inRepo && !args.force) refuseBeforePublish(repo, plan);
    return await bumpFiles(args, repo, plan, next, out);
  } finally {
    lock?.release();
  }
}

function stateDirOrNone(repo: string, version: string): string | undefined {
  try {
    return stateDirPath(repo, version);
  } catch (e) {
    if (isUserError(e)) return undefined;
    throw e;
  }
}

/** Bumping while the release's publish step is unfinished corrupts the publish. */
function refuseBeforePublish(repo: string, plan: Plan): void {
  const state = loadSavedState(stateDirPath(repo, plan.version));
  const step = state && unfinishedPublishStep(plan, state.steps);
  if (step) throw new UserError(bumpBeforePublishSentence(plan, step, true));
}

async function bumpFiles(
  args: CliArgs,
  repo: string,
  plan: Plan,
  next: string,
  out: (line: string) => void,
): Promise<number> {
  const { config } = plan;
  const view = createFsView(repo);
  const bump = prepareBump({
    files: view,
    locations: plan.versionFiles,
    crates: plan.workspaceCrates,
    versionFiles: config.versionFiles,
    lockFiles: lockFilesFor(config.crates.workspace, config.crates.extraManifests),
    next,
    // Install lines in the docs follow the release just made (plan.version), not `next`.
    docs: scanDocs(view, config, { release: plan.version }),
  });
  for (const line of formatBumpLines(bump.lines)) out(line);
  const unlisted = unlistedSentence(unlistedFiles(bump, config.versionFiles));
  if (unlisted) out(`Note: ${unlisted}.`);
  for (const p of bump.placeholders) out(`${p.path}:${p.line}  ${p.value} (placeholder, left alone)`);
  if (bump.changes.length === 0) {
    out(`Nothing to change: every version location already carries ${next}.`);
    return 0;
  }
  const docs = bump.lines.filter((l) => l.docs).length;
  const docsNote = docs > 0 ? ` (${docs} of them docs install lines, to the release ${plan.version})` : '';
  const summary = `${bump.lines.length} values in ${bump.changes.length} files${docsNote}`;
  if (args.dryRun) {
    out(`Dry run: ${summary} would move to ${next}; nothing written.`);
    return 0;
  }
  applyEdits(repo, bump.changes);
  out(`Moved ${summary} to ${next}.`);
  if (args.commit) {
    const message = bumpCommitMessage(next);
    try {
      await new Git(repo).commitFiles(
        bump.changes.map((c) => c.path),
        message,
      );
    } catch (e) {
      if (e instanceof GitError) throw new UserError(`the files were bumped but the commit failed: ${e.message}`);
      throw e;
    }
    out(`Committed "${message}".`);
  }
  return 0;
}
