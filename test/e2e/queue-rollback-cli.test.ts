// `release-cockpit run --headless --yes` publishes the tiny workspace, then
// `release-cockpit rollback --yank/--unyank` acts on it through the built binary.
import { execFileSync } from 'node:child_process';
import { execa } from 'execa';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSparseIndex } from '../../src/adapters/sparse-index.js';
import { makeCargoEnv } from '../../src/sandbox/cargo-env.js';
import { startRegistry, type Registry } from '../../src/sandbox/registry-server.js';
import { copyFixture, sharedTargetDir, TOKEN } from '../sandbox/queue-harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cliDir = mkdtempSync(join(tmpdir(), 'rc-rollback-cli-'));
const CLI = join(cliDir, 'cli.js');
let reg: Registry;
let repo: string;
let env: Record<string, string | undefined>;

// Async: the registry answers from this process, so a blocking spawn would starve it.
async function cli(...args: string[]) {
  const r = await execa(process.execPath, [CLI, ...args, '--repo', repo], { env: { ...env, NO_COLOR: '1' }, extendEnv: false, reject: false, stdin: 'ignore' });
  return { code: r.exitCode, out: r.stdout, err: r.stderr };
}

const onIndex = (name: string) => createSparseIndex({ indexUrl: reg.indexUrl, timeoutMs: 2000 }).status(name, '0.1.0');

beforeAll(async () => {
  // A private copy of the bundle built by test/global-setup.ts.
  copyFileSync(join(ROOT, 'dist/cli.js'), CLI);
  reg = await startRegistry({ token: TOKEN });
  repo = copyFixture('tiny-workspace');
  const file = join(repo, '.releaserc.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as { crates: Record<string, unknown> };
  // tiny-solo is published by someone else, not by this release.
  config.crates = { ...config.crates, publish: ['tiny-base', 'tiny-mid'], registry: { name: 'local', index: reg.indexUrl } };
  writeFileSync(file, JSON.stringify(config, null, 2));
  env = makeCargoEnv({ registryIndexUrl: reg.indexUrl, token: TOKEN, targetDir: sharedTargetDir('queue-rollback-cli') }).env;
  execFileSync('cargo', ['generate-lockfile', '--offline'], { cwd: repo, stdio: 'ignore' });
  for (const args of [['init', '-q', '-b', 'main'], ['add', '-A'], ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'tiny 0.1.0']]) {
    execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  }
  await execa('cargo', ['publish', '-p', 'tiny-solo'], { cwd: repo, env, extendEnv: false });
}, 120_000);

afterAll(async () => {
  await reg?.close();
  for (const d of [cliDir, repo]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('release-cockpit rollback', () => {
  it('yanks and unyanks what the release published; refuses the rest', async () => {
    const run = await cli('run', '--headless', '--yes');
    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toMatch(/2 published, 0 already published/);

    const noYes = await cli('rollback', '--yank', 'tiny-base');
    expect(noYes.code).toBe(1);
    expect(noYes.err).toMatch(/pass --yes to confirm when not on a terminal/);

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
