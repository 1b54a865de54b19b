import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { schedule, type ScheduleInput } from '../../src/core/publish-schedule.js';
import type { PlannedCrate } from '../../src/core/plan-types.js';
import type { CrateState, CrateStatus } from '../../src/core/state-types.js';

// The Micromegas v0.15.0 graph (seed 000), in the seed's publish order.
const GRAPH: [string, string[]][] = [
  ['derive-transit', []],
  ['tracing-proc-macros', []],
  ['transit', ['derive-transit']],
  ['tracing', ['tracing-proc-macros', 'transit']],
  ['auth', ['tracing']],
  ['telemetry', ['tracing', 'transit']],
  ['ingestion', ['telemetry', 'tracing', 'transit', 'auth']],
  ['telemetry-sink', ['telemetry', 'tracing']],
  ['perfetto', ['tracing', 'transit']],
  ['analytics', ['ingestion', 'telemetry', 'tracing', 'transit', 'perfetto']],
  ['proc-macros', ['tracing', 'analytics']],
  [
    'micromegas',
    ['analytics', 'auth', 'ingestion', 'perfetto', 'proc-macros', 'telemetry', 'telemetry-sink', 'tracing', 'transit'],
  ],
];
const crates: PlannedCrate[] = GRAPH.map(([name, dependsOn]) => ({
  name,
  version: '0.15.0',
  manifest: `${name}/Cargo.toml`,
  layer: 0,
  dependsOn,
}));

function states(s: Record<string, CrateStatus | Partial<CrateState>>): Record<string, CrateState> {
  return Object.fromEntries(
    Object.entries(s).map(([k, v]) => [
      k,
      {
        version: '0.15.0',
        attempts: 0,
        ...(typeof v === 'string' ? { status: v } : { status: 'pending' as const, ...v }),
      },
    ]),
  );
}

function input(partial: Partial<ScheduleInput>): ScheduleInput {
  return { crates, states: {}, concurrency: 1, inFlight: new Set(), now: 1000, ...partial };
}

describe('schedule', () => {
  it('starts the first crate in plan order with one slot', () => {
    expect(schedule(input({})).start).toEqual(['derive-transit']);
  });

  it('fills the slots with crates whose dependencies are satisfied, in plan order', () => {
    const d = schedule(input({ concurrency: 4 }));
    expect(d.start).toEqual(['derive-transit', 'tracing-proc-macros']);
    expect(d.waiting).toContain('transit');
  });

  it('a dependency in flight, waiting for the index or in grace holds its dependents', () => {
    for (const status of ['publishing', 'waiting-index', 'grace', 'retrying', 'rate-limited'] as const) {
      const d = schedule(
        input({
          concurrency: 4,
          states: states({ 'derive-transit': status, 'tracing-proc-macros': 'published' }),
          inFlight: new Set(['derive-transit']),
        }),
      );
      expect(d.start).not.toContain('transit');
    }
  });

  it('published and already-published both satisfy dependents', () => {
    const d = schedule(
      input({
        concurrency: 2,
        states: states({ 'derive-transit': 'already-published', 'tracing-proc-macros': 'published' }),
      }),
    );
    expect(d.start).toEqual(['transit']);
  });

  it('a crate in grace or waiting for the index holds no slot, even the only one: it only holds back its dependents', () => {
    for (const status of ['grace', 'waiting-index'] as const) {
      const st = states({ 'derive-transit': status });
      expect(schedule(input({ states: st, inFlight: new Set(['derive-transit']) })).start).toEqual([
        'tracing-proc-macros',
      ]);
      expect(schedule(input({ concurrency: 2, states: st, inFlight: new Set(['derive-transit']) })).start).toEqual([
        'tracing-proc-macros',
      ]);
    }
  });

  it('a running upload (or its retry) holds its slot', () => {
    for (const status of ['publishing', 'retrying', 'pending'] as const) {
      const st = states({ 'derive-transit': status });
      expect(schedule(input({ states: st, inFlight: new Set(['derive-transit']) })).start).toEqual([]);
    }
  });

  it('a crate confirmed on the index frees its slot while its cargo finishes', () => {
    const d = schedule(
      input({ states: states({ 'derive-transit': 'published' }), inFlight: new Set(['derive-transit']) }),
    );
    expect(d.start).toEqual(['tracing-proc-macros']);
  });

  it('pause and a rate limit in force start nothing', () => {
    expect(schedule(input({ paused: true })).start).toEqual([]);
    const limited = states({ 'derive-transit': { status: 'rate-limited', waitUntil: 5000 } });
    expect(schedule(input({ concurrency: 4, states: limited, inFlight: new Set(['derive-transit']) })).start).toEqual(
      [],
    );
    expect(
      schedule(input({ concurrency: 4, states: limited, inFlight: new Set(['derive-transit']), now: 6000 })).start,
    ).toEqual(['tracing-proc-macros']);
  });

  it('failed or skipped-and-absent dependencies block dependents, transitively', () => {
    const d = schedule(
      input({ concurrency: 4, states: states({ 'derive-transit': 'failed', 'tracing-proc-macros': 'published' }) }),
    );
    expect(d.start).toEqual([]);
    expect(d.blocked.find((b) => b.name === 'transit')?.by).toEqual(['derive-transit']);
    expect(d.blocked.find((b) => b.name === 'micromegas')?.by).toEqual(['derive-transit']);
    const skipped = states({ 'derive-transit': 'skipped', 'tracing-proc-macros': 'published' });
    expect(schedule(input({ states: skipped })).blocked.map((b) => b.name)).toContain('transit');
    expect(schedule(input({ states: skipped, visible: new Set(['derive-transit']) })).start).toEqual(['transit']);
  });

  it('complete when everything is published, already published or skipped', () => {
    const all = Object.fromEntries(
      crates.map((c, i) => [c.name, i === 0 ? 'skipped' : i === 1 ? 'already-published' : 'published'] as const),
    );
    expect(schedule(input({ states: states(all) })).complete).toBe(true);
  });

  it('property: simulated to the end, no crate starts before its dependencies, whatever the slots and finishing order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        (concurrency, picks) => {
          const st: Record<string, CrateState> = {};
          const inFlight = new Set<string>();
          const started: string[] = [];
          for (let step = 0; step < 100; step++) {
            const d = schedule(input({ concurrency, states: st, inFlight }));
            for (const name of d.start) {
              const c = crates.find((x) => x.name === name);
              for (const dep of c?.dependsOn ?? []) expect(st[dep]?.status).toBe('published');
              st[name] = { status: 'publishing', version: '0.15.0', attempts: 1 };
              inFlight.add(name);
              started.push(name);
            }
            expect(inFlight.size).toBeLessThanOrEqual(concurrency);
            if (d.complete) break;
            const list = [...inFlight];
            const done = list[(picks[step % picks.length] ?? 0) % list.length];
            if (done) {
              st[done] = { status: 'published', version: '0.15.0', attempts: 1 };
              inFlight.delete(done);
            }
          }
          expect(started.sort()).toEqual(crates.map((c) => c.name).sort());
        },
      ),
    );
  });
});
