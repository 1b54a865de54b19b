// The cargo stand-in (src/sandbox/stand-ins/cargo-bin/) against a real loopback registry: the
// same fixture workspace and faults as test/sandbox/capture-cargo-output.ts, and its output
// compared with what real cargo 1.95 printed there (test/fixtures/cargo-output/), so the queue
// reads the stand-in exactly as it reads cargo.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyPublishFailure } from '../../src/core/cargo-output.js';
import { makeCargoEnv } from '../../src/sandbox/cargo-env.js';
import { startRegistry, type Registry } from '../../src/sandbox/registry-server.js';
import { cargoStandInDir, readStandInLog, standInEnv } from '../../src/sandbox/stand-ins/stand-ins.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { FIXTURES } from './queue-harness.js';

const tempDir = useTempDirs('rc-cargo-standin-');
const regs: Registry[] = [];
afterEach(async () => {
  for (const r of regs.splice(0)) await r.close();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A copy of the tiny workspace, a registry with a token, and the stand-in first on PATH. */
async function setup(opts: { token?: string | null; indexDelayMs?: number } = {}) {
  const root = tempDir();
  const ws = join(root, 'ws');
  const target = join(root, 'target');
  mkdirSync(ws);
  cpSync(join(FIXTURES, 'tiny-workspace'), ws, { recursive: true });
  const reg = await startRegistry({ token: 'tok', indexDelayMs: opts.indexDelayMs ?? 0 });
  regs.push(reg);
  const cargo = makeCargoEnv({
    registryIndexUrl: reg.indexUrl,
    token: opts.token === null ? undefined : (opts.token ?? 'tok'),
    cargoHome: join(root, 'cargo-home'),
    targetDir: target,
  });
  const log = join(root, 'calls.jsonl');
  const env = standInEnv({ log, base: cargo.env, withCargo: true });
  // Asynchronous on purpose: the registry answering the stand-in runs in this process.
  const run = (...argv: string[]) =>
    new Promise<Run>((resolve) => {
      execFile('cargo', argv, { cwd: ws, env }, (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
      );
    });
  // What capture-cargo-output.ts does to real cargo's output, so the two compare.
  const normalize = (text: string) =>
    text
      .replaceAll(ws, '/tmp/ws')
      .replaceAll(target, '/tmp/target')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
  return { ws, reg, log, env, run, normalize };
}

// Lines that legitimately differ from the recording: sizes (no Cargo.lock in the stand-in's
// .crate), build times and the retry date in a 429.
const MASKS: [RegExp, string][] = [
  [/^(\s+Packaged) .*$/, '$1 <size>'],
  [/(target\(s\) in )[\d.]+s$/, '$1<time>'],
  [/try again after .*? GMT/, 'try again after <date>'],
];
const mask = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => MASKS.reduce((s, [re, to]) => s.replace(re, to), l));

/** The recorded real cargo output and exit code of a fixture file. */
function recorded(file: string): { code: number; lines: string[] } {
  const [, exit = '', ...rest] = readFileSync(join(FIXTURES, 'cargo-output', file), 'utf8').split('\n');
  return { code: Number(/# exit (\d+)/.exec(exit)?.[1]), lines: mask(rest.join('\n')) };
}

function expectLikeCargo(r: Run, normalize: (t: string) => string, file: string): void {
  const real = recorded(file);
  expect(mask(normalize(r.stderr))).toEqual(real.lines);
  expect(r.code).toBe(real.code);
}

async function indexLines(reg: Registry, path: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${reg.url}/index/${path}`);
  return res.status === 200
    ? (await res.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
}

describe('cargo stand-in: publish', () => {
  it('publishes in dependency order with real cargo lines, a real .crate and the deps on the index', async () => {
    const { reg, run, normalize, log, ws } = await setup();
    const base = await run('publish', '-p', 'tiny-base');
    expectLikeCargo(base, normalize, 'published.txt');
    const mid = await run('publish', '-p', 'tiny-mid');
    expect(mid.code).toBe(0);
    // A crate with a registry dependency: cargo resolves it again, then "downloads" it to verify.
    expect(mask(normalize(mid.stderr))).toEqual([
      '    Updating `local` index',
      '   Packaging tiny-mid v0.1.0 (/tmp/ws/mid)',
      '    Updating `local` index',
      '    Packaged <size>',
      '   Verifying tiny-mid v0.1.0 (/tmp/ws/mid)',
      ' Downloading crates ...',
      '  Downloaded tiny-base v0.1.0 (registry `local`)',
      '   Compiling tiny-base v0.1.0',
      '   Compiling tiny-mid v0.1.0 (/tmp/target/package/tiny-mid-0.1.0)',
      '    Finished `dev` profile [unoptimized + debuginfo] target(s) in <time>',
      '   Uploading tiny-mid v0.1.0 (/tmp/ws/mid)',
      '    Uploaded tiny-mid v0.1.0 to registry `local`',
      'note: waiting for tiny-mid v0.1.0 to be available at registry `local`',
      'help: you may press ctrl-c to skip waiting; the crate should be available shortly',
      '   Published tiny-mid v0.1.0 at registry `local`',
    ]);
    expect((await run('publish', '--registry', 'local', '-p', 'tiny-top')).code).toBe(0);
    expect(Object.fromEntries(reg.uploads)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1, 'tiny-top@0.1.0': 1 });
    expect(reg.uploadLog.map((u) => [u.name, u.deps])).toEqual([
      ['tiny-base', []],
      ['tiny-mid', ['tiny-base']],
      ['tiny-top', ['tiny-base', 'tiny-mid']],
    ]);

    // The index line is what cargo's metadata makes of it: `^` requirements, crates.io as the deps' registry.
    const [line] = await indexLines(reg, 'ti/ny/tiny-mid');
    expect(line?.deps).toEqual([
      {
        name: 'tiny-base',
        req: '^0.1.0',
        features: [],
        optional: false,
        default_features: true,
        target: null,
        kind: 'normal',
        registry: 'https://github.com/rust-lang/crates.io-index',
      },
    ]);
    // The upload is a gzip'd tar of the package under NAME-VERSION/, and cksum is its sha256.
    const crate = Buffer.from(await (await fetch(`${reg.url}/api/v1/crates/tiny-mid/0.1.0/download`)).arrayBuffer());
    expect(line?.cksum).toBe(createHash('sha256').update(crate).digest('hex'));
    const tar = gunzipSync(crate).toString('latin1');
    for (const f of ['Cargo.toml', 'Cargo.toml.orig', 'src/lib.rs']) expect(tar).toContain(`tiny-mid-0.1.0/${f}\0`);
    expect(tar).toContain(readFileSync(join(ws, 'mid', 'src', 'lib.rs'), 'utf8'));

    expect(readStandInLog(log).map((c) => [c.tool, c.argv.join(' ')])).toEqual([
      ['cargo', 'publish -p tiny-base'],
      ['cargo', 'publish -p tiny-mid'],
      ['cargo', 'publish --registry local -p tiny-top'],
    ]);
  });

  it('waits for the index like cargo when the new version shows late', async () => {
    const { reg, run, normalize } = await setup({ indexDelayMs: 1_500 });
    expectLikeCargo(await run('publish', '-p', 'tiny-base'), normalize, 'published-after-wait.txt');
    expect((await indexLines(reg, 'ti/ny/tiny-base')).map((l) => l.vers)).toEqual(['0.1.0']);
  });

  it('refuses a crate whose dependency is not on the index yet, before uploading anything', async () => {
    const { reg, run, normalize } = await setup();
    const r = await run('publish', '-p', 'tiny-mid');
    expectLikeCargo(r, normalize, 'dependency-missing.txt');
    expect(reg.publishAttempts.size).toBe(0);
    expect(classifyPublishFailure(r.stderr.split('\n'), r.code, Date.now()).kind).toBe('dependency-missing');
  });

  it('refuses a version already on the index, and reports a server-side duplicate as cargo does', async () => {
    const { reg, run, normalize } = await setup();
    await run('publish', '-p', 'tiny-base');
    const again = await run('publish', '-p', 'tiny-base');
    expectLikeCargo(again, normalize, 'already-exists.txt');
    expect(reg.publishAttempts.get('tiny-base@0.1.0')).toBe(1);

    // The registry stores the upload but answers 400 (a retried request that did land).
    const other = await setup();
    other.reg.setFaults({ duplicate: { times: 1 } });
    const dup = await other.run('publish', '-p', 'tiny-base');
    expectLikeCargo(dup, other.normalize, 'duplicate-upload.txt');
    expect(classifyPublishFailure(dup.stderr.split('\n'), dup.code, Date.now()).kind).toBe('already-exists');
  });

  it("turns a 429 into cargo's error, which the queue reads as rate-limited with the retry time", async () => {
    const { reg, run, normalize } = await setup();
    reg.setFaults({ rateLimit: { times: 1, retryAfterSeconds: 90 } });
    const r = await run('publish', '-p', 'tiny-base');
    expectLikeCargo(r, normalize, 'rate-limited.txt');
    const failure = classifyPublishFailure(r.stderr.split('\n'), r.code, Date.now());
    expect(failure.kind).toBe('rate-limited');
    expect(failure.status).toBe(429);
    expect(failure.retryAt).toBeGreaterThan(0);
    expect(reg.uploads.size).toBe(0);
  });

  it("reports server errors, dropped connections and auth failures in cargo's words", async () => {
    const { reg, run, normalize } = await setup();
    reg.setFaults({ serverError: { times: 1 } });
    expectLikeCargo(await run('publish', '-p', 'tiny-base'), normalize, 'server-error.txt');
    reg.setFaults({ dropConnection: { times: 1 } });
    const dropped = await run('publish', '-p', 'tiny-base');
    expectLikeCargo(dropped, normalize, 'dropped-connection.txt');
    expect(classifyPublishFailure(dropped.stderr.split('\n'), dropped.code, Date.now()).kind).toBe('network');
    reg.setFaults({ indexError: { times: 1 } });
    expectLikeCargo(await run('publish', '-p', 'tiny-base'), normalize, 'index-server-error.txt');

    const wrong = await setup({ token: 'wrong' });
    expectLikeCargo(await wrong.run('publish', '-p', 'tiny-base'), wrong.normalize, 'auth-forbidden.txt');
    const none = await setup({ token: null });
    expectLikeCargo(await none.run('publish', '-p', 'tiny-base'), none.normalize, 'auth-no-token.txt');
  });

  it('says when the registry is not listening, like curl through cargo', async () => {
    const { reg, run, normalize } = await setup();
    await reg.close();
    const r = await run('publish', '-p', 'tiny-base');
    // The port in curl's sentence is the real one; the recording has its own.
    expect(mask(normalize(r.stderr)).map((l) => l.replace(/port \d+/, 'port N'))).toEqual(
      recorded('connection-refused.txt').lines.map((l) => l.replace(/port \d+/, 'port N')),
    );
    expect(classifyPublishFailure(r.stderr.split('\n'), r.code, Date.now()).kind).toBe('network');
  });
});

describe('cargo stand-in: yank', () => {
  it('yanks and unyanks through the API, visible in the index, and fails like cargo for an absent version', async () => {
    const { reg, run, normalize } = await setup();
    await run('publish', '-p', 'tiny-base');
    expectLikeCargo(await run('yank', '--version', '0.1.0', 'tiny-base'), normalize, 'yank.txt');
    expect((await indexLines(reg, 'ti/ny/tiny-base'))[0]?.yanked).toBe(true);
    expectLikeCargo(await run('yank', '--undo', '--version', '0.1.0', 'tiny-base'), normalize, 'unyank.txt');
    expect((await indexLines(reg, 'ti/ny/tiny-base'))[0]?.yanked).toBe(false);
    expectLikeCargo(await run('yank', '--version', '0.1.0', 'tiny-solo'), normalize, 'yank-absent.txt');
  });
});

describe('cargo stand-in: the checks and everything else', () => {
  it('reports build, clippy, fmt and test for the workspace members without compiling', async () => {
    const { run, normalize } = await setup();
    const build = await run('build', '--release');
    expect(build.code).toBe(0);
    // Path dependencies first, as cargo compiles them.
    expect(mask(normalize(build.stderr))).toEqual([
      '   Compiling tiny-base v0.1.0 (/tmp/ws/base)',
      '   Compiling tiny-mid v0.1.0 (/tmp/ws/mid)',
      '   Compiling tiny-top v0.1.0 (/tmp/ws/top)',
      '   Compiling tiny-solo v0.1.0 (/tmp/ws/solo)',
      '    Finished `release` profile [optimized] target(s) in <time>',
    ]);
    const clippy = await run('clippy', '--workspace', '--', '-D', 'warnings');
    expect(clippy.code).toBe(0);
    expect(clippy.stderr).toContain('    Checking tiny-mid v0.1.0 (');
    expect(await run('fmt', '--check')).toEqual({ code: 0, stdout: '', stderr: '' });

    const test = await run('test');
    expect(test.code).toBe(0);
    expect(normalize(test.stderr)).toMatch(
      /^ {5}Running unittests src\/lib\.rs \(\/tmp\/target\/debug\/deps\/tiny_base-[0-9a-f]{16}\)$/m,
    );
    expect(test.stderr).toContain('   Doc-tests tiny_solo');
    // One harness run per library and one doc-test run each, all passing.
    expect(
      test.stdout.match(
        /^test result: ok\. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0\.00s$/gm,
      ),
    ).toHaveLength(8);
  });

  it('counts #[test] functions like the test harness', async () => {
    const { run, ws } = await setup();
    appendFileSync(
      join(ws, 'solo', 'src', 'lib.rs'),
      '#[cfg(test)]\nmod tests {\n    #[test]\n    fn four() {}\n    #[test]\n    fn also() {}\n}\n',
    );
    const test = await run('test');
    expect(test.stdout).toContain(
      'running 2 tests\ntest tests::also ... ok\ntest tests::four ... ok\n\ntest result: ok. 2 passed;',
    );
  });

  it('says what it does not implement, exits 101 and records every call', async () => {
    const { run, log, ws } = await setup();
    const r = await run('metadata', '--format-version', '1');
    expect(r.code).toBe(101);
    expect(r.stderr).toBe('error: the cargo stand-in of release-cockpit does not implement `cargo metadata`\n');
    const unknown = await run('publish', '-p', 'nope');
    expect(unknown).toMatchObject({
      code: 101,
      stderr: 'error: package ID specification `nope` did not match any packages\n',
    });
    expect(readStandInLog(log)).toEqual([
      { tool: 'cargo', argv: ['metadata', '--format-version', '1'], cwd: ws },
      { tool: 'cargo', argv: ['publish', '-p', 'nope'], cwd: ws },
    ]);
  });

  it('cargo package -p A -p B verifies the set in build order; a compile_error! fails it like cargo', async () => {
    const { run, ws } = await setup();
    const ok = await run('package', '-p', 'tiny-top', '-p', 'tiny-base@0.1.0');
    expect(ok.code).toBe(0);
    expect(ok.stderr.split('\n').filter((l) => /^\s*Verifying /.test(l))).toEqual([
      `   Verifying tiny-base v0.1.0 (${join(ws, 'base')})`,
      `   Verifying tiny-top v0.1.0 (${join(ws, 'top')})`,
    ]);
    expect(await run('package', '-p', 'tiny-base@9.9.9')).toMatchObject({
      code: 101,
      stderr: 'error: package ID specification `tiny-base@9.9.9` did not match any packages\n',
    });
    appendFileSync(join(ws, 'base', 'src', 'lib.rs'), 'compile_error!("boom");\n');
    const broken = await run('package', '-p', 'tiny-base', '-p', 'tiny-top');
    expect(broken.code).toBe(101);
    expect(broken.stderr).toContain(
      'error: boom\nerror: could not compile `tiny-base` (lib) due to 1 previous error\nerror: failed to verify package tarball\n',
    );
  });

  it('is on PATH only when asked for, so real cargo stays the one found elsewhere', () => {
    const path = (env: Record<string, string | undefined>) => (env.PATH ?? '').split(delimiter);
    expect(path(standInEnv({ log: 'l', base: { PATH: '/usr/bin' } }))).not.toContain(cargoStandInDir());
    expect(path(standInEnv({ log: 'l', base: { PATH: '/usr/bin' }, withCargo: true }))[0]).toBe(cargoStandInDir());
  });
});
