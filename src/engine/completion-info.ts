// The facts of a release's end that need IO (the report file, the branch and what its upstream
// lacks), handed to the pure completion summary (core/completion.ts).
import { Git } from '../adapters/git.js';
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
  const git = new Git(d.repo, { env: d.env });
  // Both at once: the end of every run waits for them.
  const [branch, ahead] = await Promise.all([
    git.currentBranch().catch(() => undefined),
    // No upstream (or no git): the count is unknown, not zero.
    git.raw(['rev-list', '--count', '@{upstream}..HEAD']).catch(() => undefined),
  ]);
  const unpushed = ahead?.exitCode === 0 ? Number(ahead.stdout.trim()) : undefined;
  // report.md is written whenever a run stops (see report-writer.ts).
  return buildCompletion(d.plan, d.state, {
    reportPath: reportFile(d.stateDir),
    ...(unpushed !== undefined && Number.isFinite(unpushed) ? { unpushed } : {}),
    ...(branch ? { branch } : {}),
  });
}
