// Which release a post-release command (status, rollback) is about. After the post-release bump
// the config names the next version, while the maintainer asks about, or yanks, the release just
// finished: the current plan's release when it has a saved state, else the newest one that has.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Plan } from '../core/plan-types.js';
import { buildPlan } from '../core/plan.js';
import { createFsView } from '../adapters/fs-view.js';
import { stateDirPath, stateRoot } from '../adapters/state-dir.js';
import { stateFile } from '../store/file-storage.js';

/** The state dir with the most recently written state.json. */
export function newestStateDir(repo: string): string | undefined {
  const root = stateRoot(repo);
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return undefined;
  }
  let best: { dir: string; mtime: number } | undefined;
  for (const name of names) {
    try {
      const mtime = statSync(stateFile(join(root, name))).mtimeMs;
      if (!best || mtime > best.mtime) best = { dir: join(root, name), mtime };
    } catch {
      // No state.json there: a release that never ran.
    }
  }
  return best?.dir;
}

export function releaseDir(repo: string, current: Plan | undefined): string | undefined {
  const own = current ? stateDirPath(repo, current.version) : undefined;
  return own && existsSync(stateFile(own)) ? own : newestStateDir(repo);
}

/** The same config pinned to another version (tag, titles, crate versions and links follow). */
export function planForVersion(plan: Plan, version: string): Plan {
  if (plan.version === version) return plan;
  return buildPlan({ ...plan.config, version }, plan.configPath, plan.repo, createFsView(plan.repo));
}

/** The plan of the release releaseDir() finds (state dirs are named by version), else the plan. */
export function releasePlan(plan: Plan): Plan {
  const dir = releaseDir(plan.repo, plan);
  return dir ? planForVersion(plan, basename(dir)) : plan;
}
