// The sleep watch on injected clocks and an injected timer, then wired through a real engine: the
// note reaches the running step's output, its log file and the notices.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchSleep } from '../../src/adapters/sleep-watch.js';
import { openEngine, type Engine } from '../../src/engine/engine.js';
import type { StepHandler } from '../../src/engine/step-types.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';
import { makePlan } from '../helpers/make-plan.js';

const repos: TempRepo[] = [];
const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const r of repos.splice(0)) r.cleanup();
});

/** Fake clocks and a timer the test fires by hand. */
function fakeTime() {
  const t = { wall: Date.parse('2026-12-05T10:02:00Z'), mono: 0 };
  let tick: (() => void) | undefined;
  return {
    t,
    clocks: {
      wall: () => t.wall,
      mono: () => t.mono,
      every: (fn: () => void) => ((tick = fn), () => (tick = undefined)),
    },
    tick: (wallMs: number, monoMs = 1000) => {
      t.wall += wallMs;
      t.mono += monoMs;
      tick?.();
    },
    stopped: () => tick === undefined,
  };
}

describe('watchSleep', () => {
  it('reports a suspend once, with the wake-up time, and nothing for ordinary ticks', () => {
    const f = fakeTime();
    const seen: [number, number][] = [];
    const stop = watchSleep({ ...f.clocks, onSleep: (ms, at) => seen.push([ms, at]) });
    f.tick(1000);
    f.tick(41 * 60_000 + 1000);
    f.tick(1000);
    expect(seen).toEqual([[41 * 60_000, Date.parse('2026-12-05T10:43:02Z')]]);
    stop();
    expect(f.stopped()).toBe(true);
  });

  it('a running step gets "the machine slept 41 min" in its output, its log and the notices; its duration leaves the sleep out; the watch stops with the step', async () => {
    const repo = makeGitRepo();
    repos.push(repo);
    const f = fakeTime();
    const plan = makePlan({
      repo: repo.dir,
      phases: [{ id: 'p', steps: [{ id: 'docker', kind: 'run', run: ['node', '-e', '0'] }] }],
    });
    const handler: StepHandler = {
      kind: 'run',
      async run(ctx) {
        ctx.log('building 7 services');
        f.tick(130_000, 130_000); // 2 min 10 s of work
        f.tick(41 * 60_000 + 1000); // the laptop closed mid-build
        return { status: 'passed' };
      },
    };
    const e = await openEngine({
      repo: repo.dir,
      plan,
      env: {},
      handlers: { run: handler },
      watchSleep: (onSleep) => watchSleep({ ...f.clocks, onSleep }),
      now: () => f.t.wall,
    });
    engines.push(e);
    expect(await e.runToEnd()).toBe('done');
    const note = "the machine slept 41 min (from 10:04 to 10:45 UTC); not counted in this step's duration";
    const out = e.output.get('docker');
    expect(out.slice(0, out.size).map((l) => l.text)).toEqual(['building 7 services', note]);
    const log = readFileSync(join(repo.dir, '.git', 'release-cockpit', '1.0.0', 'logs', 'docker.log'), 'utf8');
    expect(log).toContain(note);
    expect(e.store.getState().notices).toContain(`p/docker: ${note}`);
    expect(f.stopped()).toBe(true);
    // 2 min 10 s of work and the 1 s tick that noticed the sleep; the 41 min asleep kept apart.
    expect(e.store.getState().steps['docker']).toMatchObject({ durationMs: 131_000, sleptMs: 41 * 60_000 });
  });
});
