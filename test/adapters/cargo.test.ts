// The cargo adapter: real cargo runs against the loopback registry, including what cargo does
// when the publish order is wrong.
import { afterEach, describe, expect, it } from 'vitest';
import { runCargo, type ExecFn } from '../../src/adapters/cargo.js';
import { exec } from '../../src/adapters/exec.js';
import type { CargoPhase } from '../../src/core/state-types.js';
import { copyFixture, sharedTargetDir, TOKEN } from '../sandbox/queue-harness.js';
import { makeCargoEnv } from '../../src/sandbox/cargo-env.js';
import { startRegistry, type Registry } from '../../src/sandbox/registry-server.js';
import { rmSync } from 'node:fs';

const targetDir = sharedTargetDir('cargo-adapter');
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

describe('runCargo with real cargo', () => {
  async function setup(): Promise<{ reg: Registry; run: ExecFn }> {
    const reg = await startRegistry({ token: TOKEN });
    const ws = copyFixture('tiny-workspace');
    const { env, cargoHome } = makeCargoEnv({ registryIndexUrl: reg.indexUrl, token: TOKEN, targetDir });
    cleanup.push(
      () => reg.close(),
      () => rmSync(ws, { recursive: true, force: true }),
      () => rmSync(cargoHome, { recursive: true, force: true }),
    );
    return { reg, run: (argv, o = {}) => exec(argv, { ...o, cwd: ws, env }) };
  }

  it('streams the phases and reports the upload before cargo exits', async () => {
    const { reg, run } = await setup();
    const phases: CargoPhase[] = [];
    let uploadedSeen = false;
    const r = await runCargo(run, ['cargo', 'publish', '-p', 'tiny-base'], {
      onPhase: (p) => phases.push(p),
      onUploaded: () => (uploadedSeen = true),
    });
    expect(r.ok).toBe(true);
    expect(r.uploaded && uploadedSeen).toBe(true);
    expect(phases).toEqual(['packaging', 'verifying', 'compiling', 'uploading', 'waiting', 'published']);
    expect(reg.uploads.get('tiny-base@0.1.0')).toBe(1);
    // The token travelled in env only: neither argv nor the output carries it.
    expect(r.result.argv.join(' ')).not.toContain(TOKEN);
    expect(r.lines.join('\n')).not.toContain(TOKEN);
  });

  it('wrong order: real cargo refuses a crate whose dependency is not on the registry yet', async () => {
    const { reg, run } = await setup();
    const r = await runCargo(run, ['cargo', 'publish', '-p', 'tiny-mid']);
    expect(r.ok).toBe(false);
    expect(r.result.exitCode).toBe(101);
    expect(r.failure).toMatchObject({
      kind: 'dependency-missing',
      message: 'no matching package named `tiny-base` found',
    });
    expect(reg.publishAttempts.size).toBe(0);
  });

  it('a program that is not installed is reported, not thrown', async () => {
    const { run } = await setup();
    const r = await runCargo(run, ['cargo-that-does-not-exist', 'publish']);
    expect(r.ok).toBe(false);
    expect(r.result.notFound).toBe(true);
    expect(r.failure?.kind).toBe('unknown');
  });
});
