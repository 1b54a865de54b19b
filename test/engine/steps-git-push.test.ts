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
  const plan = makePlan({ repo: fx.dir, version: '0.15.0', phases: [{ id: 'git', steps: [{ id: 'push', kind: 'git-push', ...step }] }] });
  const harness = () => makeStepContext(plan, 'push', { repo: fx.dir, stateDir: join(fx.dir, '..', 'state'), env: fx.env });
  const onRemote = (ref: string) => fx.git(['ls-remote', 'origin', ref, `${ref}^{}`]);
  return { fx, plan, harness, onRemote };
}

describe('git-push step', () => {
  it('pushes the tag with intent/done in the journal', async () => {
    const { fx, harness, onRemote } = setup();
    const h = harness();
    expect(await gitPushStep.run(h.ctx)).toEqual({ status: 'passed', summary: 'pushed v0.15.0 to origin' });
    expect(onRemote('refs/tags/v0.15.0')).toContain(fx.git(['rev-parse', 'HEAD']));
    expect(h.journal.entries().map((e) => `${e.type} ${e.target}`)).toEqual(['intent origin refs/tags/v0.15.0', 'done origin refs/tags/v0.15.0']);
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
    expect(await gitPushStep.run(harness().ctx)).toEqual({ status: 'passed', summary: 'pushed v0.15.0 and release/v0.15.0 to origin' });
    expect(onRemote('refs/heads/release/v0.15.0')).toContain(fx.git(['rev-parse', 'HEAD']));
  });

  it('fails in one sentence: no local tag, a different tag on the remote, no remote, a rejected push', async () => {
    const { fx, harness } = setup({ branch: 'main' });
    fx.git(['tag', '-d', 'v0.15.0']);
    expect(await gitPushStep.run(harness().ctx)).toEqual({ status: 'failed', reason: 'tag v0.15.0 does not exist locally: run the git-tag step first' });

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

    const branchOnly = makePlan({ repo: fx.dir, version: '0.15.0', phases: [{ id: 'git', steps: [{ id: 'push', kind: 'git-push', tag: false, branch: 'main' }] }] });
    const h = makeStepContext(branchOnly, 'push', { repo: fx.dir, stateDir: join(fx.dir, '..', 'state'), env: fx.env });
    const rejected = await gitPushStep.run(h.ctx);
    expect(rejected.status === 'failed' && rejected.reason).toMatch(/^`git push origin refs\/heads\/main:refs\/heads\/main` failed: \[rejected\] main -> main \(fetch first\)\.$/);
    expect(h.journal.entries().map((e) => e.type)).toEqual(['intent', 'failed']);

    fx.git(['remote', 'remove', 'origin']);
    expect(await gitPushStep.run(harness().ctx)).toEqual({ status: 'failed', reason: 'there is no git remote named origin: add it (git remote add origin URL) or set `remote`' });
  });

  it('reconciles an open intent with git ls-remote', async () => {
    const { fx, harness } = setup();
    const h = harness();
    const intent = h.journal.append({ type: 'intent', action: 'git-push', target: 'origin refs/tags/v0.15.0', step: 'push' });
    expect(await gitPushStep.reconcile?.(h.ctx, intent)).toBe('not-done');
    fx.git(['push', '-q', 'origin', 'v0.15.0']);
    expect(await gitPushStep.reconcile?.(h.ctx, intent)).toBe('done');
    const gone = { ...intent, target: 'nowhere refs/tags/v0.15.0' };
    expect(await gitPushStep.reconcile?.(h.ctx, gone)).toBe('unknown');
  });

  it('lists its pushes for the confirmation and is irreversible', () => {
    const { plan } = setup({ branch: 'release/v${version}' });
    const step = plan.phases[0]!.steps[0]!;
    expect(step.irreversible).toBe(true);
    expect(gitPushStep.commands?.(step, plan)).toEqual([
      ['git', 'push', 'origin', 'refs/tags/v0.15.0'],
      ['git', 'push', 'origin', 'refs/heads/release/v0.15.0:refs/heads/release/v0.15.0'],
    ]);
  });

  it('pushes every tag of the release (extraTags of the git-tag step), each journaled and reconciled with ls-remote', async () => {
    const fx = createGitFixture(tempDir);
    fx.commit('Release work');
    const tags = ['v0.15.0', 'grafana-v0.15.0', 'capi-v0.15.0'];
    for (const t of tags) fx.git(['tag', t]);
    const plan = makePlan({
      repo: fx.dir,
      version: '0.15.0',
      phases: [{ id: 'git', steps: [{ id: 'tag', kind: 'git-tag', extraTags: ['grafana-v${version}', 'capi-v${version}'] }, { id: 'push', kind: 'git-push' }] }],
    });
    const h = makeStepContext(plan, 'push', { repo: fx.dir, stateDir: join(fx.dir, '..', 'state'), env: fx.env });
    expect(gitPushStep.commands?.(plan.phases[0]!.steps[1]!, plan)).toEqual(tags.map((t) => ['git', 'push', 'origin', `refs/tags/${t}`]));
    // One of them already there (an interrupted earlier run): not pushed again.
    fx.git(['push', '-q', 'origin', 'grafana-v0.15.0']);
    expect(await gitPushStep.run(h.ctx)).toEqual({ status: 'passed', summary: 'pushed v0.15.0 and capi-v0.15.0 to origin' });
    const head = fx.git(['rev-parse', 'HEAD']);
    for (const t of tags) expect(fx.git(['ls-remote', 'origin', `refs/tags/${t}`])).toContain(head);
    expect(h.journal.entries().map((e) => `${e.type} ${e.target}`)).toEqual([
      'intent origin refs/tags/v0.15.0',
      'done origin refs/tags/v0.15.0',
      'intent origin refs/tags/capi-v0.15.0',
      'done origin refs/tags/capi-v0.15.0',
    ]);
    for (const t of tags) {
      const intent = h.journal.append({ type: 'intent', action: 'git-push', target: `origin refs/tags/${t}`, step: 'push' });
      expect(await gitPushStep.reconcile?.(h.ctx, intent)).toBe('done');
    }
    fx.git(['push', '-q', 'origin', '--delete', 'refs/tags/capi-v0.15.0']);
    const capi = h.journal.append({ type: 'intent', action: 'git-push', target: 'origin refs/tags/capi-v0.15.0', step: 'push' });
    expect(await gitPushStep.reconcile?.(h.ctx, capi)).toBe('not-done');
  });
});

