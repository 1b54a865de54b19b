// `release-cockpit run --headless --yes` publishes the tiny workspace, then
// `release-cockpit rollback --yank/--unyank` acts on it through the built binary.
import { execa } from 'execa';
import { rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTinyRelease, type TinyRelease } from './tiny-release.js';

let t: TinyRelease;
let repo: string;
let env: Record<string, string | undefined>;
const cli = (...args: string[]) => t.cli(...args);
const onIndex = (name: string) => t.onIndex(name);

beforeAll(async () => {
  t = await openTinyRelease('queue-rollback-cli');
  ({ repo, env } = t);
  // tiny-solo is published by someone else, not by this release.
  await execa('cargo', ['publish', '-p', 'tiny-solo'], { cwd: repo, env, extendEnv: false });
}, 120_000);

afterAll(() => t?.close());

describe('release-cockpit rollback', () => {
  it('yanks and unyanks what the release published; refuses the rest', async () => {
    const run = await cli('run', '--headless', '--yes');
    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toMatch(/2 published, 0 already published/);

    const noYes = await cli('rollback', '--yank', 'tiny-base');
    expect(noYes.code).toBe(1);
    expect(noYes.err).toMatch(/pass --yes to confirm when not on a terminal/);

    // A live session holds the release lock (this test process is alive): the rollback waits its turn.
    const lock = join(repo, '.git', 'release-cockpit', '0.1.0', 'lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }));
    const locked = await cli('rollback', '--yank', 'tiny-base', '--yes');
    expect(locked.code).toBe(1);
    expect(locked.err).toMatch(/^release-cockpit: another release-cockpit \(pid \d+ on .*\) is running this release\./);
    expect(await onIndex('tiny-base')).toBe('published');
    rmSync(lock);

    const yank = await cli('rollback', '--yank', 'tiny-base', '--yes');
    expect(yank.code, yank.err).toBe(0);
    expect(yank.out).toBe('ok  tiny-base@0.1.0: yanked tiny-base@0.1.0');
    expect(await onIndex('tiny-base')).toBe('yanked');

    const unyank = await cli('rollback', '--unyank', 'tiny-base', '--yes');
    expect(unyank.code, unyank.err).toBe(0);
    expect(await onIndex('tiny-base')).toBe('published');

    // Published by someone else and not in this release's publish list.
    const foreign = await cli('rollback', '--yank', 'tiny-solo', '--yes');
    expect(foreign.code).toBe(1);
    expect(foreign.err).toBe('FAILED  tiny-solo: tiny-solo is not a crate of this release');
    expect(await onIndex('tiny-solo')).toBe('published');

    const both = await cli('rollback', '--yank', '--unyank', 'tiny-base', '--yes');
    expect(both.code).toBe(1);
    expect(both.err).toMatch(/exactly one of --yank or --unyank/);
  });

  it('after the post-release bump, still yanks the release just finished (not the next version)', async () => {
    const bump = await cli('bump', '--to', '0.2.0', '--commit');
    expect(bump.code, bump.err).toBe(0);
    const plan = await cli('plan', '--json');
    expect((JSON.parse(plan.out) as { version: string }).version).toBe('0.2.0');

    const yank = await cli('rollback', '--yank', 'tiny-mid', '--yes');
    expect(yank.code, yank.err).toBe(0);
    expect(yank.out).toBe('ok  tiny-mid@0.1.0: yanked tiny-mid@0.1.0');
    expect(await onIndex('tiny-mid')).toBe('yanked');

    const status = await cli('status');
    expect(status.out.split('\n')[0]).toMatch(/^\S+ 0\.1\.0 \(next 0\.2\.0\): /);
  });
});
