// The cockpit's way to the last finished release (its rollback menu when the current release
// published nothing), acting through the shelf of releases: one engine at a time, opened per
// action, so the idle cockpit never holds that release's lock.
import type { Plan } from '../core/plan-types.js';
import { describeResult, summarizeRelease } from '../engine/release-history.js';
import type { PreviousRelease } from '../ui/previous-release.js';
import type { ReleaseShelf } from '../ui/release-shelf.js';
import { lastFinished } from './release-lookup.js';
import { releaseShelfFor } from './release-shelf.js';

export function previousReleaseFor(
  plan: Plan,
  env: Record<string, string | undefined>,
  shelf: ReleaseShelf = releaseShelfFor(plan, env),
): PreviousRelease | undefined {
  const found = lastFinished(plan.repo, plan.version);
  if (!found) return undefined;
  const summary = summarizeRelease(found.state, []);
  return {
    version: found.version,
    describe: (now) => describeResult(summary, now),
    withEngine: (fn) => shelf.withEngine(found.version, fn),
  };
}
