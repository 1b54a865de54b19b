// The cockpit's way to the repository's other releases (history view, rollback of an older
// release): listed from the state dir; an engine is opened per action and closed right after,
// one at a time, so the idle cockpit never holds another release's lock.
import type { Plan } from '../core/plan-types.js';
import { openEngine } from '../engine/engine.js';
import { describeResult } from '../engine/release-history.js';
import type { ReleaseShelf } from '../ui/release-shelf.js';
import { planForVersion } from './release-lookup.js';
import { releaseSummaries } from './release-summaries.js';

export function releaseShelfFor(plan: Plan, env: Record<string, string | undefined>): ReleaseShelf {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    list: async () => {
      const now = Date.now();
      return releaseSummaries(plan.repo, true).map((r) => ({ ...r, label: describeResult(r, now) }));
    },
    withEngine: (version, fn) => {
      const run = async (): Promise<Awaited<ReturnType<typeof fn>>> => {
        const engine = await openEngine({
          repo: plan.repo,
          configPath: plan.configPath,
          plan: planForVersion(plan, version),
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
