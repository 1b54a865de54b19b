// The git query the cockpit's entry starts before the cockpit's code loads: the same answer as
// state-dir.ts's own, handed to primeGitDirs; never a rejection, whatever the repo or the PATH.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { askGitDirsEarly } from '../../src/adapters/git-dirs-query.js';
import { gitDirs, primeGitDirs } from '../../src/adapters/state-dir.js';
import { useGitRepos } from '../helpers/git-repo.js';

const gitRepo = useGitRepos();

/** `fn` with PATH emptied: any git process it starts fails to. */
async function withoutGit<T>(fn: () => T | Promise<T>): Promise<T> {
  const path = process.env.PATH;
  process.env.PATH = '';
  try {
    return await fn();
  } finally {
    process.env.PATH = path;
  }
}

describe('askGitDirsEarly', () => {
  it('primes gitDirs with the tags from its own git process: primeGitDirs then starts none', async () => {
    const r = gitRepo({ commit: true });
    r.git('tag', 'v1.0.0');
    r.git('tag', '-a', '-m', 'x', 'v1.1.0');
    r.write('sub/x.txt', 'x');
    const sub = join(r.dir, 'sub');
    const asked = askGitDirsEarly(sub);
    await asked;
    await withoutGit(async () => {
      expect(await primeGitDirs(sub, { tags: true }, asked)).toEqual(['v1.0.0', 'v1.1.0']);
      // A config with previousTag wants no tags: none are returned though git listed them.
      expect(await primeGitDirs(sub, { tags: false }, asked)).toEqual([]);
      expect(gitDirs(sub)).toEqual({ gitDir: join(r.dir, '.git'), commonDir: join(r.dir, '.git'), workTree: r.dir });
    });
  });

  it('resolves with a failure, never rejects, for a directory that is not a repository, one that does not exist, or no git', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rc-nogit-'));
    try {
      // Wrapped: withoutGit would await the answer itself.
      const [noGit] = await withoutGit(() => [askGitDirsEarly(dir)]);
      for (const asked of [askGitDirsEarly(dir), askGitDirsEarly(join(dir, 'missing')), noGit]) {
        const answer = await asked;
        expect(answer.exitCode).not.toBe(0);
        // primeGitDirs leaves it to gitDirs() to ask again and say why.
        expect(await primeGitDirs(dir, { tags: true }, asked)).toBeUndefined();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
