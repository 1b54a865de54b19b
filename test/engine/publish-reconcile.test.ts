// Exactly once against a lagging index: real cargo, the loopback registry with
// an index delay, the registry's API as the authority, the `uploaded` record, and cargo's
// `Uploading` line checked against the plan.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exec } from '../../src/adapters/exec.js';
import { runPublishQueue } from '../../src/engine/publish-queue.js';
import { reconcilePublish } from '../../src/engine/publish-reconcile.js';
import { apiFor, indexFor } from '../../src/engine/steps/publish-crates.js';
import { sharedTargetDir, startHarness, type Harness, type HarnessOptions } from '../sandbox/queue-harness.js';

const targetDir = sharedTargetDir('publish-reconcile');
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});
async function harness(opts: Partial<HarnessOptions> = {}): Promise<Harness> {
  const h = await startHarness({ targetDir, ...opts });
  harnesses.push(h);
  return h;
}

/** An upload by another hand, returned as soon as the registry stored it (cargo's own index wait is cut). */
async function uploadNoWait(h: Harness, crate: string): Promise<void> {
  const stop = new AbortController();
  const run = exec(['cargo', 'publish', '-p', crate], { cwd: h.ws, env: h.env, signal: stop.signal });
  while (!h.reg.uploads.has(`${crate}@0.1.0`)) {
    const r = await Promise.race([run, new Promise<undefined>((res) => setTimeout(res, 20))]);
    if (r) throw new Error(`cargo ended before uploading: ${r.tail.join('\n')}`);
  }
  stop.abort();
  await run;
}

describe('reconcile of an interrupted publish against a lagging index', () => {
  it('asks the registry API first: an upload the index does not show yet is done, never not-done', async () => {
    const h = await harness({ registry: { indexDelayMs: 60_000 } });
    const intent = h.journal.append({
      type: 'intent',
      action: 'publish-crate',
      target: 'tiny-base@0.1.0',
      step: 'publish',
    });
    await uploadNoWait(h, 'tiny-base');
    const index = indexFor(h.plan);
    expect(await index.status('tiny-base', '0.1.0')).toBe('absent'); // the index lags
    expect(await reconcilePublish(h.context(), { index, api: apiFor(h.plan) }, intent, { wait: false })).toBe('done');
    // The old reading (the index alone) said "did not happen": a young intent is now unknown, never not-done.
    expect(await reconcilePublish(h.context(), { index }, intent, { wait: false })).toBe('unknown');
  });

  it('without an API, waits for the index while the intent is younger than indexTimeoutSeconds (countdown on the crate)', async () => {
    const h = await harness({ registry: { indexDelayMs: 1500 } });
    const intent = h.journal.append({
      type: 'intent',
      action: 'publish-crate',
      target: 'tiny-base@0.1.0',
      step: 'publish',
    });
    await uploadNoWait(h, 'tiny-base');
    const ctx = h.context();
    const countdowns: (number | undefined)[] = [];
    const unsubscribe = h.store.subscribe((s) => countdowns.push(s.crates['tiny-base']?.waitUntil));
    expect(await reconcilePublish(ctx, { index: indexFor(h.plan), pollMs: 100 }, intent, { wait: true })).toBe('done');
    unsubscribe();
    expect(countdowns.some((t) => t !== undefined && t > Date.now())).toBe(true);
    expect(
      h.lines.some((l) =>
        /tiny-base@0\.1\.0: the previous session may have uploaded it; waiting up to \d+ s for the index/.test(l),
      ),
    ).toBe(true);
    // Older than the index's timeout and still absent: it did not happen.
    const old = { ...intent, target: 'tiny-solo@0.1.0', ts: new Date(Date.now() - 3_600_000).toISOString() };
    expect(await reconcilePublish(ctx, { index: indexFor(h.plan) }, old, { wait: true })).toBe('not-done');
  });

  it('an `uploaded` record is done, and the queue then waits for the index instead of sending it again', async () => {
    const h = await harness({ registry: { indexDelayMs: 1500 }, crates: { publish: ['tiny-base'], graceSeconds: 0 } });
    const intent = h.journal.append({
      type: 'intent',
      action: 'publish-crate',
      target: 'tiny-base@0.1.0',
      step: 'publish',
    });
    await uploadNoWait(h, 'tiny-base');
    h.journal.append({
      type: 'uploaded',
      id: intent.id,
      action: 'publish-crate',
      target: 'tiny-base@0.1.0',
      step: 'publish',
    });
    expect(await reconcilePublish(h.context(), { index: indexFor(h.plan) }, intent, { wait: false })).toBe('done');
    h.journal.append({
      type: 'reconciled',
      id: intent.id,
      action: 'publish-crate',
      target: 'tiny-base@0.1.0',
      step: 'publish',
      verdict: 'done',
    });
    const out = await runPublishQueue(h.context(), { index: indexFor(h.plan), pollMs: () => 50, random: () => 0 });
    expect(out.status).toBe('passed');
    expect(h.store.getState().crates['tiny-base']?.status).toBe('published');
    expect(h.reg.publishAttempts.get('tiny-base@0.1.0')).toBe(1);
  });
});

describe('exactly the planned version', () => {
  it('refuses to start when a manifest no longer carries the planned version, uploading nothing', async () => {
    const h = await harness({ crates: { verifyFirst: false } });
    const manifest = join(h.ws, 'base', 'Cargo.toml');
    const { readFileSync } = await import('node:fs');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('version.workspace = true', 'version = "0.2.0"'));
    const out = await runPublishQueue(h.context(), { index: indexFor(h.plan), pollMs: () => 50, random: () => 0 });
    expect(out).toEqual({
      status: 'failed',
      reason:
        'base/Cargo.toml now says tiny-base 0.2.0 but release 0.1.0 publishes 0.1.0: the manifests changed after the release was planned; restore them (git checkout -- base/Cargo.toml) before the queue uploads anything.',
    });
    expect(h.reg.publishAttempts.size).toBe(0);
  });

  it('stops cargo at an `Uploading` line naming another version, and the queue stops with one sentence', async () => {
    const fake = join(targetDir, 'fake-cargo.cjs');
    writeFileSync(
      fake,
      "console.error('   Uploading ' + process.argv[2] + ' v9.9.9 (/x)'); setTimeout(() => console.error('    Uploaded x'), 20000);\n",
    );
    const h = await harness({
      crates: { verifyFirst: false, command: ['node', fake, '{crate}'], publish: ['tiny-base'] },
    });
    const started = Date.now();
    const out = await runPublishQueue(h.context(), { index: indexFor(h.plan), pollMs: () => 50, random: () => 0 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(out).toEqual({
      status: 'failed',
      reason:
        'tiny-base: cargo was about to upload tiny-base 9.9.9 where release 0.1.0 publishes tiny-base@0.1.0; it was stopped before the upload. Restore the manifests to the planned versions and run again.',
    });
  });
});

describe('reconcile rides out index errors', () => {
  it('retries an index 500 with backoff instead of ending with "check by hand"', async () => {
    const h = await harness();
    const intent = h.journal.append({
      type: 'intent',
      action: 'publish-crate',
      target: 'tiny-base@0.1.0',
      step: 'publish',
    });
    await h.publishByHand('tiny-base');
    h.reg.setFaults({ indexError: { times: 2, crates: ['tiny-base'] } });
    const deps = { index: indexFor(h.plan), random: () => 0 };
    expect(await reconcilePublish(h.context(), deps, intent, { wait: false })).toBe('done');
    expect(
      h.lines.filter((l) => /^the index about tiny-base@0\.1\.0: the index answered 500 .*; asking again in/.test(l)),
    ).toHaveLength(2);
  });
});
