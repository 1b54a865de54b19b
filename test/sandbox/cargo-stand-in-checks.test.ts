// The cargo stand-in's commands other than publish and yank: build, clippy, fmt and test over the
// workspace members without compiling, package, what it does not implement, and its place on PATH.
import { appendFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cargoStandInDir, readStandInLog, standInEnv } from '../../src/sandbox/stand-ins/stand-ins.js';
import { mask, useCargoStandIn } from './cargo-stand-in-harness.js';

const setup = useCargoStandIn();

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
