// The bump-version step on the Micromegas-shaped demo repository (real git, a bare origin):
// edits, lockfile refresh, commit of exactly the bumped files, push, and resumes that do not
// edit, run or commit twice.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bumpVersionStep } from '../../src/engine/steps/bump-version.js';
import { bumpContext, MESSAGE, setupBump, type Bump } from '../helpers/bump-fixture.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-bump-step-');
const setup = (bump: Bump = {}, withPublish = false) => setupBump(tempDir, bump, withPublish);
const context = bumpContext;

const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');

describe('bump-version step', () => {
  it('bumps, refreshes the lockfile, commits exactly the changed files and pushes', async () => {
    const refresh = {
      run: ['node', '-e', "require('fs').appendFileSync('yarn.lock', '# refreshed\\n')"],
      cwd: 'grafana',
    };
    const { dir, plan, git, stateDir } = setup({ push: true, after: [refresh] });
    expect(plan.next).toBe('0.16.0');
    expect(plan.phases[0]!.steps[0]!.irreversible).toBe(true);
    expect(bumpVersionStep.commands?.(plan.phases[0]!.steps[0]!, plan)).toEqual([
      refresh.run,
      ['git', 'commit', '-m', MESSAGE],
      ['git', 'push', 'origin', 'HEAD'],
    ]);
    const before = git('rev-parse', 'HEAD');
    const { ctx, logs, journal } = context(plan, dir, stateDir);

    const outcome = await bumpVersionStep.run(ctx);
    expect(outcome).toMatchObject({ status: 'passed' });
    expect(outcome.status === 'passed' && outcome.summary).toMatch(
      /^\d+ values in \d+ files moved to 0\.16\.0, committed \d+ files, pushed$/,
    );
    expect(logs).toContain('rust/Cargo.toml:25  0.15.0 -> 0.16.0');
    expect(logs).toContain('rust/transit/Cargo.toml:11  ^0.15 -> ^0.16');
    expect(read(dir, 'grafana/package.json')).toContain('"version": "0.16.0"');
    expect(read(dir, 'grafana/src/plugin.json')).toContain('%VERSION%');
    expect(read(dir, 'rust/Cargo.lock')).not.toMatch(/version = "0\.15\.0"/);

    expect(git('log', '-1', '--format=%s')).toBe(MESSAGE);
    expect(git('rev-parse', 'HEAD~1')).toBe(before);
    const committed = git('show', '--name-only', '--format=', 'HEAD').split('\n').sort();
    expect(committed).toContain('grafana/yarn.lock');
    expect(committed).toContain('rust/Cargo.lock');
    expect(committed).toContain('rust/datafusion-wasm/Cargo.toml');
    expect(committed).not.toContain('grafana/src/plugin.json');
    expect(committed).not.toContain('.releaserc.json');
    expect(git('status', '--porcelain', '--untracked-files=no')).toBe('');
    expect(git('ls-remote', 'origin', 'refs/heads/main').split('\t')[0]).toBe(git('rev-parse', 'HEAD'));
    expect(journal.entries().map((e) => `${e.type} ${e.action} ${e.target}`)).toEqual([
      'intent git-push origin main',
      'child git-push origin main',
      'done git-push origin main',
    ]);

    // Resumed: nothing is edited, run, committed or pushed again.
    const again = context(plan, dir, stateDir);
    const second = await bumpVersionStep.run(again.ctx);
    expect(second).toEqual({ status: 'passed', summary: 'already at 0.16.0, already committed, pushed' });
    expect(read(dir, 'grafana/yarn.lock').match(/# refreshed/g)).toHaveLength(1);
    expect(git('rev-list', '--count', `${before}..HEAD`)).toBe('1');
    expect(again.journal.entries()).toEqual([]);
  });

  it('resumes after a failed lockfile refresh and commits what the failed run changed', async () => {
    const flaky = {
      run: [
        'node',
        '-e',
        "const fs=require('fs'); fs.appendFileSync('yarn.lock', '# half\\n'); if (!fs.existsSync('ok')) process.exit(3)",
      ],
      cwd: 'grafana',
    };
    const { dir, plan, git, stateDir } = setup({ after: [flaky] });
    const first = await bumpVersionStep.run(context(plan, dir, stateDir).ctx);
    expect(first).toMatchObject({ status: 'failed' });
    expect(first.status === 'failed' && first.reason).toMatch(/a retry resumes from here/);
    expect(read(dir, 'rust/Cargo.toml')).toContain('version = "0.16.0"');
    expect(git('log', '-1', '--format=%s')).toBe('Add release config');

    writeFileSync(join(dir, 'grafana/ok'), '');
    const { ctx, logs } = context(plan, dir, stateDir);
    const second = await bumpVersionStep.run(ctx);
    expect(second).toMatchObject({ status: 'passed' });
    expect(logs).toContain('the files already carry 0.16.0');
    expect(git('log', '-1', '--format=%s')).toBe(MESSAGE);
    const committed = git('show', '--name-only', '--format=', 'HEAD').split('\n');
    expect(committed).toContain('grafana/yarn.lock');
    expect(committed).toContain('rust/Cargo.toml');
    expect(committed).not.toContain('grafana/ok');
  });

  it('bumps and commits again after the bump commit was reverted', async () => {
    const { dir, plan, git, stateDir } = setup();
    expect(await bumpVersionStep.run(context(plan, dir, stateDir).ctx)).toMatchObject({ status: 'passed' });
    git('revert', '--no-edit', 'HEAD');
    expect(read(dir, 'rust/Cargo.toml')).toContain('version = "0.15.0"');
    const again = await bumpVersionStep.run(context(plan, dir, stateDir).ctx);
    expect(again).toMatchObject({ status: 'passed' });
    expect(git('log', '-1', '--format=%s')).toBe(MESSAGE);
    expect(read(dir, 'rust/Cargo.toml')).toContain('version = "0.16.0"');
  });

  it('changes nothing in a dry run and says what it would do', async () => {
    const { dir, plan, git, stateDir } = setup({ push: true, after: [{ run: ['yarn', 'install'], cwd: 'grafana' }] });
    const { ctx, logs } = context(plan, dir, stateDir, true);
    const outcome = await bumpVersionStep.run(ctx);
    expect(outcome).toMatchObject({ status: 'passed' });
    expect(logs).toContain('would change rust/Cargo.toml:25  0.15.0 -> 0.16.0');
    expect(logs).toContain('would run: yarn install (in grafana)');
    expect(logs).toContain(`would run: git commit -m "${MESSAGE}"`);
    expect(logs).toContain('would run: git push origin HEAD');
    expect(git('status', '--porcelain')).toBe('');
    expect(existsSync(stateDir)).toBe(false);
  });

  it('does not commit when commit is false', async () => {
    const { dir, plan, git, stateDir } = setup({ commit: false });
    expect(plan.phases[0]!.steps[0]!.irreversible).toBe(false);
    const outcome = await bumpVersionStep.run(context(plan, dir, stateDir).ctx);
    expect(outcome).toMatchObject({ status: 'passed' });
    expect(git('log', '-1', '--format=%s')).toBe('Add release config');
    expect(git('status', '--porcelain', '--untracked-files=no')).toContain('rust/Cargo.toml');
  });

  it('fails with one sentence when a version location cannot be bumped, writing nothing', async () => {
    const { dir, plan, git, stateDir } = setup();
    const manifest = join(dir, 'rust/transit/Cargo.toml');
    writeFileSync(manifest, read(dir, 'rust/transit/Cargo.toml').replace('"^0.15"', '">=0.15, <0.17"'));
    const outcome = await bumpVersionStep.run(context(plan, dir, stateDir).ctx);
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(outcome.status === 'failed' && outcome.reason).toMatch(
      /^rust\/transit\/Cargo\.toml:\d+: cannot bump the requirement `>=0\.15, <0\.17` mechanically\./,
    );
    expect(git('status', '--porcelain', '--untracked-files=no')).toBe('M rust/transit/Cargo.toml');
  });

  it("fails with git's one-sentence reason when the push cannot happen, keeping the commit", async () => {
    const { dir, plan, git, stateDir } = setup({ push: true });
    git('remote', 'remove', 'origin');
    const outcome = await bumpVersionStep.run(context(plan, dir, stateDir).ctx);
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(outcome.status === 'failed' && outcome.reason).toMatch(
      /^`git ls-remote origin refs\/heads\/main refs\/heads\/main\^\{\}` failed: .*origin/,
    );
    expect(git('log', '-1', '--format=%s')).toBe(MESSAGE);
  });

  it('reconciles an interrupted push against the remote', async () => {
    const { dir, plan, git, stateDir } = setup({ push: true });
    const { ctx } = context(plan, dir, stateDir);
    const intent = {
      ts: '',
      type: 'intent' as const,
      id: 'x',
      action: 'git-push' as const,
      target: 'origin main',
      step: 'bump',
    };
    expect(await bumpVersionStep.reconcile?.(ctx, intent)).toBe('done');
    git('commit', '-q', '--allow-empty', '-m', 'local only');
    expect(await bumpVersionStep.reconcile?.(ctx, intent)).toBe('not-done');
    git('push', '-q', 'origin', 'main');
    expect(await bumpVersionStep.reconcile?.(ctx, intent)).toBe('done');
  });

  it('refuses while the publish step is unfinished (`--only post` before the crates), editing nothing', async () => {
    const { dir, plan, git, stateDir } = setup({}, true);
    const outcome = await bumpVersionStep.run(
      context(plan, dir, stateDir, false, { publish: { status: 'failed' } }).ctx,
    );
    expect(outcome).toEqual({
      status: 'failed',
      reason:
        'release 0.15.0 has its publish step crates/publish failed: bumping now would make the queue read the next version from the manifests; finish or skip that step first.',
    });
    expect(git('status', '--porcelain')).toBe('');
    const after = await bumpVersionStep.run(context(plan, dir, stateDir, false, { publish: { status: 'passed' } }).ctx);
    expect(after).toMatchObject({ status: 'passed' });
  });
});
