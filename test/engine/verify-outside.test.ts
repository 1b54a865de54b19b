// Verify-first with a crate outside the workspace (crates.extraManifests) that depends on a crate
// still to publish: real cargo and the loopback registry. Its native `cargo check` runs before the
// first upload, so its compile error (Micromegas' datafusion-wasm trap) uploads nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPublishQueue } from '../../src/engine/publish-queue.js';
import { indexFor } from '../../src/engine/steps/publish-crates.js';
import {
  copyFixture,
  duplicateUploads,
  orderViolations,
  sharedTargetDir,
  startHarness,
  type Harness,
} from '../sandbox/queue-harness.js';

const targetDir = sharedTargetDir('verify-outside');
const CRATES = ['tiny-base', 'tiny-mid', 'tiny-top', 'tiny-solo', 'tiny-wasm'];
const harnesses: Harness[] = [];

afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

const BROKEN = 'pub fn wasm() -> u32 { tiny_base::base() + wasm_only() }\n';
const FIXED = 'pub fn wasm() -> u32 { tiny_base::base() + 2 }\n';

// The tiny workspace plus `wasm/`: its own workspace, depending on tiny-base by path and version.
function withOutsideCrate(): string {
  const ws = copyFixture('tiny-workspace');
  mkdirSync(join(ws, 'wasm/src'), { recursive: true });
  const manifest = [
    '[package]',
    'name = "tiny-wasm"',
    'version = "0.1.0"',
    'edition = "2021"',
    'license = "Apache-2.0"',
  ];
  manifest.push('description = "tiny-wasm: an outside crate of a release-cockpit fixture"', '', '[workspace]', '');
  manifest.push('[dependencies]', 'tiny-base = { path = "../base", version = "0.1.0" }', '');
  writeFileSync(join(ws, 'wasm/Cargo.toml'), manifest.join('\n'));
  writeFileSync(join(ws, 'wasm/src/lib.rs'), BROKEN);
  return ws;
}

async function harness(): Promise<Harness> {
  const h = await startHarness({
    targetDir,
    prepare: withOutsideCrate,
    crates: { publish: CRATES, extraManifests: ['wasm/Cargo.toml'] },
  });
  harnesses.push(h);
  return h;
}

const run = (h: Harness) =>
  runPublishQueue(h.context(), { index: indexFor(h.plan), pollMs: () => 50, random: () => 0 });

describe('verify-first with an outside crate on real cargo', () => {
  it('a compile error in the outside crate uploads nothing; fixed, the release publishes everything once', async () => {
    const h = await harness();
    const out = await run(h);
    expect(out.status === 'failed' && out.reason).toBe(
      'verify-first: tiny-wasm does not compile (cargo check): error[E0425]: cannot find function `wasm_only` in this scope; nothing was uploaded',
    );
    expect(h.lines).toContain('verify-first: cargo check -p tiny-wasm');
    expect(h.reg.publishAttempts.size).toBe(0);
    expect(h.journal.entries()).toEqual([]);
    expect(h.store.getState().crates['tiny-wasm']?.status).toBe('failed');
    expect(h.store.getState().crates['tiny-base']?.status).toBe('pending');

    writeFileSync(join(h.ws, 'wasm/src/lib.rs'), FIXED);
    expect((await run(h)).status).toBe('passed');
    expect(CRATES.map((c) => h.reg.publishAttempts.get(`${c}@0.1.0`))).toEqual([1, 1, 1, 1, 1]);
    expect(duplicateUploads(h.reg)).toEqual([]);
    expect(orderViolations(h.reg, new Set(CRATES))).toEqual([]);
  });
});
