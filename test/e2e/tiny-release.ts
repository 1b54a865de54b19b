// The tiny workspace as a git repository publishing to a fresh loopback registry, with a private
// copy of the built CLI: the set-up the rollback e2e suites share.
import { execFileSync, spawn } from 'node:child_process';
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSparseIndex, type IndexStatus } from '../../src/adapters/sparse-index.js';
import { makeCargoEnv } from '../../src/sandbox/cargo-env.js';
import { startRegistry, type Registry } from '../../src/sandbox/registry-server.js';
import { copyFixture, sharedTargetDir, TOKEN } from '../sandbox/queue-harness.js';
import { copyCli } from '../helpers/cli.js';

export interface TinyRelease {
  repo: string;
  env: Record<string, string | undefined>;
  reg: Registry;
  /** The private copy of the built CLI (for a test that spawns and kills it). */
  cliPath: string;
  /** The built CLI on the repo; async, since the registry answers from this process. */
  cli(...args: string[]): Promise<{ code: number | undefined; out: string; err: string }>;
  /** What the index says of NAME@0.1.0. */
  onIndex(name: string): Promise<IndexStatus>;
  close(): Promise<void>;
}

/**
 * cargo's upload path: the token only in cargo's credentials file, where the queue does not read
 * it, so the queue leaves each upload to `cargo publish` (as for a token from a credential provider).
 */
export function tokenInCredentialsOnly(env: Record<string, string | undefined>): void {
  delete env.CARGO_REGISTRIES_LOCAL_TOKEN;
  writeFileSync(join(env.CARGO_HOME as string, 'credentials.toml'), `[registries.local]\ntoken = "${TOKEN}"\n`);
}

/** Publishes nothing yet: tiny-base and tiny-mid are the release's crates, committed on main. */
export async function openTinyRelease(name: string): Promise<TinyRelease> {
  const cliDir = mkdtempSync(join(tmpdir(), `rc-${name}-`));
  const CLI = join(cliDir, 'cli.js');
  // A private copy of the bundle built by test/global-setup.ts.
  copyCli(cliDir);
  const reg = await startRegistry({ token: TOKEN });
  const repo = copyFixture('tiny-workspace');
  const file = join(repo, '.releaserc.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as { crates: Record<string, unknown> };
  config.crates = {
    ...config.crates,
    publish: ['tiny-base', 'tiny-mid'],
    registry: { name: 'local', index: reg.indexUrl },
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  const env = makeCargoEnv({ registryIndexUrl: reg.indexUrl, token: TOKEN, targetDir: sharedTargetDir(name) }).env;
  execFileSync('cargo', ['generate-lockfile', '--offline'], { cwd: repo, stdio: 'ignore' });
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['add', '-A'],
    ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'tiny 0.1.0'],
  ]) {
    execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  }
  return {
    repo,
    env,
    reg,
    cliPath: CLI,
    async cli(...args) {
      const r = await execa(process.execPath, [CLI, ...args, '--repo', repo], {
        env: { ...env, NO_COLOR: '1' },
        extendEnv: false,
        reject: false,
        stdin: 'ignore',
      });
      return { code: r.exitCode, out: r.stdout, err: r.stderr };
    },
    onIndex: (crate) => createSparseIndex({ indexUrl: reg.indexUrl, timeoutMs: 2000 }).status(crate, '0.1.0'),
    async close() {
      await reg.close();
      for (const d of [cliDir, repo]) rmSync(d, { recursive: true, force: true });
    },
  };
}

/**
 * `run --headless --yes` of the release while the registry holds the upload of tiny-base: at
 * cargo's `Uploading tiny-base` line `act` makes its fault, then the upload goes on.
 */
export function headlessFaultAtUpload(
  t: TinyRelease,
  act: () => void,
): Promise<{ code: number | null; out: string; err: string }> {
  const release = t.reg.holdUpload('tiny-base');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [t.cliPath, 'run', '--headless', '--yes', '--repo', t.repo], {
      env: { ...t.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let acted = false;
    let failure: unknown;
    const actOnce = (): void => {
      if (acted || !/Uploading tiny-base v0\.1\.0/.test(out + err)) return;
      acted = true;
      // A fault that could not be made still lets the upload go, and fails the test once the run ends.
      try {
        act();
      } catch (e) {
        failure = e;
      } finally {
        release();
      }
    };
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      actOnce();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      actOnce();
    });
    child.on('close', (code) => {
      release();
      if (failure !== undefined) reject(failure);
      else resolve({ code, out, err });
    });
  });
}
