// A branch against its remote, decided from `git ls-remote --heads` (the truth), never from the
// remote-tracking ref, which goes stale when the remote branch is deleted between releases: a
// stale one is pruned, a real divergence is named with both commits and the counts.
import type { Git } from './git.js';
import { plural } from '../core/plural.js';

export type BranchVerdict =
  /** The remote has no such branch: a plain push creates it. `pruned`: a stale tracking ref was removed. */
  | { state: 'absent'; pruned?: string }
  /** The remote has it at the local commit. */
  | { state: 'same'; commit: string }
  /** The remote is behind: the push fast-forwards it. */
  | { state: 'behind'; remote: string; commits: number }
  /** The remote has commits the local branch lacks. */
  | { state: 'diverged'; remote: string; ahead: number; behind: number };

const short = (sha: string): string => sha.slice(0, 7);

/** Where `branch` stands on `remote` against the local commit `local`. */
export async function branchVerdict(
  git: Git,
  remote: string,
  branch: string,
  local: string,
  opts: { prune: boolean } = { prune: true },
): Promise<BranchVerdict> {
  const there = await git.remoteRef(remote, `refs/heads/${branch}`);
  const tracking = `refs/remotes/${remote}/${branch}`;
  if (!there) {
    const stale = await git.raw(['rev-parse', '-q', '--verify', `${tracking}^{commit}`]);
    if (stale.exitCode !== 0) return { state: 'absent' };
    if (!opts.prune) return { state: 'absent' };
    await git.run(['update-ref', '-d', tracking]);
    return { state: 'absent', pruned: `${remote}/${branch} (at ${short(stale.stdout.trim())})` };
  }
  if (there.commit === local) return { state: 'same', commit: local };
  // Bring the remote commit in (refreshing the tracking ref) to compare histories.
  await git.run(['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:${tracking}`]);
  const counts = await git.run(['rev-list', '--left-right', '--count', `${local}...${there.commit}`]);
  const [ahead = 0, behind = 0] = counts.split(/\s+/).map(Number);
  if (behind === 0) return { state: 'behind', remote: there.commit, commits: ahead };
  return { state: 'diverged', remote: there.commit, ahead, behind };
}

/** The sentence a verdict gives the step log (undefined when there is nothing to say). */
export function describeVerdict(v: BranchVerdict, remote: string, branch: string): string | undefined {
  switch (v.state) {
    case 'absent':
      return v.pruned
        ? `${branch} is not on ${remote} (git ls-remote --heads): pruned the stale tracking ref ${v.pruned}; the push creates the branch`
        : `${branch} is not on ${remote} yet: the push creates it`;
    case 'behind':
      return `${branch} on ${remote} is ${plural(v.commits, 'commit')} behind the local one: the push fast-forwards it`;
    case 'diverged':
      return `${branch} on ${remote} (at ${short(v.remote)}) has ${plural(v.behind, 'commit')} the local ${branch} lacks, and the local one ${v.ahead} it lacks: the branches diverged; merge or rebase onto ${remote}/${branch}, or delete the remote branch if it is an old release's`;
    case 'same':
      return undefined;
  }
}
