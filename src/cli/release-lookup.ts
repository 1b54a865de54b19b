// Which release a command is about. A release exists once something ran or was confirmed (its
// saved state says it started), never because a cockpit was opened. Without --version:
//  - the cockpit and `run` take the release in progress (started, not finished), else the config's;
//  - status and rollback take the release in progress, else the newest one that ran anything
//    (after the post-release bump the config names the next version, while the maintainer asks
//    about, or yanks, the release just finished).
import type { Plan } from '../core/plan-types.js';
import { buildPlan } from '../core/plan.js';
import { UserError } from '../core/user-error.js';
import { createFsView } from '../adapters/fs-view.js';
import { listReleaseDirs, modifiedMs } from '../adapters/state-dir.js';
import { stateFile } from '../adapters/file-storage.js';
import { hasStarted, isFinished } from '../store/selectors.js';
import type { ReleaseState } from '../core/state-types.js';
import { loadSavedState } from './saved-state.js';

export interface ReleaseRecord {
  version: string;
  dir: string;
  state: ReleaseState;
  /** Every step passed or skipped. */
  finished: boolean;
  /** When its state was last written (epoch ms). */
  updatedMs: number;
}

export function isFinishedState(state: ReleaseState): boolean {
  const steps = Object.values(state.steps);
  return steps.length > 0 && steps.every((s) => isFinished(s.status));
}

function record(dir: string, version: string, tolerant: boolean): ReleaseRecord | undefined {
  let state: ReleaseState | undefined;
  try {
    state = loadSavedState(dir);
  } catch (e) {
    // A corrupt or newer state: what it says matters more than a guess at another release.
    if (!tolerant) throw e;
    return undefined;
  }
  if (!state || !hasStarted(state)) return undefined;
  const updated = Date.parse(state.updatedAt);
  const updatedMs = Number.isFinite(updated) ? updated : modifiedMs(stateFile(dir));
  return { version, dir, state, finished: isFinishedState(state), updatedMs };
}

/** Every release of the repository that ran anything, newest first (tolerant: skip unreadable ones). */
export function listReleases(repo: string, tolerant = false): ReleaseRecord[] {
  const out = listReleaseDirs(repo).flatMap(({ version, dir }) => record(dir, version, tolerant) ?? []);
  return out.sort((a, b) => b.updatedMs - a.updatedMs);
}

/** The releases with state, for a sentence ("0.15.0, 0.14.0" or "none yet"). */
function known(releases: ReleaseRecord[]): string {
  return releases.length === 0
    ? 'no release has run in this repository yet'
    : `releases with state: ${releases.map((r) => r.version).join(', ')}`;
}

/** --version V: the release with that version; refused with the list when it has no state. */
export function namedRelease(repo: string, version: string): ReleaseRecord {
  const releases = listReleases(repo);
  const found = releases.find((r) => r.version === version);
  if (found) return found;
  throw new UserError(`no release ${version} has state in this repository (${known(releases)}).`, {
    hint:
      releases.length > 0
        ? `Pass one of them, e.g. --version ${releases[0]!.version}.`
        : 'Start one with `release-cockpit`.',
  });
}

export function inProgress(releases: ReleaseRecord[]): ReleaseRecord | undefined {
  return releases.find((r) => !r.finished);
}

/** status / rollback: --version, else in progress, else the newest that ran anything. */
export function addressedRelease(repo: string, version?: string): ReleaseRecord | undefined {
  if (version !== undefined) return namedRelease(repo, version);
  const releases = listReleases(repo);
  return inProgress(releases) ?? releases[0];
}

/** The newest finished release (the cockpit's rollback menu when the current one published nothing). */
export function lastFinished(repo: string, except?: string): ReleaseRecord | undefined {
  return listReleases(repo, true).find((r) => r.finished && r.version !== except);
}

/** The same config pinned to another version (tag, titles, crate versions and links follow). */
export function planForVersion(plan: Plan, version: string): Plan {
  if (plan.version === version) return plan;
  return buildPlan({ ...plan.config, version }, plan.configPath, plan.repo, createFsView(plan.repo));
}

/** status / rollback: the plan of the addressed release (else the config's plan). */
export function releasePlan(plan: Plan, version?: string): Plan {
  const r = addressedRelease(plan.repo, version);
  return r ? planForVersion(plan, r.version) : plan;
}

/**
 * The cockpit and `run`: --version (the config's version needs no state: it is the one to
 * start), else the release in progress, else the config's version.
 */
export function runPlan(plan: Plan, version?: string): Plan {
  if (version !== undefined)
    return version === plan.version ? plan : planForVersion(plan, namedRelease(plan.repo, version).version);
  const open = inProgress(listReleases(plan.repo));
  return open ? planForVersion(plan, open.version) : plan;
}
