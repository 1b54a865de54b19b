// The publish queue with real cargo against the loopback registry (tiny 4-crate workspace:
// base <- mid <- top, base <- top, solo alone). Each test has its own registry on a random port
// and its own CARGO_HOME; builds are shared through one CARGO_TARGET_DIR for this file.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createQueueControls, runPublishQueue } from '../../src/engine/publish-queue.js';
import { apiFor, indexFor } from '../../src/engine/steps/publish-crates.js';
import { reconcilePublish } from '../../src/engine/publish-reconcile.js';
import { StepPaused } from '../../src/engine/step-state.js';
import type { CrateStatus } from '../../src/core/state-types.js';
import type { StoreApi } from 'zustand/vanilla';
import type { ReleaseState } from '../../src/core/state-types.js';
import {
  duplicateUploads,
  orderViolations,
  sharedTargetDir,
  startHarness,
  type Harness,
  type HarnessOptions,
} from '../sandbox/queue-harness.js';

const targetDir = sharedTargetDir('publish-queue');
const CRATES = ['tiny-base', 'tiny-mid', 'tiny-top', 'tiny-solo'];
const INTERNAL = new Set(CRATES);
const harnesses: Harness[] = [];

afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function harness(opts: Partial<HarnessOptions> = {}): Promise<Harness> {
  const h = await startHarness({ targetDir, ...opts });
  harnesses.push(h);
  return h;
}

/** Each crate's distinct statuses in the order it went through them. */
function recordStatuses(store: StoreApi<ReleaseState>): Map<string, CrateStatus[]> {
  const seen = new Map<string, CrateStatus[]>();
  store.subscribe((s) => {
    for (const [name, c] of Object.entries(s.crates)) {
      const list = seen.get(name) ?? [];
      if (list[list.length - 1] !== c.status) list.push(c.status);
      seen.set(name, list);
    }
  });
  return seen;
}

// Fast polls and no jitter: the waits are the registry's, not ours.
const fast = { pollMs: () => 50, random: () => 0 };

function run(h: Harness, opts: { signal?: AbortSignal; dryRun?: boolean } = {}) {
  return runPublishQueue(h.context(opts), { index: indexFor(h.plan), ...fast });
}

function statuses(h: Harness): Record<string, CrateStatus | undefined> {
  return Object.fromEntries(CRATES.map((c) => [c, h.store.getState().crates[c]?.status]));
}

describe('publish queue on real cargo', () => {
  it('publishes every crate once, each after its dependencies are visible in the index', async () => {
    const h = await harness({ registry: { indexDelayMs: 300 } });
    const seen = recordStatuses(h.store);
    const out = await run(h);
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
    expect((await run(h)).status).toBe('passed');
    expect(maxBusy).toBe(2);
    expect(orderViolations(h.reg, INTERNAL)).toEqual([]);
    expect(duplicateUploads(h.reg)).toEqual([]);
  });

  it('skips what the index already has and shows it as already-published', async () => {
    const h = await harness();
    h.reg.seed({ name: 'tiny-solo', vers: '0.1.0' });
    const out = await run(h);
    expect(out).toEqual({ status: 'passed', summary: '3 published, 1 already published' });
    expect(statuses(h)['tiny-solo']).toBe('already-published');
    expect(h.reg.publishAttempts.has('tiny-solo@0.1.0')).toBe(false);
    expect(h.journal.entries().some((e) => e.target === 'tiny-solo@0.1.0')).toBe(false);
  });

  it('dry run asks the index and prints the commands it would run, touching nothing', async () => {
    const h = await harness();
    h.reg.seed({ name: 'tiny-base', vers: '0.1.0' });
    const out = await run(h, { dryRun: true });
    expect(out.status).toBe('passed');
    // One verification of the set first, then uploads without cargo's own verify.
    expect(h.lines).toContain('would run: cargo package -p tiny-mid -p tiny-top -p tiny-solo');
    expect(h.lines).toContain('would run: cargo publish --no-verify -p tiny-mid@0.1.0');
    expect(h.lines.some((l) => l.includes('-p tiny-base'))).toBe(false);
    expect(h.lines).toContain('already on the index: tiny-base');
    expect(h.reg.uploadLog).toEqual([]);
    expect(h.journal.entries()).toEqual([]);
  });

  it("grace: a dependent starts only once its dependency's grace is over", async () => {
    const h = await harness({ crates: { graceSeconds: 0.5, publish: ['tiny-base', 'tiny-mid'] } });
    const seen = recordStatuses(h.store);
    expect((await run(h)).status).toBe('passed');
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
    const out = await run(h);
    expect(out.status === 'failed' && out.reason).toMatch(/^pre-flight: cannot reach the index/);
    expect(h.journal.entries()).toEqual([]);
    expect((await run(h, { dryRun: true })).status).toBe('passed');
    expect(h.lines.filter((l) => l.startsWith('would run: cargo publish --no-verify -p '))).toHaveLength(4);
    expect(h.lines).toContain('would run: cargo package -p tiny-base -p tiny-mid -p tiny-top -p tiny-solo');
  });

  it('waits out a 429 until the time the registry gave, then publishes once', async () => {
    const h = await harness({
      registry: { faults: { rateLimit: { times: 1, crates: ['tiny-mid'], retryAfterSeconds: 1 } } },
    });
    const seen = recordStatuses(h.store);
    expect((await run(h)).status).toBe('passed');
    expect(seen.get('tiny-mid')).toContain('rate-limited');
    expect(h.reg.publishAttempts.get('tiny-mid@0.1.0')).toBe(2);
    expect(duplicateUploads(h.reg)).toEqual([]);
    expect(h.lines.some((l) => l.includes('rate-limited by the registry'))).toBe(true);
  });

  it('retries a 500 and a dropped connection with backoff', async () => {
    const h = await harness({
      registry: {
        faults: {
          serverError: { times: 1, crates: ['tiny-base'] },
          dropConnection: { times: 1, crates: ['tiny-top'] },
        },
      },
    });
    const seen = recordStatuses(h.store);
    expect((await run(h)).status).toBe('passed');
    expect(seen.get('tiny-base')).toContain('retrying');
    expect(seen.get('tiny-top')).toContain('retrying');
    expect(h.store.getState().crates['tiny-base']?.attempts).toBe(2);
    expect(duplicateUploads(h.reg)).toEqual([]);
    expect(orderViolations(h.reg, INTERNAL)).toEqual([]);
  });

  it('an upload whose answer was lost is found on the retry: uploaded once, published', async () => {
    // The server stores the crate then drops the connection; the index shows it 1.5 s later, so
    // the retry uploads again and gets crates.io's 400 "already uploaded".
    const h = await harness({
      crates: { publish: ['tiny-base', 'tiny-mid'] },
      registry: {
        indexDelayMs: 1500,
        faults: { dropConnection: { times: 1, crates: ['tiny-base'], afterStore: true } },
      },
    });
    expect((await run(h)).status).toBe('passed');
    expect(h.reg.uploads.get('tiny-base@0.1.0')).toBe(1);
    expect(statuses(h)['tiny-base']).toBe('published');
    expect(orderViolations(h.reg, INTERNAL)).toEqual([]);
    expect(h.journal.entries().filter((e) => e.target === 'tiny-base@0.1.0' && e.type === 'done')).toHaveLength(1);
  });

  it('a duplicate-upload 400 counts as published once the index confirms it', async () => {
    const h = await harness({
      crates: { publish: ['tiny-base', 'tiny-solo'], concurrency: 2 },
      registry: { indexDelayMs: 800, faults: { duplicate: { times: 1, crates: ['tiny-solo'] } } },
    });
    expect((await run(h)).status).toBe('passed');
    expect(statuses(h)['tiny-solo']).toBe('published');
    expect(h.reg.publishAttempts.get('tiny-solo@0.1.0')).toBe(1);
    expect(duplicateUploads(h.reg)).toEqual([]);
  });

  it('gives up after maxRetries and stops the queue: the rest stays pending', async () => {
    const h = await harness({
      crates: { maxRetries: 1 },
      registry: { faults: { serverError: { times: 5, crates: ['tiny-base'] } } },
    });
    const out = await run(h);
    expect(out.status).toBe('failed');
    expect(out.status === 'failed' && out.reason).toMatch(
      /^tiny-base: server-error: .*status 500.*gave up after 1 retries/,
    );
    expect(statuses(h)).toMatchObject({ 'tiny-base': 'failed', 'tiny-mid': 'pending', 'tiny-top': 'pending' });
    expect(h.reg.publishAttempts.get('tiny-base@0.1.0')).toBe(2);
  });

  it('verify-first: a compile error in any crate uploads nothing and names the crate and the first error line', async () => {
    const h = await harness();
    writeFileSync(join(h.ws, 'mid/src/lib.rs'), 'pub fn mid() -> u32 { "two" }\n');
    const out = await run(h);
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
    expect((await run(h)).status).toBe('passed');
    expect(duplicateUploads(h.reg)).toEqual([]);
    expect(orderViolations(h.reg, INTERNAL)).toEqual([]);
  });

  it('verify-first uploads with --no-verify after one cargo package of the set', async () => {
    const h = await harness();
    expect((await run(h)).status).toBe('passed');
    expect(h.lines).toContain('verify-first: cargo package -p tiny-base -p tiny-mid -p tiny-top -p tiny-solo');
    expect(h.lines.filter((l) => /^\s*Verifying /.test(l))).toHaveLength(4);
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

  it('without verifyFirst a compile error fails its crate mid-queue; retryCrate after the fix publishes it', async () => {
    const h = await harness({ crates: { verifyFirst: false } });
    writeFileSync(join(h.ws, 'mid/src/lib.rs'), 'pub fn mid() -> u32 { "two" }\n');
    const out = await run(h);
    expect(out.status === 'failed' && out.reason).toMatch(/^tiny-mid: compile: /);
    expect(h.lines.some((l) => l.startsWith('error[E0308]'))).toBe(true);
    expect(statuses(h)).toMatchObject({ 'tiny-base': 'published', 'tiny-mid': 'failed', 'tiny-top': 'pending' });

    writeFileSync(join(h.ws, 'mid/src/lib.rs'), 'pub fn mid() -> u32 { tiny_base::base() + 1 }\n');
    createQueueControls(h.store).retryCrate('tiny-mid');
    expect((await run(h)).status).toBe('passed');
    expect(duplicateUploads(h.reg)).toEqual([]);
  });

  it('an auth failure is not retried', async () => {
    const h = await harness({ registry: { token: 'another-token' } });
    const out = await run(h);
    expect(out.status === 'failed' && out.reason).toMatch(/^tiny-base: auth: .*403/);
    expect(h.reg.publishAttempts.get('tiny-base@0.1.0')).toBe(1);
    expect(h.store.getState().crates['tiny-base']?.attempts).toBe(1);
  });

  it('a skipped crate holds its dependents unless the index has it', async () => {
    const h = await harness();
    createQueueControls(h.store).skipCrate('tiny-base', 'published by hand');
    const out = await run(h);
    expect(out.status === 'failed' && out.reason).toBe(
      'tiny-mid needs tiny-base, which is skipped and not on the index',
    );
    expect(statuses(h)).toMatchObject({ 'tiny-solo': 'published', 'tiny-mid': 'pending', 'tiny-top': 'pending' });

    await h.publishByHand('tiny-base');
    const again = await run(h);
    expect(again).toEqual({ status: 'passed', summary: '3 published, 0 already published, 1 skipped' });
  });

  it('pause stops after the crate in flight; the step resumes from there', async () => {
    const h = await harness();
    const controls = createQueueControls(h.store);
    const stop = h.store.subscribe((s) => {
      if (s.crates['tiny-base']?.status === 'publishing') controls.pause();
    });
    await expect(run(h)).rejects.toBeInstanceOf(StepPaused);
    stop();
    expect(statuses(h)).toMatchObject({ 'tiny-base': 'published', 'tiny-mid': 'pending', 'tiny-solo': 'pending' });
    controls.resume();
    expect((await run(h)).status).toBe('passed');
  });

  it('controls refuse what makes no sense: unknown crate, retry of a pending one, skip without a reason', async () => {
    const h = await harness();
    const controls = createQueueControls(h.store);
    expect(() => controls.retryCrate('nope')).toThrow('no crate `nope` in this release.');
    expect(() => controls.retryCrate('tiny-base')).toThrow('cannot retry crate tiny-base: it is pending.');
    expect(() => controls.skipCrate('tiny-base', '  ')).toThrow('skipping crate tiny-base needs a reason.');
    controls.skipCrate('tiny-base', ' done by hand ');
    expect(h.store.getState().crates['tiny-base']).toMatchObject({ status: 'skipped', reason: 'done by hand' });
    expect(() => controls.skipCrate('tiny-base', 'again')).toThrow('cannot skip crate tiny-base: it is skipped.');
    controls.retryCrate('tiny-base');
    expect(h.store.getState().crates['tiny-base']?.status).toBe('pending');
  });

  it('reconcile: an open intent is done when the index has the version, not-done otherwise', async () => {
    const h = await harness();
    const deps = { index: indexFor(h.plan), api: apiFor(h.plan) };
    const intent = h.journal.append({
      type: 'intent',
      action: 'publish-crate',
      target: 'tiny-base@0.1.0',
      step: 'publish',
    });
    expect(await reconcilePublish(h.context(), deps, intent, { wait: false })).toBe('not-done');
    await h.publishByHand('tiny-base');
    expect(await reconcilePublish(h.context(), deps, intent, { wait: false })).toBe('done');
    // The queue then treats it as this release's: published, with its done entry.
    expect((await run(h)).status).toBe('passed');
    expect(statuses(h)['tiny-base']).toBe('published');
    expect(
      h.journal
        .entries()
        .filter((e) => e.id === intent.id)
        .map((e) => e.type),
    ).toEqual(['intent', 'done']);
  });
});
