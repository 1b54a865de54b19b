// The git/GitHub rollback actions on a real repository with a bare remote and the gh stand-in.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engine/engine.js';
import {
  FACTS_MAX_AGE_MS,
  gitRollbackActions,
  gitRollbackCommands,
  probeGitRollback,
  runGitRollback,
  type GitRollbackDeps,
} from '../../src/engine/git-rollback.js';
import { openJournal } from '../../src/engine/journal.js';
import { standInEnv } from '../../src/sandbox/stand-ins/stand-ins.js';
import { createGitFixture } from '../helpers/git-fixture.js';
import { makePlan } from '../helpers/make-plan.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-rollback-');

function setup() {
  const fx = createGitFixture(tempDir, { files: { VERSION: '0.15.0\n' } });
  const plan = makePlan({
    repo: fx.dir,
    project: 'Micromegas',
    version: '0.15.0',
    next: '0.16.0',
    phases: [
      {
        id: 'git',
        steps: [
          { id: 'tag', kind: 'git-tag' },
          { id: 'push', kind: 'git-push' },
          { id: 'gh', kind: 'github-release', repo: 'o/r' },
        ],
      },
    ],
  });
  const logDir = tempDir();
  const log = join(logDir, 'calls.jsonl');
  const env = { ...standInEnv({ log, base: fx.env }), STANDIN_GH_REQUIRE_TOKEN: '1', GH_TOKEN: 'token' };
  const journal = openJournal(null);
  const lines: string[] = [];
  const deps: GitRollbackDeps = { plan, repo: fx.dir, journal, env, log: (t) => lines.push(t) };
  /** A released state: tag pushed, GitHub release created, bump committed. */
  const release = () => {
    fx.git(['tag', '-a', 'v0.15.0', '-m', 'Micromegas v0.15.0']);
    fx.git(['push', '-q', 'origin', 'v0.15.0']);
    writeFileSync(join(logDir, 'notes.md'), 'notes');
    fx.commit('Bump version to 0.16.0 for next development cycle', { VERSION: '0.16.0\n' });
    const r = runGh(['release', 'create', 'v0.15.0', '--repo', 'o/r', '--notes-file', join(logDir, 'notes.md')]);
    expect(r).toContain('https://github.com/o/r/releases/tag/v0.15.0');
  };
  const runGh = (args: string[]) => execFileSync('gh', args, { cwd: fx.dir, env, encoding: 'utf8' });
  return { fx, plan, env, deps, journal, lines, release, runGh, log };
}

describe('git rollback actions', () => {
  it('disables what never happened, each with its reason', async () => {
    const { deps } = setup();
    const facts = await probeGitRollback(deps);
    expect(facts).toMatchObject({
      tag: 'v0.15.0',
      remote: 'origin',
      tagLocal: false,
      tagRemote: false,
      release: null,
      bumpReverted: false,
      patch: '0.15.1',
    });
    expect(gitRollbackActions(facts)).toEqual([
      { id: 'delete-tag', title: 'Delete tag v0.15.0', disabledReason: 'the tag v0.15.0 was never created' },
      {
        id: 'draft-github-release',
        title: 'Turn the GitHub release v0.15.0 into a draft',
        disabledReason: 'there is no GitHub release for v0.15.0',
      },
      {
        id: 'delete-github-release',
        title: 'Delete the GitHub release v0.15.0',
        disabledReason: 'there is no GitHub release for v0.15.0',
      },
      {
        id: 'edit-release-notes',
        title: 'Edit the notes of the GitHub release v0.15.0 (in $EDITOR)',
        disabledReason: 'there is no GitHub release for v0.15.0',
      },
      {
        id: 'revert-bump',
        title: 'Revert the version bump commit',
        disabledReason: 'no version bump commit was found',
      },
      {
        id: 'yank-python',
        title: 'Yank the Python package on PyPI',
        disabledReason: 'the plan has no publish-python step',
      },
      { id: 'prepare-patch', title: 'Patch release 0.15.1: the steps (nothing runs)' },
    ]);
    expect(await runGitRollback('delete-tag', deps)).toEqual({
      target: 'delete-tag v0.15.0',
      label: 'Delete tag v0.15.0',
      ok: false,
      message: 'the tag v0.15.0 was never created',
    });
    expect(deps.journal.entries()).toEqual([]);
  });

  it('says when GitHub could not be asked', async () => {
    const { deps, env } = setup();
    const facts = await probeGitRollback({ ...deps, env: { ...env, GH_TOKEN: undefined } });
    expect(facts.release).toBeUndefined();
    expect(gitRollbackActions(facts)[1]?.disabledReason).toMatch(
      /^the GitHub release could not be checked \(`gh release view v0\.15\.0 .*` failed: To get started with GitHub CLI/,
    );
  });

  it('deletes the tag locally and on the remote, journaled', async () => {
    const { fx, deps, release, journal } = setup();
    release();
    const facts = await probeGitRollback(deps);
    expect(gitRollbackActions(facts)[0]).toEqual({
      id: 'delete-tag',
      title: 'Delete tag v0.15.0 (locally and on origin)',
    });
    expect(gitRollbackCommands('delete-tag', facts, deps.plan)).toEqual([
      ['git', 'push', 'origin', '--delete', 'refs/tags/v0.15.0'],
      ['git', 'tag', '-d', 'v0.15.0'],
    ]);
    expect(await runGitRollback('delete-tag', deps)).toEqual({
      target: 'delete-tag v0.15.0',
      label: 'Delete tag v0.15.0 (locally and on origin)',
      ok: true,
      message: 'deleted tag v0.15.0',
    });
    expect(fx.git(['tag'])).toBe('');
    expect(fx.git(['ls-remote', '--tags', 'origin'])).toBe('');
    // Under the rollback's own step, as a yank is: the runner's per-step settle never mixes them.
    expect(journal.entries().map((e) => `${e.type} ${e.step} ${e.action} ${e.target}`)).toEqual([
      'intent rollback rollback delete-tag v0.15.0',
      'child rollback rollback delete-tag v0.15.0',
      'done rollback rollback delete-tag v0.15.0',
    ]);
  });

  it('turns the GitHub release into a draft, then deletes it', async () => {
    const { deps, release, runGh } = setup();
    release();
    expect(await runGitRollback('draft-github-release', deps)).toMatchObject({
      ok: true,
      message: 'the GitHub release v0.15.0 is a draft now',
    });
    expect(JSON.parse(runGh(['release', 'view', 'v0.15.0', '--repo', 'o/r', '--json', 'isDraft']))).toEqual({
      isDraft: true,
    });
    const facts = await probeGitRollback(deps);
    expect(gitRollbackActions(facts)[1]?.disabledReason).toBe('the GitHub release is already a draft');
    expect(gitRollbackCommands('delete-github-release', facts, deps.plan)).toEqual([
      ['gh', 'release', 'delete', 'v0.15.0', '--yes', '--repo', 'o/r'],
    ]);
    expect(await runGitRollback('delete-github-release', deps)).toMatchObject({
      ok: true,
      message: 'deleted the GitHub release v0.15.0 (the tag is kept)',
    });
    expect((await probeGitRollback(deps)).release).toBeNull();
  });

  it('reverts the bump commit once', async () => {
    const { fx, deps, release } = setup();
    release();
    const bump = fx.git(['rev-parse', 'HEAD']);
    const facts = await probeGitRollback(deps);
    expect(gitRollbackActions(facts).find((a) => a.id === 'revert-bump')).toEqual({
      id: 'revert-bump',
      title: `Revert "Bump version to 0.16.0 for next development cycle" (${bump.slice(0, 7)})`,
    });
    const res = await runGitRollback('revert-bump', deps);
    expect(res).toMatchObject({ target: `revert-bump ${bump.slice(0, 7)}`, ok: true });
    expect(res.message).toMatch(
      /^reverted "Bump version to 0\.16\.0 for next development cycle" as [0-9a-f]{7}; push it when ready$/,
    );
    expect(readFileSync(join(fx.dir, 'VERSION'), 'utf8')).toBe('0.15.0\n');
    expect(gitRollbackActions(await probeGitRollback(deps)).find((a) => a.id === 'revert-bump')?.disabledReason).toBe(
      'the version bump was already reverted',
    );
  });

  it('reports a git failure in one sentence and journals it', async () => {
    const { fx, deps, release, journal } = setup();
    release();
    writeFileSync(join(fx.dir, 'VERSION'), 'local edit\n');
    const res = await runGitRollback('revert-bump', deps);
    expect(res.ok).toBe(false);
    expect(res.message).toMatch(
      /^`git revert --no-edit [0-9a-f]{40}` failed: error: Your local changes to the following files would be overwritten by merge\.$/,
    );
    expect(journal.entries().map((e) => e.type)).toEqual(['intent', 'failed']);
  });

  it('a patch release is steps for the maintainer: nothing runs, nothing is journaled', async () => {
    const { fx, deps, release, lines } = setup();
    release();
    const head = fx.git(['rev-parse', 'HEAD']);
    const res = await runGitRollback('prepare-patch', deps);
    expect(res).toEqual({
      target: 'prepare-patch 0.15.1',
      label: 'Patch release 0.15.1: the steps (nothing runs)',
      ok: true,
      message: 'nothing ran: the steps of patch release 0.15.1 are in the rollback output',
    });
    expect(lines).toEqual([
      'patch release 0.15.1: git switch -c release/v0.15.1 v0.15.0   (a branch from v0.15.0)',
      'patch release 0.15.1: commit the fix on it, or git cherry-pick COMMIT from main',
      'patch release 0.15.1: release-cockpit bump --to 0.15.1 --commit',
      'patch release 0.15.1: release-cockpit   (the cockpit opens on the patch release 0.15.1)',
    ]);
    expect(fx.git(['rev-parse', 'HEAD'])).toBe(head);
    expect(fx.git(['branch', '--list', 'release/*'])).toBe('');
    expect(deps.journal.entries()).toEqual([]);
  });

  it("is the engine's rollback menu", async () => {
    const { fx, plan, env, release } = setup();
    release();
    const engine = await openEngine({ repo: fx.dir, plan, env, yes: true });
    try {
      // The menu's actions come once git and GitHub have answered: the release exists, so it can go.
      expect(
        (await engine.rollbackActions()).find((a) => a.id === 'delete-github-release')?.disabledReason,
      ).toBeUndefined();
      const res = await engine.runRollbackAction('delete-github-release');
      expect(res).toMatchObject({ ok: true, target: 'delete-github-release v0.15.0' });
      expect((await engine.rollbackActions()).find((a) => a.id === 'delete-github-release')?.disabledReason).toBe(
        'there is no GitHub release for v0.15.0',
      );
      expect(
        engine.journal
          .entries()
          .filter((e) => e.action === 'rollback')
          .map((e) => e.type),
      ).toEqual(['intent', 'child', 'done']);
    } finally {
      await engine.close();
    }
  });

  it('the menu answers from its last look at GitHub for FACTS_MAX_AGE_MS, then looks again', async () => {
    const { fx, plan, env, release, log } = setup();
    release();
    let clock = Date.parse('2026-12-05T10:00:00Z');
    const engine = await openEngine({ repo: fx.dir, plan, env, yes: true, now: () => clock });
    const views = (): number =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l.includes('"release"') && l.includes('"view"')).length;
    try {
      await engine.rollbackActions();
      const first = views();
      expect(first).toBeGreaterThan(0);
      clock += FACTS_MAX_AGE_MS - 1;
      await engine.rollbackActions();
      expect(views()).toBe(first);
      clock += 2;
      await engine.rollbackActions();
      expect(views()).toBe(2 * first);
    } finally {
      await engine.close();
    }
  });

  it('deletes every tag of the release (extraTags), locally and on the remote', async () => {
    const fx = createGitFixture(tempDir);
    const plan = makePlan({
      repo: fx.dir,
      version: '0.15.0',
      phases: [
        {
          id: 'git',
          steps: [
            { id: 'tag', kind: 'git-tag', extraTags: ['grafana-v${version}', 'capi-v${version}'] },
            { id: 'push', kind: 'git-push' },
          ],
        },
      ],
    });
    const tags = ['v0.15.0', 'grafana-v0.15.0', 'capi-v0.15.0'];
    for (const t of tags) fx.git(['tag', t]);
    fx.git(['push', '-q', 'origin', 'v0.15.0', 'grafana-v0.15.0']);
    const deps: GitRollbackDeps = { plan, repo: fx.dir, journal: openJournal(null), env: fx.env };
    const facts = await probeGitRollback(deps);
    expect(facts).toMatchObject({ tags, localTags: tags, remoteTags: ['v0.15.0', 'grafana-v0.15.0'] });
    expect(gitRollbackActions(facts)[0]).toEqual({
      id: 'delete-tag',
      title: 'Delete tags v0.15.0, grafana-v0.15.0, capi-v0.15.0 (locally and on origin)',
    });
    expect(gitRollbackCommands('delete-tag', facts, plan)).toEqual([
      ['git', 'push', 'origin', '--delete', 'refs/tags/v0.15.0'],
      ['git', 'push', 'origin', '--delete', 'refs/tags/grafana-v0.15.0'],
      ['git', 'tag', '-d', 'v0.15.0'],
      ['git', 'tag', '-d', 'grafana-v0.15.0'],
      ['git', 'tag', '-d', 'capi-v0.15.0'],
    ]);
    expect(await runGitRollback('delete-tag', deps, facts)).toMatchObject({
      ok: true,
      message: 'deleted tags v0.15.0, grafana-v0.15.0, capi-v0.15.0',
    });
    expect(fx.git(['tag'])).toBe('');
    expect(fx.git(['ls-remote', '--tags', 'origin'])).toBe('');
  });
});
