// The changelog step on real git repositories: draft from the commits since the previous tag,
// review, atomic write, commit of the file alone, and resumes that do not write twice.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StepPaused } from '../../src/engine/step-state.js';
import { changelogStep } from '../../src/engine/steps/changelog.js';
import { createGitFixture } from '../helpers/git-fixture.js';
import { makePlan } from '../helpers/make-plan.js';
import { makeStepContext, type StepHarnessOptions } from '../helpers/step-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-changelog-');
// Noon local time: the section is dated 2026-11-21 in any time zone the tests run in.
const NOW = new Date(2026, 10, 21, 12, 0, 0).getTime();

function setup(step: Record<string, unknown> = {}) {
  const fx = createGitFixture(tempDir, {
    remote: false,
    files: {
      'CHANGELOG.md': '# Changelog\n\n## [0.14.0] - 2025-10-23\n\n- Older things\n',
      'grafana/CHANGELOG.md': '# Changelog\n\n## 1.0.0 (Unreleased)\n\nInitial release.\n\n- FlightSQL datasource integration\n',
    },
  });
  fx.git(['remote', 'add', 'origin', 'git@github.com:madesroches/micromegas.git']);
  fx.git(['tag', 'v0.14.0']);
  fx.commit('feat: OIDC authentication for the CLI (#549)', { 'rust/auth.rs': 'a' });
  fx.commit('Fix CI linker crashes (#572)', { 'rust/ci.rs': 'b' });
  fx.commit('Add query variable editor (#560)', { 'grafana/src/vars.ts': 'c' });
  const plan = {
    ...makePlan({
      repo: fx.dir,
      project: 'Micromegas',
      version: '0.15.0',
      next: '0.16.0',
      phases: [{ id: 'docs', steps: [{ id: 'changelog', kind: 'changelog', ...step }] }],
    }),
    previousTag: 'v0.14.0',
  };
  const harness = (o: Partial<StepHarnessOptions> = {}) =>
    makeStepContext(plan, 'changelog', { repo: fx.dir, stateDir: join(fx.dir, '..', 'state'), env: fx.env, now: NOW, ...o });
  return { fx, plan, harness, read: (f = 'CHANGELOG.md') => readFileSync(join(fx.dir, f), 'utf8') };
}

describe('changelog step', () => {
  it('drafts the section from the commits since the previous tag, asks for the review, writes and commits it alone', async () => {
    const { fx, harness, read } = setup();
    writeFileSync(join(fx.dir, 'grafana/src/vars.ts'), 'unrelated edit');
    const h = harness({ answer: true });
    expect(await changelogStep.run(h.ctx)).toEqual({ status: 'passed', summary: 'added 0.15.0 in CHANGELOG.md (3 entries from commits)' });
    const section = [
      '## [0.15.0] - 2026-11-21',
      '',
      '### Features',
      '',
      '- Add query variable editor ([#560](https://github.com/madesroches/micromegas/pull/560))',
      '- OIDC authentication for the CLI ([#549](https://github.com/madesroches/micromegas/pull/549))',
      '',
      '### Bug fixes',
      '',
      '- Fix CI linker crashes ([#572](https://github.com/madesroches/micromegas/pull/572))',
    ];
    expect(read()).toBe(`# Changelog\n\n${section.join('\n')}\n\n## [0.14.0] - 2025-10-23\n\n- Older things\n`);
    expect(h.confirms).toEqual([{ title: 'Write the 0.15.0 section to CHANGELOG.md?', commands: [], details: section }]);
    expect(h.logs()).toContain('3 commit(s) since v0.14.0; 3 new line(s) for CHANGELOG.md:');
    expect(h.logs()).toContain('  ## [0.15.0] - 2026-11-21');
    expect(fx.git(['log', '-1', '--format=%s'])).toBe('Update CHANGELOG.md for 0.15.0');
    expect(fx.git(['show', '--name-only', '--format=', 'HEAD'])).toBe('CHANGELOG.md');
    expect(fx.git(['status', '--porcelain'])).toBe('M grafana/src/vars.ts');
    expect(statSync(join(fx.dir, 'CHANGELOG.md')).mode & 0o777).toBe(0o644);
  });

  it('headless without --yes fails with a clear message and writes nothing; --yes needs no review', async () => {
    const { harness, read } = setup();
    const before = read();
    const h = harness({ answer: false });
    const out = await changelogStep.run(h.ctx);
    expect(out).toEqual({ status: 'failed', reason: 'the 0.15.0 section of CHANGELOG.md needs a review: rerun with --yes or use the cockpit' });
    expect(read()).toBe(before);
    const yes = harness({ yes: true });
    expect((await changelogStep.run(yes.ctx)).status).toBe('passed');
    expect(yes.confirms).toEqual([]);
  });

  it('in the cockpit a declined review pauses the step instead of failing it', async () => {
    const { harness } = setup();
    await expect(changelogStep.run(harness({ answer: false, interactive: true }).ctx)).rejects.toBeInstanceOf(StepPaused);
  });

  it('is idempotent on resume, committing a section written before an interruption', async () => {
    const { fx, harness, read } = setup();
    await changelogStep.run(harness({ yes: true }).ctx);
    const written = read();
    expect(await changelogStep.run(harness({ yes: true }).ctx)).toEqual({ status: 'passed', summary: 'already has 0.15.0' });
    expect(read()).toBe(written);
    // Written but not committed (killed between the write and the commit).
    fx.git(['reset', '-q', '--soft', 'HEAD~1']);
    fx.git(['reset', '-q']);
    expect(await changelogStep.run(harness({ yes: true }).ctx)).toEqual({ status: 'passed', summary: 'already has 0.15.0 (now committed)' });
    expect(fx.git(['status', '--porcelain'])).toBe('');
  });

  it('dates a Grafana-style "1.0.0 (Unreleased)" section via `heading`, with only the commits under `paths`', async () => {
    const { harness, read } = setup({ file: 'grafana/CHANGELOG.md', heading: '1.0.0', paths: ['grafana'], review: false, commit: false });
    const h = harness();
    expect(await changelogStep.run(h.ctx)).toEqual({ status: 'passed', summary: 'dated the Unreleased section as 1.0.0 in grafana/CHANGELOG.md (1 entry from commits)' });
    expect(read('grafana/CHANGELOG.md')).toBe(
      '# Changelog\n\n## 1.0.0 (2026-11-21)\n\nInitial release.\n\n- FlightSQL datasource integration\n\n### Features\n\n- Add query variable editor ([#560](https://github.com/madesroches/micromegas/pull/560))\n',
    );
    expect(h.logs()[0]).toBe('1 commit(s) since v0.14.0 touching grafana; 1 new line(s) for grafana/CHANGELOG.md:');
  });

  it('leaves the file alone in a dry run, and creates one when there is none', async () => {
    const { fx, harness, read } = setup({ file: 'NEW.md', review: false });
    const dry = await changelogStep.run(harness({ dryRun: true }).ctx);
    expect(dry).toEqual({ status: 'passed', summary: 'dry run: would add 0.15.0 to NEW.md' });
    expect(fx.git(['status', '--porcelain'])).toBe('');
    await changelogStep.run(harness().ctx);
    expect(read('NEW.md').startsWith('# Changelog\n\n## [0.15.0] - 2026-11-21\n\n### Features\n')).toBe(true);
    expect(fx.git(['log', '-1', '--format=%s'])).toBe('Update NEW.md for 0.15.0');
  });

  it('finds the previous tag itself when the plan does not carry one', async () => {
    const { fx, plan } = setup({ review: false });
    fx.git(['tag', 'v0.13.0', 'v0.14.0~0']);
    const { previousTag: _, ...withoutPrevious } = plan;
    const h = makeStepContext(withoutPrevious, 'changelog', { repo: fx.dir, stateDir: join(fx.dir, '..', 'state'), env: fx.env, now: NOW });
    expect((await changelogStep.run(h.ctx)).status).toBe('passed');
    expect(h.logs()[0]).toBe('3 commit(s) since v0.14.0; 3 new line(s) for CHANGELOG.md:');
  });

  it('shows the commit it will make', () => {
    const { plan } = setup();
    const step = plan.phases[0]!.steps[0]!;
    expect(changelogStep.commands?.(step, plan)).toEqual([['git', 'commit', '-m', 'Update CHANGELOG.md for 0.15.0', '--', 'CHANGELOG.md']]);
  });
});
