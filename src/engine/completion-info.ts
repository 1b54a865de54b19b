// The facts of a release's end that need IO (the report file, the branch and what its upstream
// lacks), handed to the pure completion summary (core/completion.ts).
import { Git, type BranchStatus } from '../adapters/git.js';
import { buildCompletion, type CompletionSummary } from '../core/completion.js';
import type { Plan } from '../core/plan-types.js';
import type { ReleaseState } from '../core/state-types.js';
import { reportFile } from './report-writer.js';

export interface CompletionDeps {
  plan: Plan;
  repo: string;
  stateDir: string;
  state: ReleaseState;
  env: Record<string, string | undefined>;
}

export async function releaseCompletion(d: CompletionDeps): Promise<CompletionSummary> {
  // No git at all: nothing known, as on a detached HEAD.
  const git = new Git(d.repo, { env: d.env });
  const { branch, ahead: unpushed } = await git.branchStatus().catch((): BranchStatus => ({}));
  // report.md is written whenever a run stops (see report-writer.ts).
  return buildCompletion(d.plan, d.state, {
    reportPath: reportFile(d.stateDir),
    ...(unpushed !== undefined ? { unpushed } : {}),
    ...(branch ? { branch } : {}),
  });
}
