// The queue publishes exactly the planned versions. A manifest that says otherwise at queue start
// (a `bump` ran, a branch was checked out, a hand edit) stops the queue before anything is
// uploaded; `-p NAME@VERSION` and the `Uploading` check guard each crate after that.
import { isUserError } from '../core/user-error.js';
import type { StepContext, StepOutcome } from './step-types.js';
import { locateVersions } from './steps/verify-versions.js';

/** A failed outcome naming the first crate whose manifest no longer carries the planned version. */
export function manifestDrift(ctx: Pick<StepContext, 'repo' | 'plan'>): StepOutcome | undefined {
  let found: { name: string; version: string; manifest: string }[];
  try {
    found = locateVersions(ctx.repo, ctx.plan.config).crates;
  } catch (e) {
    if (isUserError(e)) return { status: 'failed', reason: e.format() };
    throw e;
  }
  for (const c of ctx.plan.crates) {
    const now = found.find((f) => f.name === c.name);
    if (now && now.version !== c.version) {
      return {
        status: 'failed',
        reason: `${now.manifest} now says ${c.name} ${now.version} but release ${ctx.plan.version} publishes ${c.version}: the manifests changed after the release was planned; restore them (git checkout -- ${now.manifest}) before the queue uploads anything.`,
      };
    }
  }
  return undefined;
}
