// The cockpit's way to the last finished release (its rollback menu when the current release
// published nothing): its engine is opened per action and closed right after, one at a time,
// so the idle cockpit never holds that release's lock.
import type { Plan } from '../core/plan-types.js';
import { openEngine } from '../engine/engine.js';
import { describeResult, summarizeRelease } from '../engine/release-history.js';
import type { PreviousRelease } from '../ui/previous-release.js';
import { lastFinished, planForVersion } from './release-lookup.js';

export function previousReleaseFor(plan: Plan, env: Record<string, string | undefined>): PreviousRelease | undefined {
  const found = lastFinished(plan.repo, plan.version);
  if (!found) return undefined;
  const summary = summarizeRelease(found.state, []);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    version: found.version,
    describe: (now) => describeResult(summary, now),
    withEngine: (fn) => {
      const run = async (): Promise<Awaited<ReturnType<typeof fn>>> => {
        const engine = await openEngine({
          repo: plan.repo,
          configPath: plan.configPath,
          plan: planForVersion(plan, found.version),
          env,
          interactive: true,
        });
        try {
          return await fn(engine);
        } finally {
          await engine.close();
        }
      };
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
