// A publish step at rest on its paused queue reads "paused" everywhere (checklist, status,
// headless output), never "running" or "interrupted", and p (or --retry) resumes it cleanly.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { attachHeadlessReporter } from '../../src/cli/headless-reporter.js';
import { singleStepAction } from '../../src/cli/single-step-action.js';
import { formatStatus } from '../../src/cli/status-mode.js';
import type { CliArgs } from '../../src/cli/args.js';
import type { Engine } from '../../src/engine/engine.js';
import { isPausedPublish } from '../../src/store/selectors.js';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { renderApp, T0 } from './render-app.js';

afterEach(() => cleanup());

const iso = (ms: number): string => new Date(ms).toISOString();
const running = { status: 'running' as const, startedAt: iso(T0 - 5000), attempts: 1 };
const done = { status: 'published' as const, version: '0.15.0', attempts: 1 };

function pausedEngine(step = running) {
  return createFakeEngine({
    state: {
      queuePaused: true,
      steps: {
        'cargo-test': { status: 'passed' },
        clippy: { status: 'passed' },
        eyeball: { status: 'passed' },
        publish: step,
      },
      crates: { 'micromegas-derive-transit': done },
    },
  });
}

const publishLine = (frame: string): string => frame.split('\n').find((l) => l.includes('Publish crates'))!;

describe('a paused publish step', () => {
  it('is paused, not running, once nothing is in flight (a crate still publishing keeps it running)', () => {
    const step = { id: 'publish', kind: 'publish-crates' };
    const state = { queuePaused: true, steps: { publish: running }, crates: { a: done } };
    expect(isPausedPublish(state, step)).toBe(true);
    expect(isPausedPublish({ ...state, crates: { a: { ...done, status: 'publishing' as const } } }, step)).toBe(false);
    expect(isPausedPublish({ ...state, queuePaused: false }, step)).toBe(false);
    expect(isPausedPublish({ ...state, steps: { publish: { status: 'interrupted', attempts: 1 } } }, step)).toBe(true);
    expect(isPausedPublish({ ...state, steps: { publish: { status: 'pending', attempts: 0 } } }, step)).toBe(false);
  });

  it('the checklist shows it paused with the key that resumes it; p resumes the queue', async () => {
    const engine = pausedEngine();
    const app = await renderApp(engine);
    await app.resize(120, 30);
    expect(publishLine(app.frame())).toMatch(/⏸ Publish crates\s+paused · p resumes/);
    await app.press('p');
    expect(engine.callsTo('resumeQueue')).toEqual([[]]);
    expect(engine.callsTo('retry')).toEqual([]);
  });

  it('paused when its session ended: shown paused, not interrupted, and p resumes it without a retry key', async () => {
    const engine = pausedEngine({
      ...running,
      status: 'interrupted',
      reason: 'the previous session ended while it ran',
    } as never);
    const app = await renderApp(engine);
    await app.resize(120, 30);
    const line = publishLine(app.frame());
    expect(line).toMatch(/⏸ Publish crates\s+paused · p resumes/);
    expect(line).not.toContain('interrupted');
    await app.press('p');
    expect(engine.callsTo('resumeQueue')).toEqual([[]]);
    expect(engine.callsTo('retry')).toEqual([['publish']]);
  });

  it('status and the headless output say paused and how to resume; --retry resumes the queue', () => {
    const engine = pausedEngine({ status: 'pending', attempts: 1 } as never);
    const state = engine.store.getState();
    expect(formatStatus(state, engine.plan, '/state', false)).toMatch(
      /⏸ paused\s+publish\s+the publish queue is paused: p in the cockpit resumes it, or `run --headless --retry publish`/,
    );

    const out: string[] = [];
    const reporter = attachHeadlessReporter(
      { plan: engine.plan, store: engine.store, onOutputChunk: () => () => undefined },
      { write: (t) => void out.push(t), color: false, now: () => T0 },
    );
    engine.store.setState({ steps: { ...state.steps, publish: { ...running } } });
    engine.store.setState({ steps: { ...state.steps, publish: { status: 'pending', attempts: 1 } } });
    reporter.detach();
    expect(out.join('')).toMatch(/⏸ paused: the publish queue is paused: p in the cockpit resumes it/);

    const resume = singleStepAction(engine as unknown as Engine, { retry: 'publish' } as CliArgs);
    resume?.();
    expect(engine.callsTo('resumeQueue')).toEqual([[]]);
    expect(engine.store.getState().queuePaused).toBe(false);
  });
});
