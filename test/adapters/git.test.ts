import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Git, GitError } from '../../src/adapters/git.js';
import { createGitFixture } from '../helpers/git-fixture.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-git-');

function setup(opts = {}) {
  const fx = createGitFixture(tempDir, opts);
  return { fx, git: new Git(fx.dir, { env: fx.env }) };
}

describe('Git', () => {
  it('reports dirty tracked files but not untracked ones', async () => {
    const { fx, git } = setup();
    expect(await git.isClean()).toBe(true);
    writeFileSync(join(fx.dir, 'untracked.tar.gz'), 'x');
    expect(await git.isClean()).toBe(true);
    writeFileSync(join(fx.dir, 'README.md'), 'changed\n');
    expect(await git.dirtyFiles()).toEqual(['README.md']);
  });

  it('knows the branch, HEAD, remotes and their URL', async () => {
    const { fx, git } = setup();
    expect(await git.currentBranch()).toBe('main');
    expect(await git.headCommit()).toBe(fx.git(['rev-parse', 'HEAD']));
    expect(await git.remoteExists('origin')).toBe(true);
    expect(await git.remoteExists('upstream')).toBe(false);
    expect(await git.remoteUrl('origin')).toBe(fx.remote);
    expect(await git.remoteUrl('upstream')).toBeUndefined();
    fx.git(['checkout', '-q', '--detach']);
    expect(await git.currentBranch()).toBeUndefined();
  });

  it('tells the branch and the commits its upstream lacks in one query, unknown where it cannot', async () => {
    const { fx, git } = setup();
    fx.git(['branch', 'other']); // another branch at the same commit is not the current one
    expect(await git.branchStatus()).toEqual({ branch: 'main', ahead: 0 });
    fx.commit('local 1');
    fx.commit('local 2');
    expect(await git.branchStatus()).toEqual({ branch: 'main', ahead: 2 });
    fx.git(['branch', '--unset-upstream']);
    expect(await git.branchStatus()).toEqual({ branch: 'main' });
    fx.git(['branch', '--set-upstream-to=origin/main']);
    fx.git(['update-ref', '-d', 'refs/remotes/origin/main']);
    expect(await git.branchStatus()).toEqual({ branch: 'main' }); // upstream gone
    fx.git(['checkout', '-q', '--detach']);
    expect(await git.branchStatus()).toEqual({});
    expect(await new Git(tempDir()).branchStatus()).toEqual({});
  });

  it('counts commits ahead of and behind the remote after fetching', async () => {
    const { fx, git } = setup();
    expect(await git.syncStatus('origin', 'main')).toEqual({
      remoteBranch: 'origin/main',
      exists: true,
      ahead: 0,
      behind: 0,
    });
    const other = fx.clone();
    fx.commit('remote 1', {}, other);
    fx.commit('remote 2', {}, other);
    fx.git(['push', '-q', 'origin', 'main'], other);
    fx.commit('local');
    expect(await git.syncStatus('origin', 'main')).toMatchObject({ ahead: 1, behind: 2 });
    expect(await git.syncStatus('origin', 'nope')).toMatchObject({ exists: false, behind: 0 });
  });

  it('creates annotated and lightweight tags and finds them locally and on the remote', async () => {
    const { fx, git } = setup();
    const head = await git.headCommit();
    await git.createTag('v1.0.0', 'Release 1.0.0');
    await git.createTag('v1.0.0-light');
    expect(fx.git(['cat-file', '-t', 'v1.0.0'])).toBe('tag');
    expect(fx.git(['cat-file', '-t', 'v1.0.0-light'])).toBe('commit');
    expect(await git.tagExists('v1.0.0')).toBe(true);
    expect(await git.tagTarget('v1.0.0')).toBe(head);
    expect(await git.tagTarget('v9.9.9')).toBeUndefined();
    expect(await git.remoteTagExists('origin', 'v1.0.0')).toBe(false);
    await git.pushTag('origin', 'v1.0.0');
    await git.pushTag('origin', 'v1.0.0-light');
    const remote = await git.remoteTag('origin', 'v1.0.0');
    expect(remote?.commit).toBe(head);
    expect(remote?.object).not.toBe(head);
    expect(await git.remoteTag('origin', 'v1.0.0-light')).toEqual({ object: head, commit: head });
    await git.deleteRemoteTag('origin', 'v1.0.0');
    await git.deleteTag('v1.0.0');
    expect(await git.remoteTagExists('origin', 'v1.0.0')).toBe(false);
    expect(await git.tagExists('v1.0.0')).toBe(false);
  });

  it("fails with one sentence naming the command and git's reason", async () => {
    const { git } = setup();
    await git.createTag('v1.0.0');
    const err = await git.createTag('v1.0.0').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as Error).message).toBe("`git tag v1.0.0` failed: fatal: tag 'v1.0.0' already exists.");
    const push = await git.pushTag('nowhere', 'v1.0.0').catch((e: Error) => e.message);
    expect(push).toMatch(/^`git push nowhere refs\/tags\/v1\.0\.0` failed: fatal: .*nowhere.*\.$/);
  });

  it('reads the log since a tag, limited to paths, with bodies', async () => {
    const { fx, git } = setup();
    fx.git(['tag', 'v0.1.0']);
    fx.commit('feat: grafana query editor (#12)', { 'grafana/a.ts': 'a' });
    fx.commit('fix: rust thing', { 'rust/b.rs': 'b' });
    fx.git(['commit', '-q', '--allow-empty', '-m', 'Merge pull request #13 from x/y', '-m', 'Title line\n\nmore']);
    const all = await git.log('v0.1.0');
    expect(all.map((c) => c.subject)).toEqual([
      'Merge pull request #13 from x/y',
      'fix: rust thing',
      'feat: grafana query editor (#12)',
    ]);
    expect(all[0]?.body).toBe('Title line\n\nmore');
    expect(all[0]?.hash).toMatch(/^[0-9a-f]{40}$/);
    expect((await git.log('v0.1.0', ['grafana'])).map((c) => c.subject)).toEqual(['feat: grafana query editor (#12)']);
    expect(await git.log(undefined)).toHaveLength(4);
  });

  it('finds the latest tag by semver under a tag format', async () => {
    const { fx, git } = setup();
    for (const t of ['v0.9.0', 'v0.10.0', 'other-1', 'v0.11.0-rc.1']) fx.git(['tag', t]);
    expect(await git.latestTag('v${version}')).toBe('v0.11.0-rc.1');
    expect(await git.latestTag('v${version}', '0.11.0-rc.1')).toBe('v0.10.0');
    expect(await git.latestTag('release-${version}')).toBeUndefined();
  });

  it('commits only the given files, finds commits by subject and reverts them', async () => {
    const { fx, git } = setup({ files: { 'a.txt': '1\n', 'b.txt': '1\n' } });
    writeFileSync(join(fx.dir, 'a.txt'), '2\n');
    writeFileSync(join(fx.dir, 'b.txt'), '2\n');
    await git.commitFiles(['a.txt'], 'Bump version to 0.2.0 for next development cycle');
    expect(await git.dirtyFiles()).toEqual(['b.txt']);
    const [bump] = await git.findCommits('Bump version to 0.2.0');
    expect(bump?.subject).toBe('Bump version to 0.2.0 for next development cycle');
    expect(await git.findCommits('Bump version to 0.3.0')).toEqual([]);
    fx.git(['checkout', '-q', '--', 'b.txt']);
    await git.revertCommit(bump?.hash ?? '');
    expect(fx.git(['log', '-1', '--format=%s'])).toBe('Revert "Bump version to 0.2.0 for next development cycle"');
    expect(fx.git(['show', 'HEAD:a.txt'])).toBe('1');
  });
});
