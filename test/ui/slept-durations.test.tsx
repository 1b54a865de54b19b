// A step the machine slept under (a laptop closed mid-build): every view shows the time it ran
// awake with the sleep beside it, never a build that "took 41 min": the checklist (finished and
// still running), status, the headless output and the release report, and the phase durations.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { attachHeadlessReporter } from '../../src/cli/headless-reporter.js';
import { formatStatus } from '../../src/cli/status-mode.js';
import { buildReleaseReport } from '../../src/core/release-report.js';
import { phaseDurationMs, stepDurationText } from '../../src/core/durations.js';
import { finishStep, noteStepSleep, startStep } from '../../src/engine/step-state.js';
import { stepElapsedMs } from '../../src/store/selectors.js';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { renderApp, T0 } from './render-app.js';

afterEach(() => cleanup());

const iso = (ms: number): string => new Date(ms).toISOString();
const SLEPT = 41 * 60_000;
const WORK = 130_000;
const SHOWN = '2 min 10 s + slept 41 min';

describe('durations with the machine asleep', () => {
  it('the state machine keeps the sleep apart from the duration; a running step counts awake time only', () => {
    const engine = createFakeEngine();
    const plan = engine.plan;
    let s = startStep(engine.store.getState(), plan, 'cargo-test', iso(T0));
    s = noteStepSleep(s, 'cargo-test', SLEPT);
    expect(stepElapsedMs(s.steps['cargo-test'], T0 + WORK + SLEPT)).toBe(WORK);
    s = finishStep(s, plan, 'cargo-test', { status: 'passed' }, iso(T0 + WORK + SLEPT));
    expect(s.steps['cargo-test']).toMatchObject({ durationMs: WORK, sleptMs: SLEPT });
    // Only a running step takes a sleep; a new attempt starts from none.
    expect(noteStepSleep(s, 'cargo-test', 1000)).toBe(s);
    expect(
      startStep({ ...s, steps: { ...s.steps, clippy: { status: 'pending', attempts: 0 } } }, plan, 'clippy', iso(T0))
        .steps['clippy']?.sleptMs,
    ).toBeUndefined();
    expect(stepDurationText(WORK, SLEPT)).toBe(SHOWN);
    expect(stepDurationText(WORK)).toBe('2 min 10 s');
    expect(
      phaseDurationMs({ startedAt: iso(T0), completedAt: iso(T0 + WORK + SLEPT) }, [{ sleptMs: SLEPT }, undefined]),
    ).toBe(WORK);
  });

  const slept = {
    status: 'passed' as const,
    startedAt: iso(T0 - WORK - SLEPT),
    endedAt: iso(T0),
    durationMs: WORK,
    sleptMs: SLEPT,
    attempts: 1,
  };

  it('the checklist shows it, finished and while it runs', async () => {
    const engine = createFakeEngine({ state: { steps: { 'cargo-test': slept } } });
    const app = await renderApp(engine);
    await app.resize(120, 30);
    expect(
      app
        .frame()
        .split('\n')
        .find((l) => l.includes('cargo test')),
    ).toContain(SHOWN);
    cleanup();
    const running = { status: 'running' as const, startedAt: iso(T0 - WORK - SLEPT), sleptMs: SLEPT, attempts: 1 };
    const live = await renderApp(createFakeEngine({ state: { steps: { 'cargo-test': running } } }));
    await live.resize(120, 30);
    const line = live
      .frame()
      .split('\n')
      .find((l) => l.includes('cargo test'))!;
    expect(line).toContain(SHOWN);
  });

  it('status, the headless output and the release report say the same', () => {
    const engine = createFakeEngine({
      state: {
        phases: { checks: { startedAt: iso(T0 - WORK - SLEPT), completedAt: iso(T0) } },
        steps: { 'cargo-test': slept, clippy: { status: 'passed', durationMs: 0 }, eyeball: { status: 'passed' } },
      },
    });
    const state = engine.store.getState();
    const status = formatStatus(state, engine.plan, '/state', false);
    expect(status).toContain(`cargo-test  ${SHOWN}`);
    expect(status).toContain('(2 min 10 s)');
    // The duration column is as wide as its longest entry: the next column starts at one place.
    const rows = status.split('\n').filter((l) => / (cargo-test|clippy) /.test(l));
    expect(rows).toEqual([
      `    ✓ passed      cargo-test  ${SHOWN}`,
      `    ✓ passed      clippy      ${'0.0 s'.padStart(SHOWN.length)}`,
    ]);

    const out: string[] = [];
    const reporter = attachHeadlessReporter(
      { plan: engine.plan, store: engine.store, onOutputChunk: () => () => undefined },
      { write: (t) => void out.push(t), color: false, now: () => T0 },
    );
    const before = { ...state.steps };
    engine.store.setState({
      phases: { checks: { startedAt: slept.startedAt } },
      steps: { ...before, 'cargo-test': { status: 'running', startedAt: slept.startedAt, attempts: 1 } },
    });
    engine.store.setState({ phases: state.phases, steps: before });
    reporter.detach();
    expect(out.join('')).toContain(`✓ passed (${SHOWN})`);
    expect(out.join('')).toContain('━━ checks complete in 2 min 10 s');

    const report = buildReleaseReport({ plan: engine.plan, state, journal: [], now: iso(T0) });
    expect(report).toContain(`| ${SHOWN} |`);
    expect(report).toContain('(2 min 10 s)');
  });
});
