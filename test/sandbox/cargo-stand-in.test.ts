// The cargo stand-in (src/sandbox/stand-ins/cargo-bin/) against a real loopback registry: the
// same fixture workspace and faults as test/sandbox/capture-cargo-output.ts, and its output
// compared with what real cargo 1.95 printed there (test/fixtures/cargo-output/), so the queue
// reads the stand-in exactly as it reads cargo: publish and yank here, the other commands in
// cargo-stand-in-checks.test.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { classifyPublishFailure } from '../../src/core/cargo-output.js';
import { readStandInLog } from '../../src/sandbox/stand-ins/stand-ins.js';
import { expectLikeCargo, indexLines, mask, recorded, useCargoStandIn } from './cargo-stand-in-harness.js';

const setup = useCargoStandIn();

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
