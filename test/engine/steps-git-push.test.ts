// The git-push step against a bare remote on disk: journaled pushes, "already pushed", reconcile.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitPushStep } from '../../src/engine/steps/git-push.js';
import { createGitFixture } from '../helpers/git-fixture.js';
import { makePlan } from '../helpers/make-plan.js';
import { makeStepContext } from '../helpers/step-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-push-');

function setup(step: Record<string, unknown> = {}) {
  const fx = createGitFixture(tempDir);
  fx.commit('Release work');
  fx.git(['tag', '-a', 'v0.15.0', '-m', 'Micromegas v0.15.0']);
  const plan = makePlan({
    repo: fx.dir,
    version: '0.15.0',
    phases: [{ id: 'git', steps: [{ id: 'push', kind: 'git-push', ...step }] }],
  });
  const harness = () =>
    makeStepContext(plan, 'push', { repo: fx.dir, stateDir: join(fx.dir, '..', 'state'), env: fx.env });
  const onRemote = (ref: string) => fx.git(['ls-remote', 'origin', ref, `${ref}^{}`]);
  return { fx, plan, harness, onRemote };
}

describe('git-push step', () => {
  it('pushes the tag with intent, child (the git push process) and done in the journal', async () => {
    const { fx, harness, onRemote } = setup();
    const h = harness();
    expect(await gitPushStep.run(h.ctx)).toEqual({ status: 'passed', summary: 'pushed v0.15.0 to origin' });
    expect(onRemote('refs/tags/v0.15.0')).toContain(fx.git(['rev-parse', 'HEAD']));
    expect(h.journal.entries().map((e) => `${e.type} ${e.target}`)).toEqual([
      'intent origin refs/tags/v0.15.0',
      'child origin refs/tags/v0.15.0',
      'done origin refs/tags/v0.15.0',
    ]);
  });

  it('passes "already pushed" without pushing again', async () => {
    const { harness } = setup();
    await gitPushStep.run(harness().ctx);
    const h = harness();
    expect(await gitPushStep.run(h.ctx)).toEqual({ status: 'passed', summary: 'already pushed' });
    expect(h.journal.entries()).toEqual([]);
  });

  it('pushes the release branch too when configured', async () => {
    const { fx, harness, onRemote } = setup({ branch: 'release/v${version}' });
    fx.git(['branch', 'release/v0.15.0']);
    expect(await gitPushStep.run(harness().ctx)).toEqual({
      status: 'passed',
      summary: 'pushed v0.15.0 and release/v0.15.0 to origin',
    });
    expect(onRemote('refs/heads/release/v0.15.0')).toContain(fx.git(['rev-parse', 'HEAD']));
  });

  it('fails in one sentence: no local tag, a different tag on the remote, no remote, a diverged branch', async () => {
    const { fx, harness } = setup();
    fx.git(['tag', '-d', 'v0.15.0']);
    expect(await gitPushStep.run(harness().ctx)).toEqual({
      status: 'failed',
      reason: 'tag v0.15.0 does not exist locally: run the git-tag step first',
    });

    const other = fx.clone();
    fx.commit('other work', {}, other);
    fx.git(['tag', 'v0.15.0'], other);
    fx.git(['push', '-q', 'origin', 'v0.15.0', 'main'], other);
    fx.git(['tag', 'v0.15.0']);
    const theirs = fx.git(['rev-parse', 'HEAD'], other).slice(0, 7);
    const ours = fx.git(['rev-parse', 'HEAD']).slice(0, 7);
    expect(await gitPushStep.run(harness().ctx)).toEqual({
      status: 'failed',
      reason: `tag v0.15.0 on origin points at ${theirs}, the local one at ${ours}: find out which is right before releasing`,
    });

    const branchOnly = makePlan({
      repo: fx.dir,
      version: '0.15.0',
      phases: [{ id: 'git', steps: [{ id: 'push', kind: 'git-push', tag: false, branch: 'main' }] }],
    });
    const h = makeStepContext(branchOnly, 'push', { repo: fx.dir, stateDir: join(fx.dir, '..', 'state'), env: fx.env });
    const diverged = await gitPushStep.run(h.ctx);
    const theirsNow = fx.git(['rev-parse', 'HEAD'], other).slice(0, 7);
    expect(diverged).toEqual({
      status: 'failed',
      reason: `main on origin (at ${theirsNow}) has 1 commit the local main lacks, and the local one 1 it lacks: the branches diverged; merge or rebase onto origin/main, or delete the remote branch if it is an old release's`,
    });
    expect(h.journal.entries()).toEqual([]);

    fx.git(['remote', 'remove', 'origin']);
    expect(await gitPushStep.run(harness().ctx)).toEqual({
      status: 'failed',
      reason: 'there is no git remote named origin: add it (git remote add origin URL) or set `remote`',
    });
  });

  it('reconciles an open intent with git ls-remote', async () => {
    const { fx, harness } = setup();
    const h = harness();
    const intent = h.journal.append({
      type: 'intent',
      action: 'git-push',
      target: 'origin refs/tags/v0.15.0',
      step: 'push',
    });
    expect(await gitPushStep.reconcile?.(h.ctx, intent)).toBe('not-done');
    fx.git(['push', '-q', 'origin', 'v0.15.0']);
    expect(await gitPushStep.reconcile?.(h.ctx, intent)).toBe('done');
    const gone = { ...intent, target: 'nowhere refs/tags/v0.15.0' };
    expect(await gitPushStep.reconcile?.(h.ctx, gone)).toBe('unknown');
  });

  it('lists its pushes for the confirmation and is irreversible; the confirmation names where each goes', async () => {
    const { plan, harness } = setup({ branch: 'release/v${version}' });
    const step = plan.phases[0]!.steps[0]!;
    expect(step.irreversible).toBe(true);
    const pushes = [
      ['git', 'push', 'origin', 'refs/tags/v0.15.0'],
      ['git', 'push', 'origin', 'refs/heads/release/v0.15.0:refs/heads/release/v0.15.0'],
    ];
    expect(gitPushStep.commands?.(step, plan)).toEqual(pushes);
    expect(await gitPushStep.confirmation!(harness().ctx)).toEqual({
      title: step.title,
      commands: pushes,
      details: [
        'tag v0.15.0 goes to the remote origin (skipped if it is already there at the same commit)',
        'branch release/v0.15.0 goes to the remote origin (skipped if it is already there at the same commit)',
      ],
    });
  });

  it('pushes every tag of the release (extraTags of the git-tag step), each journaled and reconciled with ls-remote', async () => {
    const fx = createGitFixture(tempDir);
    fx.commit('Release work');
    const tags = ['v0.15.0', 'grafana-v0.15.0', 'capi-v0.15.0'];
    for (const t of tags) fx.git(['tag', t]);
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
    const h = makeStepContext(plan, 'push', { repo: fx.dir, stateDir: join(fx.dir, '..', 'state'), env: fx.env });
    expect(gitPushStep.commands?.(plan.phases[0]!.steps[1]!, plan)).toEqual(
      tags.map((t) => ['git', 'push', 'origin', `refs/tags/${t}`]),
    );
    // One of them already there (an interrupted earlier run): not pushed again.
    fx.git(['push', '-q', 'origin', 'grafana-v0.15.0']);
    expect(await gitPushStep.run(h.ctx)).toEqual({
      status: 'passed',
      summary: 'pushed v0.15.0 and capi-v0.15.0 to origin',
    });
    const head = fx.git(['rev-parse', 'HEAD']);
    for (const t of tags) expect(fx.git(['ls-remote', 'origin', `refs/tags/${t}`])).toContain(head);
    expect(h.journal.entries().map((e) => `${e.type} ${e.target}`)).toEqual([
      'intent origin refs/tags/v0.15.0',
      'child origin refs/tags/v0.15.0',
      'done origin refs/tags/v0.15.0',
      'intent origin refs/tags/capi-v0.15.0',
      'child origin refs/tags/capi-v0.15.0',
      'done origin refs/tags/capi-v0.15.0',
    ]);
    for (const t of tags) {
      const intent = h.journal.append({
        type: 'intent',
        action: 'git-push',
        target: `origin refs/tags/${t}`,
        step: 'push',
      });
      expect(await gitPushStep.reconcile?.(h.ctx, intent)).toBe('done');
    }
    fx.git(['push', '-q', 'origin', '--delete', 'refs/tags/capi-v0.15.0']);
    const capi = h.journal.append({
      type: 'intent',
      action: 'git-push',
      target: 'origin refs/tags/capi-v0.15.0',
      step: 'push',
    });
    expect(await gitPushStep.reconcile?.(h.ctx, capi)).toBe('not-done');
  });

  it('a release branch deleted on the remote with a stale tracking ref: pruned with a notice, a plain push creates it', async () => {
    const { fx, plan } = releaseBranchSetup();
    // Last cycle's release branch: pushed, merged, deleted on the remote; the clone kept origin/release.
    fx.git(['push', '-q', 'origin', 'release']);
    fx.git(['fetch', '-q', 'origin']);
    const other = fx.clone();
    fx.git(['push', '-q', 'origin', '--delete', 'release'], other);
    fx.commit('next cycle 1');
    fx.git(['branch', '-f', 'release', 'HEAD']);
    expect(fx.git(['rev-parse', '--verify', 'refs/remotes/origin/release'])).toMatch(/^[0-9a-f]{40}$/);
    const h = makeStepContext(plan, 'push', { repo: fx.dir, stateDir: join(fx.dir, '..', 'state'), env: fx.env });
    const out = await gitPushStep.run(h.ctx);
    expect(out).toEqual({
      status: 'passed',
      summary: expect.stringMatching(
        /^pushed release to origin \(pruned the stale tracking ref origin\/release \(at [0-9a-f]{7}\)\)$/,
      ),
    });
    expect(h.logs()[0]).toMatch(
      /^release is not on origin \(git ls-remote --heads\): pruned the stale tracking ref origin\/release \(at [0-9a-f]{7}\); the push creates the branch$/,
    );
    expect(fx.git(['ls-remote', '--heads', 'origin', 'release'])).toContain(fx.git(['rev-parse', 'release']));
  });

  it('a release branch behind on the remote is fast-forwarded; a diverged one fails before any tag is pushed', async () => {
    const { fx, plan } = releaseBranchSetup();
    fx.git(['push', '-q', 'origin', 'release']);
    fx.commit('more');
    fx.git(['branch', '-f', 'release', 'HEAD']);
    const h = makeStepContext(plan, 'push', { repo: fx.dir, stateDir: join(fx.dir, '..', 'state'), env: fx.env });
    expect(await gitPushStep.run(h.ctx)).toEqual({ status: 'passed', summary: 'pushed release to origin' });
    expect(h.logs()[0]).toBe('release on origin is 1 commit behind the local one: the push fast-forwards it');

    const other = fx.clone();
    fx.git(['checkout', '-q', 'release'], other);
    fx.commit('hotfix on the remote', {}, other);
    fx.git(['push', '-q', 'origin', 'release'], other);
    fx.commit('local only');
    fx.git(['branch', '-f', 'release', 'HEAD']);
    fx.git(['tag', 'v0.15.0']);
    const tagged = makePlan({
      repo: fx.dir,
      version: '0.15.0',
      phases: [{ id: 'git', steps: [{ id: 'push', kind: 'git-push', branch: 'release' }] }],
    });
    const h2 = makeStepContext(tagged, 'push', { repo: fx.dir, stateDir: join(fx.dir, '..', 'state'), env: fx.env });
    const out = await gitPushStep.run(h2.ctx);
    expect(out.status === 'failed' && out.reason).toMatch(
      /^release on origin \(at [0-9a-f]{7}\) has 1 commit the local release lacks, and the local one 1 it lacks: the branches diverged/,
    );
    expect(fx.git(['ls-remote', '--tags', 'origin'])).toBe('');
  });
});

function releaseBranchSetup() {
  const fx = createGitFixture(tempDir);
  fx.commit('Release work');
  fx.git(['branch', 'release']);
  const plan = makePlan({
    repo: fx.dir,
    version: '0.15.0',
    phases: [{ id: 'git', steps: [{ id: 'push', kind: 'git-push', tag: false, branch: 'release' }] }],
  });
  return { fx, plan };
}
