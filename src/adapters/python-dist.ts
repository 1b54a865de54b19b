// What a Python build wrote: dist/ is listed before and after the build command, and the files
// that are new or rewritten are the build's (dist/ keeps older versions' files around).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type DistSnapshot = Map<string, string>;

/** file name -> "mtime:size" of every distribution file in dir (empty when dir does not exist). */
export function snapshotDist(dir: string): DistSnapshot {
  const out: DistSnapshot = new Map();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (!/\.(whl|tar\.gz|zip)$/.test(name)) continue;
    try {
      const st = statSync(join(dir, name));
      if (st.isFile()) out.set(name, `${st.mtimeMs}:${st.size}`);
    } catch {
      // Removed while listing: not a file the build left.
    }
  }
  return out;
}

/** Files written since the snapshot, sorted. */
export function builtSince(dir: string, before: DistSnapshot): string[] {
  return [...snapshotDist(dir)]
    .filter(([name, stamp]) => before.get(name) !== stamp)
    .map(([name]) => name)
    .sort();
}
