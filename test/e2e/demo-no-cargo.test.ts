// `release-cockpit demo` on a machine without Rust: the demo says cargo is missing, puts its cargo
// stand-in on PATH, and the whole release still runs, every crate uploaded to the loopback registry.
// PATH is a directory of symlinks to exactly the tools the demo needs, so real cargo is out of reach.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commandExists } from '../../src/adapters/exec.js';
import { DEMO_PUBLISH_ORDER } from '../../src/sandbox/demo-crates.js';
import { readStandInLog } from '../../src/sandbox/stand-ins/stand-ins.js';
import { CLI } from '../helpers/cli.js';
import { readDemoState, sandboxOf } from '../helpers/demo.js';
import { binWithoutCargo } from '../helpers/no-cargo-bin.js';

describe('release-cockpit demo without cargo', () => {
  const cleanup: string[] = [];
  afterEach(() => {
    for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('says so, uses the cargo stand-in, and publishes every crate', () => {
    const bin = binWithoutCargo();
    cleanup.push(bin);
    // The premise: nothing called cargo is reachable from this PATH.
    expect(commandExists('cargo', { PATH: bin })).toBe(false);

    const home = mkdtempSync(join(tmpdir(), 'rc-xdg-'));
    cleanup.push(home);
    const r = spawnSync(process.execPath, [CLI, 'demo', '--headless', '--fast', '--yes'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: bin, NO_COLOR: '1', XDG_STATE_HOME: home },
      timeout: 240_000,
    });
    const sandbox = sandboxOf(r.stderr);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.status, `${r.stderr}\n${r.stdout.slice(-3000)}`).toBe(0);
    expect(r.stderr).toContain('demo: cargo is not installed: using the cargo stand-in of release-cockpit');
    expect(r.stderr).toMatch(/stand-ins: cargo, poetry, yarn, gh/);
    expect(r.stdout).toMatch(/Micromegas 0\.15\.0: done \(\d+ passed\)/);

    const state = readDemoState(sandbox);
    // The cargo checks passed too: the stand-in stood in for them as well.
    expect(Object.entries(state.steps).filter(([, s]) => (s as { status: string }).status !== 'passed')).toEqual([]);
    expect(Object.keys(state.crates)).toEqual(DEMO_PUBLISH_ORDER);
    expect(Object.values(state.crates).every((c) => (c as { status: string }).status === 'published')).toBe(true);

    // It was the stand-in that verified the set once, then published once per crate without verifying again.
    const calls = readStandInLog(join(sandbox, 'stand-ins.jsonl')).filter(
      (c) => c.tool === 'cargo' && (c.argv[0] === 'publish' || c.argv[0] === 'package'),
    );
    expect(calls[0]?.argv).toEqual(['package', ...DEMO_PUBLISH_ORDER.flatMap((n) => ['-p', n])]);
    expect(
      calls
        .slice(1)
        .map((c) => c.argv.join(' '))
        .sort(),
    ).toEqual(DEMO_PUBLISH_ORDER.map((n) => `publish --no-verify -p ${n}@0.15.0`).sort());
  }, 300_000);
});
