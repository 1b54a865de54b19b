// The 12 Micromegas crates published end to end by the queue with real cargo against the
// loopback registry: each version uploaded once, every crate after its dependencies were
// visible in the index, whatever order the plan hands the queue.
import { afterEach, describe, expect, it } from 'vitest';
import { runPublishQueue } from '../../src/engine/publish-queue.js';
import { indexFor } from '../../src/engine/steps/publish-crates.js';
import { MICROMEGAS_CRATES, writeMicromegasWorkspace } from '../sandbox/micromegas-crates.js';
import {
  duplicateUploads,
  orderViolations,
  sharedTargetDir,
  startHarness,
  type Harness,
} from '../sandbox/queue-harness.js';

const targetDir = sharedTargetDir('queue-micromegas');
const INTERNAL = new Set(MICROMEGAS_CRATES);
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function micromegas(concurrency: number, indexDelayMs: number): Promise<Harness> {
  const h = await startHarness({
    targetDir,
    registry: { indexDelayMs },
    prepare: (indexUrl) => writeMicromegasWorkspace({ indexUrl, concurrency }),
  });
  harnesses.push(h);
  return h;
}

describe('Micromegas v0.15.0 crates on real cargo', () => {
  it('publishes all 12 in dependency order, each uploaded once (concurrency 1)', async () => {
    const h = await micromegas(1, 200);
    const out = await runPublishQueue(h.context(), { index: indexFor(h.plan), pollMs: () => 50 });
    expect(out).toEqual({ status: 'passed', summary: '12 published, 0 already published' });
    expect(duplicateUploads(h.reg)).toEqual([]);
    expect(h.reg.uploads.size).toBe(12);
    expect(orderViolations(h.reg, INTERNAL)).toEqual([]);
    // One slot is one upload at a time; a crate waiting for the index frees it for an independent one.
    const spans = h.reg.uploadLog.map((u) => u.name);
    expect(new Set(spans)).toEqual(new Set(h.plan.crates.map((c) => c.name)));
  });

  it('cannot publish out of order: a plan handed over backwards still uploads dependencies first (concurrency 4)', async () => {
    const h = await micromegas(4, 500);
    const backwards = { ...h.plan, crates: [...h.plan.crates].reverse() };
    const out = await runPublishQueue(h.context({ plan: backwards }), { index: indexFor(h.plan), pollMs: () => 50 });
    expect(out.status).toBe('passed');
    expect(duplicateUploads(h.reg)).toEqual([]);
    expect(h.reg.uploads.size).toBe(12);
    expect(orderViolations(h.reg, INTERNAL)).toEqual([]);
    expect(h.reg.uploadLog[h.reg.uploadLog.length - 1]?.name).toBe('micromegas');
  });
});
