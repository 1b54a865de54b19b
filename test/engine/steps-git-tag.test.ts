// The git-tag step on real repositories with a bare remote on disk.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitTagStep } from '../../src/engine/steps/git-tag.js';
import { createGitFixture, type GitFixtureOptions } from '../helpers/git-fixture.js';
import { makePlan } from '../helpers/make-plan.js';
import { makeStepContext } from '../helpers/step-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-tag-');

function setup(step: Record<string, unknown> = {}, fixture: GitFixtureOptions = {}) {
  const fx = createGitFixture(tempDir, fixture);
  const plan = makePlan({
    repo: fx.dir,
    project: 'Micromegas',
    version: '0.15.0',
    phases: [{ id: 'git', steps: [{ id: 'tag', kind: 'git-tag', ...step }] }],
  });
  const run = async (o: { dryRun?: boolean } = {}) => {
    const h = makeStepContext(plan, 'tag', { repo: fx.dir, stateDir: join(fx.dir, '..', 'state'), env: fx.env, ...o });
    return { out: await gitTagStep.run(h.ctx), h };
  };
  return { fx, plan, run, head: () => fx.git(['rev-parse', 'HEAD']) };
}

describe('git-tag step', () => {
  it("creates an annotated tag on HEAD, journaled with the git process as the intent's child, after checking the remote", async () => {
    const { fx, run, head } = setup();
    const { out, h } = await run();
    expect(out).toEqual({ status: 'passed', summary: `v0.15.0 at ${head().slice(0, 7)}` });
    expect(fx.git(['cat-file', '-t', 'v0.15.0'])).toBe('tag');
    expect(fx.git(['tag', '-l', '--format=%(contents:subject)', 'v0.15.0'])).toBe('Micromegas v0.15.0');
    expect(fx.git(['rev-parse', 'v0.15.0^{commit}'])).toBe(head());
    expect(h.journal.entries().map((e) => `${e.type} ${e.action} ${e.target}`)).toEqual([
      'intent git-tag v0.15.0',
      'child git-tag v0.15.0',
      'done git-tag v0.15.0',
    ]);
    const [intent, child] = h.journal.entries();
    expect(child).toMatchObject({ type: 'child', id: intent?.id, step: intent?.step, pid: expect.any(Number) });
    // It leads its own process group: a later session signals the group.
    expect(child?.type === 'child' && child.pgid === child.pid).toBe(true);
    expect(h.logs()).toContain('main is up to date with origin/main');
  });

  it('creates a lightweight tag, or uses the configured message', async () => {
    const light = setup({ annotated: false });
    await light.run();
    expect(light.fx.git(['cat-file', '-t', 'v0.15.0'])).toBe('commit');
    const custom = setup({ message: 'Release ${project} ${version}' });
    await custom.run();
    expect(custom.fx.git(['tag', '-l', '--format=%(contents:subject)', 'v0.15.0'])).toBe('Release Micromegas 0.15.0');
  });

  it('passes when the tag already points at HEAD, and refuses one pointing elsewhere', async () => {
    const { fx, run, head } = setup();
    await run();
    expect((await run()).out).toEqual({
      status: 'passed',
      summary: `v0.15.0 already points at HEAD (${head().slice(0, 7)})`,
    });
    const old = head();
    fx.commit('later');
    expect((await run()).out).toEqual({
      status: 'failed',
      reason: `tag v0.15.0 already exists at ${old.slice(0, 7)}, but the release commit is HEAD (${head().slice(0, 7)}): a tag is never moved; delete it (git tag -d v0.15.0) if it is wrong, or check out ${old.slice(0, 7)}`,
    });
    expect(fx.git(['rev-parse', 'v0.15.0^{commit}'])).toBe(old);
  });

  it('refuses a dirty tree, naming the files', async () => {
    const { fx, run } = setup({}, { files: { 'a.txt': '1', 'b.txt': '1' } });
    writeFileSync(join(fx.dir, 'a.txt'), '2');
    writeFileSync(join(fx.dir, 'untracked.tar.gz'), 'x');
    expect((await run()).out).toEqual({
      status: 'failed',
      reason: 'the working tree has uncommitted changes (a.txt): commit or stash them before tagging',
    });
    expect(fx.git(['tag'])).toBe('');
  });

  it('refuses the wrong branch', async () => {
    const { fx, run } = setup({ branch: 'main' });
    fx.git(['checkout', '-q', '-b', 'feature']);
    expect((await run()).out).toEqual({
      status: 'failed',
      reason: 'HEAD is on feature but the release is cut from main: git checkout main',
    });
    fx.git(['checkout', '-q', '--detach']);
    expect((await run()).out).toMatchObject({
      reason: 'HEAD is detached but the release is cut from main: git checkout main',
    });
  });

  it('refuses a branch behind its remote, and notes one ahead', async () => {
    const { fx, run } = setup();
    const other = fx.clone();
    fx.commit('remote 1', {}, other);
    fx.commit('remote 2', {}, other);
    fx.git(['push', '-q', 'origin', 'main'], other);
    expect((await run()).out).toEqual({
      status: 'failed',
      reason: 'main is 2 commits behind origin/main: pull first (git pull --ff-only origin main)',
    });
    fx.git(['pull', '-q', '--ff-only', 'origin', 'main']);
    fx.commit('local');
    const { out, h } = await run();
    expect(out.status).toBe('passed');
    expect(h.logs()).toContain('main is up to date with origin/main (1 local commit to push)');
  });

  it('refuses a tag that is already on the remote', async () => {
    const { fx, run } = setup();
    const other = fx.clone();
    fx.git(['tag', 'v0.15.0'], other);
    fx.git(['push', '-q', 'origin', 'v0.15.0'], other);
    const at = fx.git(['rev-parse', 'HEAD'], other).slice(0, 7);
    expect((await run()).out).toEqual({
      status: 'failed',
      reason: `tag v0.15.0 already exists on origin (at ${at}): this version was tagged before; release a new version or delete that tag`,
    });
  });

  it('skips the remote checks without a remote, and creates nothing in a dry run', async () => {
    const { fx, run } = setup({}, { remote: false });
    const dry = await run({ dryRun: true });
    expect(dry.out).toMatchObject({
      status: 'passed',
      summary: expect.stringMatching(/^dry run: would tag [0-9a-f]{7} as v0\.15\.0$/),
    });
    expect(dry.h.logs()).toEqual([
      'no remote named origin: the remote checks are skipped',
      'would run: git tag -a v0.15.0 -m Micromegas v0.15.0',
    ]);
    expect(fx.git(['tag'])).toBe('');
    expect((await run()).out.status).toBe('passed');
  });

  it('reconciles an interrupted creation by looking for the tag', async () => {
    const { fx, plan } = setup();
    const h = makeStepContext(plan, 'tag', { repo: fx.dir, stateDir: join(fx.dir, '..', 'state'), env: fx.env });
    const intent = h.journal.append({ type: 'intent', action: 'git-tag', target: 'v0.15.0', step: 'tag' });
    expect(await gitTagStep.reconcile?.(h.ctx, intent)).toBe('not-done');
    fx.git(['tag', 'v0.15.0']);
    expect(await gitTagStep.reconcile?.(h.ctx, intent)).toBe('done');
    expect(gitTagStep.commands?.(plan.phases[0]!.steps[0]!, plan)).toEqual([
      ['git', 'tag', '-a', 'v0.15.0', '-m', 'Micromegas v0.15.0'],
    ]);
  });

  it('creates every extra tag one by one at the release commit, each journaled and verified', async () => {
    const { fx, run, head, plan } = setup({
      extraTags: ['grafana-v${version}', 'capi-v${version}', 'blender-v${version}'],
    });
    const { out, h } = await run();
    const tags = ['v0.15.0', 'grafana-v0.15.0', 'capi-v0.15.0', 'blender-v0.15.0'];
    expect(out).toEqual({ status: 'passed', summary: `${tags.join(', ')} at ${head().slice(0, 7)}` });
    for (const t of tags) expect(fx.git(['rev-parse', `${t}^{commit}`])).toBe(head());
    expect(fx.git(['tag', '-l', '--format=%(contents:subject)', 'capi-v0.15.0'])).toBe('Micromegas capi-v0.15.0');
    expect(h.journal.entries().map((e) => `${e.type} ${e.target}`)).toEqual(
      tags.flatMap((t) => [`intent ${t}`, `child ${t}`, `done ${t}`]),
    );
    expect(gitTagStep.commands?.(plan.phases[0]!.steps[0]!, plan)).toEqual(
      tags.map((t) => ['git', 'tag', '-a', t, '-m', `Micromegas ${t}`]),
    );
    expect((await run()).out).toEqual({
      status: 'passed',
      summary: `${tags.join(', ')} already point at HEAD (${head().slice(0, 7)})`,
    });
  });

  it('resumes a half-made set: creates only the missing tags; an extra tag at another commit fails naming both and moves nothing', async () => {
    const { fx, run, head } = setup({ extraTags: ['grafana-v${version}', 'capi-v${version}'] });
    fx.git(['tag', 'v0.15.0']);
    const { out, h } = await run();
    expect(out.status).toBe('passed');
    expect(h.journal.entries().map((e) => `${e.type} ${e.target}`)).toEqual([
      'intent grafana-v0.15.0',
      'child grafana-v0.15.0',
      'done grafana-v0.15.0',
      'intent capi-v0.15.0',
      'child capi-v0.15.0',
      'done capi-v0.15.0',
    ]);
    const released = head();
    fx.git(['tag', '-d', 'grafana-v0.15.0', 'capi-v0.15.0']);
    fx.git(['tag', '-d', 'v0.15.0']);
    fx.git(['tag', 'capi-v0.15.0', 'HEAD']);
    fx.commit('after');
    fx.git(['tag', 'v0.15.0']);
    const again = await run();
    expect(again.out).toEqual({
      status: 'failed',
      reason: `tag capi-v0.15.0 already exists at ${released.slice(0, 7)}, but the release commit is HEAD (${head().slice(0, 7)}): a tag is never moved; delete it (git tag -d capi-v0.15.0) if it is wrong, or check out ${released.slice(0, 7)}`,
    });
    expect(fx.git(['rev-parse', 'capi-v0.15.0^{commit}'])).toBe(released);
    expect(fx.git(['tag', '-l', 'grafana-*'])).toBe('');
    expect(again.h.journal.entries()).toEqual([]);
  });

  it('refuses an extra tag already on the remote before creating any tag', async () => {
    const { fx, run } = setup({ extraTags: ['grafana-v${version}'] });
    const other = fx.clone();
    fx.git(['tag', 'grafana-v0.15.0'], other);
    fx.git(['push', '-q', 'origin', 'grafana-v0.15.0'], other);
    expect((await run()).out).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^tag grafana-v0\.15\.0 already exists on origin/),
    });
    expect(fx.git(['tag'])).toBe('');
  });
});
