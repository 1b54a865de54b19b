// The publish queue on real cargo against the loopback registry (test/helpers/publish-queue-run.ts):
// order, parallelism, what the index already has, dry run, grace, pre-flight, verify-first.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { runPublishQueue } from '../../src/engine/publish-queue.js';
import { indexFor } from '../../src/engine/steps/publish-crates.js';
import { publishCommands, verifySet } from '../../src/engine/verify-set.js';
import { duplicateUploads, orderViolations, type Harness } from '../sandbox/queue-harness.js';
import { lockHolder, type LockHolder } from '../helpers/process.js';
import {
  CRATES,
  fast,
  INTERNAL,
  recordStatuses,
  runQueue,
  statuses,
  useQueueHarness,
} from '../helpers/publish-queue-run.js';

const harness = useQueueHarness('publish-queue');

/** A live process holding the lock of the harness's verify scratch workspace. */
async function scratchLockHolder(h: Harness): Promise<{ lock: string; holder: LockHolder }> {
  const lock = join(h.env.CARGO_TARGET_DIR as string, 'package', 'release-cockpit-verify.lock');
  mkdirSync(dirname(lock), { recursive: true });
  rmSync(lock, { force: true }); // the target dir is shared by this file's tests
  return { lock, holder: await lockHolder(lock) };
}

describe('publish queue on real cargo', () => {
  it('publishes every crate once, each after its dependencies are visible in the index', async () => {
    const h = await harness({ registry: { indexDelayMs: 300 } });
    const seen = recordStatuses(h.store);
    const out = await runQueue(h);
    expect(out).toEqual({ status: 'passed', summary: '4 published, 0 already published' });
    expect(statuses(h)).toEqual({
      'tiny-base': 'published',
      'tiny-mid': 'published',
      'tiny-top': 'published',
      'tiny-solo': 'published',
    });
    expect(duplicateUploads(h.reg)).toEqual([]);
    expect([...h.reg.uploads.keys()].sort()).toEqual(CRATES.map((c) => `${c}@0.1.0`).sort());
    expect(orderViolations(h.reg, INTERNAL)).toEqual([]);
    expect(seen.get('tiny-mid')).toEqual(['pending', 'publishing', 'waiting-index', 'published']);
    expect(h.store.getState().crates['tiny-mid']?.cargoPhase).toBeDefined();
    // Intent before, done after, for every crate.
    const entries = h.journal.entries().filter((e) => e.action === 'publish-crate');
    for (const c of CRATES) {
      const mine = entries.filter((e) => e.target === `${c}@0.1.0`);
      expect(mine.map((e) => e.type)).toEqual(['intent', 'child', 'uploaded', 'done']);
      expect(mine[0]?.id).toBe(mine[1]?.id);
    }
    expect(h.lines.some((l) => l.includes('Uploaded tiny-top v0.1.0'))).toBe(true);
  });

  it('runs independent crates in parallel with concurrency 2 and keeps the order', async () => {
    const h = await harness({ registry: { indexDelayMs: 500 }, crates: { concurrency: 2 } });
    let maxBusy = 0;
    h.store.subscribe((s) => {
      const busy = Object.values(s.crates).filter(
        (c) => c.status === 'publishing' || c.status === 'waiting-index',
      ).length;
      maxBusy = Math.max(maxBusy, busy);
    });
    expect((await runQueue(h)).status).toBe('passed');
    expect(maxBusy).toBe(2);
    expect(orderViolations(h.reg, INTERNAL)).toEqual([]);
    expect(duplicateUploads(h.reg)).toEqual([]);
  });

  it('skips what the index already has and shows it as already-published', async () => {
    const h = await harness();
    h.reg.seed({ name: 'tiny-solo', vers: '0.1.0' });
    const out = await runQueue(h);
    expect(out).toEqual({ status: 'passed', summary: '3 published, 1 already published' });
    expect(statuses(h)['tiny-solo']).toBe('already-published');
    expect(h.reg.publishAttempts.has('tiny-solo@0.1.0')).toBe(false);
    expect(h.journal.entries().some((e) => e.target === 'tiny-solo@0.1.0')).toBe(false);
  });

  it('dry run asks the index and prints the commands it would run, touching nothing', async () => {
    const h = await harness();
    h.reg.seed({ name: 'tiny-base', vers: '0.1.0' });
    const out = await runQueue(h, { dryRun: true });
    expect(out.status).toBe('passed');
    // One verification of the set first, then uploads without cargo's own verify.
    expect(h.lines).toContain('would run: cargo package --no-verify -p tiny-mid -p tiny-top -p tiny-solo');
    expect(h.lines).toContain('would run: cargo build');
    expect(h.lines).toContain('would run: cargo publish --no-verify -p tiny-mid@0.1.0');
    expect(h.lines.some((l) => l.includes('-p tiny-base'))).toBe(false);
    expect(h.lines).toContain('already on the index: tiny-base');
    expect(h.reg.uploadLog).toEqual([]);
    expect(h.journal.entries()).toEqual([]);
  });

  it("grace: a dependent starts only once its dependency's grace is over", async () => {
    const h = await harness({ crates: { graceSeconds: 0.5, publish: ['tiny-base', 'tiny-mid'] } });
    const seen = recordStatuses(h.store);
    expect((await runQueue(h)).status).toBe('passed');
    expect(seen.get('tiny-base')).toEqual(['pending', 'publishing', 'waiting-index', 'grace', 'published']);
    const base = h.reg.uploadLog.find((u) => u.name === 'tiny-base');
    const mid = h.reg.uploadLog.find((u) => u.name === 'tiny-mid');
    expect((mid?.at ?? 0) - (base?.visibleAt ?? 0)).toBeGreaterThanOrEqual(500);
    expect(h.lines).toContain('tiny-base@0.1.0 is on the index; grace 0.5 s before its dependents');
  });

  it('the pre-flight warns when the rate limits will make the queue wait', async () => {
    const h = await harness();
    const rateLimits = { newCrate: { perMinutes: 10, burst: 2 }, newVersion: { perMinutes: 1, burst: 30 } };
    const plan = {
      ...h.plan,
      config: {
        ...h.plan.config,
        crates: { ...h.plan.config.crates, registry: { ...h.plan.config.crates.registry, rateLimits } },
      },
    };
    await runPublishQueue(h.context({ plan, dryRun: true }), { index: indexFor(h.plan), ...fast });
    expect(h.lines).toContain('pre-flight: 4 to publish (4 new crates, 0 new versions), 0 already on the index');
    expect(h.lines).toContain(
      'warning: rate limits: 4 new crates exceed the burst of 2 (then 1 per 10 min): expect at least 20 min of extra waiting (the queue waits and retries by itself).',
    );
  });

  it('an unreachable index fails the step before anything is published; a dry run still lists the commands', async () => {
    const h = await harness({ crates: { maxRetries: 0 } }); // the retries' backoff is not this test's subject
    await h.reg.close();
    const out = await runQueue(h);
    expect(out.status === 'failed' && out.reason).toMatch(/^pre-flight: cannot reach the index/);
    expect(h.journal.entries()).toEqual([]);
    expect((await runQueue(h, { dryRun: true })).status).toBe('passed');
    expect(h.lines.filter((l) => l.startsWith('would run: cargo publish --no-verify -p '))).toHaveLength(4);
    expect(h.lines).toContain('would run: cargo package --no-verify -p tiny-base -p tiny-mid -p tiny-top -p tiny-solo');
  });

  it('verify-first: a compile error in any crate uploads nothing and names the crate and the first error line', async () => {
    const h = await harness();
    writeFileSync(join(h.ws, 'mid/src/lib.rs'), 'pub fn mid() -> u32 { "two" }\n');
    const out = await runQueue(h);
    expect(out.status === 'failed' && out.reason).toBe(
      'verify-first: tiny-mid does not verify: error[E0308]: mismatched types; nothing was uploaded',
    );
    expect(h.reg.publishAttempts.size).toBe(0);
    expect(h.journal.entries()).toEqual([]);
    expect(statuses(h)).toEqual({
      'tiny-base': 'pending',
      'tiny-mid': 'failed',
      'tiny-top': 'pending',
      'tiny-solo': 'pending',
    });

    writeFileSync(join(h.ws, 'mid/src/lib.rs'), 'pub fn mid() -> u32 { tiny_base::base() + 1 }\n');
    expect((await runQueue(h)).status).toBe('passed');
    expect(duplicateUploads(h.reg)).toEqual([]);
    expect(orderViolations(h.reg, INTERNAL)).toEqual([]);
  });

  it('verify-first packages the set once, builds the packages together, then uploads with --no-verify', async () => {
    const h = await harness();
    expect((await runQueue(h)).status).toBe('passed');
    expect(h.lines).toContain(
      'verify-first: cargo package --no-verify -p tiny-base -p tiny-mid -p tiny-top -p tiny-solo',
    );
    expect(h.lines).toContainEqual(
      expect.stringMatching(
        /^verify-first: cargo build --manifest-path \/.+\/package\/release-cockpit-verify\/Cargo\.toml$/,
      ),
    );
    // Each crate compiled once, from its package as uploaded (not the workspace's sources), every time.
    const compiled = h.lines.filter((l) => /^\s*Compiling /.test(l));
    expect(compiled.map((l) => /Compiling (\S+) /.exec(l)?.[1]).sort()).toEqual([...CRATES].sort());
    for (const l of compiled) expect(l).toMatch(/release-cockpit-verify\/tiny-\w+-0\.1\.0\)$/);
    expect(
      h.journal
        .entries()
        .filter((e) => e.type === 'intent')
        .map((e) => e.detail),
    ).toEqual(
      expect.arrayContaining([
        'cargo publish --no-verify -p tiny-base@0.1.0',
        'cargo publish --no-verify -p tiny-top@0.1.0',
      ]),
    );
    expect(duplicateUploads(h.reg)).toEqual([]);
  });

  it('verify-first compiles the packaged sources: a module the package leaves out uploads nothing', async () => {
    const h = await harness();
    // The workspace builds (src/extra.rs is there), but `exclude` keeps it out of the .crate.
    writeFileSync(join(h.ws, 'base/src/extra.rs'), 'pub fn extra() -> u32 { 1 }\n');
    writeFileSync(
      join(h.ws, 'base/src/lib.rs'),
      `${readFileSync(join(h.ws, 'base/src/lib.rs'), 'utf8')}pub mod extra;\n`,
    );
    const manifest = join(h.ws, 'base/Cargo.toml');
    writeFileSync(
      manifest,
      readFileSync(manifest, 'utf8').replace('[package]', '[package]\nexclude = ["src/extra.rs"]'),
    );
    const out = await runQueue(h);
    expect(out.status === 'failed' && out.reason).toMatch(
      /^verify-first: tiny-base does not verify: error\[E0583\]: file not found for module `extra`/,
    );
    expect(h.reg.publishAttempts.size).toBe(0);
    expect(h.journal.entries()).toEqual([]);
  });

  it("verify-first builds the packages with the workspace's cargo config, wherever the target dir is", async () => {
    const h = await harness();
    // The harness's target dir lies outside the workspace: its .cargo/config.toml must still apply.
    mkdirSync(join(h.ws, '.cargo'));
    writeFileSync(join(h.ws, '.cargo/config.toml'), '[build]\nrustflags = ["--cfg", "rc_ws_config"]\n');
    const lib = join(h.ws, 'base/src/lib.rs');
    writeFileSync(
      lib,
      `#[cfg(not(rc_ws_config))]\ncompile_error!("built without the workspace's config");\n${readFileSync(lib, 'utf8')}`,
    );
    expect((await runQueue(h)).status).toBe('passed');
    expect(duplicateUploads(h.reg)).toEqual([]);
  });

  it('verify-first falls back to cargo package when cargo cannot say where its target dir is', async () => {
    const h = await harness();
    const ctx = h.context();
    const groups = publishCommands(h.plan, h.plan.crates).verify.map((g) =>
      g.build ? { ...g, build: { ...g.build, metadata: ['cargo', 'no-such-subcommand'] } } : g,
    );
    expect(await verifySet(ctx, groups)).toBeUndefined();
    expect(
      h.lines.some((l) =>
        /^verify-first: `cargo no-such-subcommand` failed \(.+\); cargo package verifies the set instead$/.test(l),
      ),
    ).toBe(true);
    expect(h.lines).toContain('verify-first: cargo package -p tiny-base -p tiny-mid -p tiny-top -p tiny-solo');
    expect(h.lines.filter((l) => /^\s*Verifying /.test(l))).toHaveLength(4);
    expect(h.reg.publishAttempts.size).toBe(0);
  });

  it('verify-first leaves a scratch workspace another verify holds and verifies with cargo package', async () => {
    const h = await harness();
    const { lock, holder } = await scratchLockHolder(h);
    try {
      expect((await runQueue(h)).status).toBe('passed');
    } finally {
      await holder.kill();
      rmSync(lock, { force: true });
    }
    expect(h.lines).toContainEqual(
      `verify-first: another verify is using the scratch workspace (pid ${holder.pid} on ${hostname()} holds ${lock} since ${holder.startedAt}); cargo package verifies the set instead`,
    );
    expect(h.lines).toContain('verify-first: cargo package -p tiny-base -p tiny-mid -p tiny-top -p tiny-solo');
    expect(h.lines.some((l) => l.includes('--manifest-path'))).toBe(false);
    expect(duplicateUploads(h.reg)).toEqual([]);
    expect(h.reg.publishAttempts.size).toBe(4);
  });

  it('verify-first takes over the scratch lock of a verify that is gone, and releases it', async () => {
    const h = await harness();
    const { lock, holder } = await scratchLockHolder(h);
    await holder.kill();
    expect((await runQueue(h)).status).toBe('passed');
    expect(h.lines).toContainEqual(expect.stringMatching(/^verify-first: cargo build --manifest-path /));
    expect(existsSync(lock)).toBe(false);
    expect(duplicateUploads(h.reg)).toEqual([]);
  });
});
