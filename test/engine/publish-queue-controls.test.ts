// The publish queue on real cargo under the maintainer's controls (skip, pause, retry) and the
// reconcile of an interrupted upload.
import { describe, expect, it } from 'vitest';
import { createQueueControls } from '../../src/engine/queue-controls.js';
import { apiFor, indexFor } from '../../src/engine/steps/publish-crates.js';
import { reconcilePublish } from '../../src/engine/publish-reconcile.js';
import { StepPaused } from '../../src/engine/step-state.js';
import { runQueue, statuses, useQueueHarness } from '../helpers/publish-queue-run.js';

const harness = useQueueHarness('publish-queue-controls');

describe('publish queue: controls and reconcile', () => {
  it('a skipped crate holds its dependents unless the index has it', async () => {
    const h = await harness();
    createQueueControls(h.store, Date.now).skipCrate('tiny-base', 'published by hand');
    const out = await runQueue(h);
    expect(out.status === 'failed' && out.reason).toBe(
      'tiny-mid needs tiny-base, which is skipped and not on the index',
    );
    expect(statuses(h)).toMatchObject({ 'tiny-solo': 'published', 'tiny-mid': 'pending', 'tiny-top': 'pending' });

    await h.publishByHand('tiny-base');
    const again = await runQueue(h);
    expect(again).toEqual({
      status: 'passed',
      summary: '3 published, 0 already published, 1 skipped (tiny-base: published by hand)',
    });
  });

  it('pause stops after the crate in flight; the step resumes from there', async () => {
    const h = await harness();
    const controls = createQueueControls(h.store, Date.now);
    const stop = h.store.subscribe((s) => {
      if (s.crates['tiny-base']?.status === 'publishing') controls.pause();
    });
    await expect(runQueue(h)).rejects.toBeInstanceOf(StepPaused);
    stop();
    expect(statuses(h)).toMatchObject({ 'tiny-base': 'published', 'tiny-mid': 'pending', 'tiny-solo': 'pending' });
    controls.resume();
    expect((await runQueue(h)).status).toBe('passed');
  });

  it('controls refuse what makes no sense: unknown crate, retry of a pending one, skip without a reason', async () => {
    const h = await harness();
    const controls = createQueueControls(h.store, Date.now);
    expect(() => controls.retryCrate('nope')).toThrow('no crate `nope` in this release.');
    expect(() => controls.retryCrate('tiny-base')).toThrow('cannot retry crate tiny-base: it is pending.');
    expect(() => controls.skipCrate('tiny-base', '  ')).toThrow('skipping crate tiny-base needs a reason.');
    controls.skipCrate('tiny-base', ' done by hand ');
    expect(h.store.getState().crates['tiny-base']).toMatchObject({ status: 'skipped', reason: 'done by hand' });
    expect(() => controls.skipCrate('tiny-base', 'again')).toThrow('cannot skip crate tiny-base: it is skipped.');
    controls.retryCrate('tiny-base');
    expect(h.store.getState().crates['tiny-base']?.status).toBe('pending');
  });

  it('every control stamps the state with when it was changed', async () => {
    const h = await harness();
    let clock = Date.parse('2026-01-02T03:04:05Z');
    const controls = createQueueControls(h.store, () => clock);
    const stamped = (): string | undefined => h.store.getState().updatedAt;
    controls.skipCrate('tiny-base', 'by hand');
    expect(stamped()).toBe('2026-01-02T03:04:05.000Z');
    clock += 1000;
    controls.retryCrate('tiny-base');
    expect(stamped()).toBe('2026-01-02T03:04:06.000Z');
    clock += 1000;
    controls.pause();
    expect(stamped()).toBe('2026-01-02T03:04:07.000Z');
    clock += 1000;
    controls.resume();
    expect(stamped()).toBe('2026-01-02T03:04:08.000Z');
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
    expect((await runQueue(h)).status).toBe('passed');
    expect(statuses(h)['tiny-base']).toBe('published');
    expect(
      h.journal
        .entries()
        .filter((e) => e.id === intent.id)
        .map((e) => e.type),
    ).toEqual(['intent', 'done']);
  });
});
