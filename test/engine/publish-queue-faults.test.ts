// The publish queue on real cargo when the registry or the build fails: rate limits, server
// errors, lost answers and duplicates (on cargo's path and the queue's own), retries given up,
// compile failures.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createQueueControls } from '../../src/engine/queue-controls.js';
import { duplicateUploads, orderViolations } from '../sandbox/queue-harness.js';
import {
  INTERNAL,
  recordStatuses,
  runQueue,
  runQueueDirect,
  statuses,
  useQueueHarness,
} from '../helpers/publish-queue-run.js';

const harness = useQueueHarness('publish-queue-faults');

describe('publish queue: registry and build failures', () => {
  // The same registry failures on both upload paths: cargo's, and the queue's own request.
  describe.each([
    { path: "cargo's upload", run: runQueue },
    { path: "the queue's own upload", run: runQueueDirect },
  ])('$path', ({ run }) => {
    it('waits out a 429 until the time the registry gave, then publishes once', async () => {
      const h = await harness({
        registry: { faults: { rateLimit: { times: 1, crates: ['tiny-mid'], retryAfterSeconds: 1 } } },
      });
      const seen = recordStatuses(h.store);
      expect((await run(h)).status).toBe('passed');
      expect(seen.get('tiny-mid')).toContain('rate-limited');
      expect(h.reg.publishAttempts.get('tiny-mid@0.1.0')).toBe(2);
      expect(h.reg.uploads.get('tiny-mid@0.1.0')).toBe(1);
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

    it('a refused token is an auth failure, not retried', async () => {
      const h = await harness({ registry: { token: 'another-token' } });
      const out = await run(h);
      expect(out.status === 'failed' && out.reason).toMatch(/^tiny-base: auth: .*403/);
      expect(h.reg.publishAttempts.get('tiny-base@0.1.0')).toBe(1);
      expect(h.store.getState().crates['tiny-base']?.attempts).toBe(1);
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
  });

  it('gives up after maxRetries and stops the queue: the rest stays pending', async () => {
    const h = await harness({
      crates: { maxRetries: 1 },
      registry: { faults: { serverError: { times: 5, crates: ['tiny-base'] } } },
    });
    const out = await runQueue(h);
    expect(out.status).toBe('failed');
    expect(out.status === 'failed' && out.reason).toMatch(
      /^tiny-base: server-error: .*status 500.*gave up after 1 retries/,
    );
    expect(statuses(h)).toMatchObject({ 'tiny-base': 'failed', 'tiny-mid': 'pending', 'tiny-top': 'pending' });
    expect(h.reg.publishAttempts.get('tiny-base@0.1.0')).toBe(2);
  });

  it('without verifyFirst a compile error fails its crate mid-queue; retryCrate after the fix publishes it', async () => {
    const h = await harness({ crates: { verifyFirst: false } });
    writeFileSync(join(h.ws, 'mid/src/lib.rs'), 'pub fn mid() -> u32 { "two" }\n');
    const out = await runQueue(h);
    expect(out.status === 'failed' && out.reason).toMatch(/^tiny-mid: compile: /);
    expect(h.lines.some((l) => l.startsWith('error[E0308]'))).toBe(true);
    expect(statuses(h)).toMatchObject({ 'tiny-base': 'published', 'tiny-mid': 'failed', 'tiny-top': 'pending' });

    writeFileSync(join(h.ws, 'mid/src/lib.rs'), 'pub fn mid() -> u32 { tiny_base::base() + 1 }\n');
    createQueueControls(h.store, Date.now).retryCrate('tiny-mid');
    expect((await runQueue(h)).status).toBe('passed');
    expect(duplicateUploads(h.reg)).toEqual([]);
  });
});
