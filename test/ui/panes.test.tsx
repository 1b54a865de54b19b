// Each pane drawn from fake-engine state, through the whole app (the way users see it).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { renderApp, T0 } from './render-app.js';

const iso = (ms: number): string => new Date(ms).toISOString();
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

afterEach(() => cleanup());

describe('checklist pane', () => {
  it('draws a running step with a spinner and its elapsed time', async () => {
    const engine = createFakeEngine({
      state: { steps: { 'cargo-test': { status: 'running', startedAt: iso(T0 - 12_000), attempts: 1 } } },
    });
    const app = await renderApp(engine);
    const line = app
      .frame()
      .split('\n')
      .find((l) => l.includes('cargo test'))!;
    expect(line).toMatch(SPINNER);
    expect(line).toContain('12.0 s');
  });

  it('draws passed with duration and summary, failed with its reason, skipped with its reason', async () => {
    const engine = createFakeEngine({
      state: {
        steps: {
          'cargo-test': { status: 'passed', durationMs: 61_200, summary: '137 tests passed' },
          clippy: { status: 'failed', reason: 'clippy found 3 warnings', exitCode: 101 },
          eyeball: { status: 'skipped', reason: 'reviewed in the PR' },
        },
      },
    });
    const app = await renderApp(engine);
    await app.resize(100, 30);
    const f = app.frame();
    expect(f).toContain('✓ cargo test  1 min 01 s · 137 tests passed');
    expect(f).toContain('✗ cargo clippy  failed: clippy found 3 warnings · exit 101');
    expect(f).toContain('[-] Read the diff since v0.14.0  skipped: reviewed in the PR');
  });

  it('draws manual items as checkboxes and says when one waits for the maintainer', async () => {
    const engine = createFakeEngine({
      state: { steps: { 'cargo-test': { status: 'passed' }, clippy: { status: 'passed' } } },
    });
    const app = await renderApp(engine);
    expect(app.frame()).toContain('[ ] Read the diff since v0.14.0  waiting for you: enter to confirm');
    // The output pane shows the instructions of a manual step.
    expect(app.frame()).toContain('git log --oneline v0.14.0..HEAD');
    engine.setStep('eyeball', { status: 'passed' });
    await app.until('[x] Read the diff since v0.14.0');
  });

  it('marks an interrupted step and folds phases', async () => {
    const engine = createFakeEngine({
      state: { steps: { 'cargo-test': { status: 'interrupted', reason: 'killed' } } },
    });
    const app = await renderApp(engine);
    expect(app.frame()).toContain('⏸ cargo test  interrupted: killed · r to retry');
    await app.press('home', 'enter');
    await app.until((f) => f.includes('▸ Code quality & testing') && !f.includes('cargo clippy'));
  });

  it('scrolls to keep the cursor visible', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.press('end');
    await app.until((f) => f.includes('› ') && f.includes('Push the tag') && !f.includes('Code quality'));
  });

  it('g and G jump to the first and last row, as in the output pane and the menus', async () => {
    const app = await renderApp(createFakeEngine());
    await app.press('G');
    await app.until((f) => /› +. Push the tag/.test(f) && !f.includes('Code quality'));
    await app.press('g');
    await app.until((f) => f.includes('›▾ Code quality & testing'));
    await app.press('tab', 'G');
    await app.until((f) =>
      /›. micromegas /.test(
        f
          .split('\n')
          .filter((l) => /micromegas[- ]/.test(l))
          .at(-1) ?? '',
      ),
    );
    await app.press('g');
    await app.until((f) => /›. micromegas-derive-transit/.test(f));
  });
});

describe('publish queue pane', () => {
  it('shows progress, cargo phases, countdowns, already-published and yanked crates distinctly', async () => {
    const engine = createFakeEngine({
      state: {
        steps: { publish: { status: 'running', startedAt: iso(T0), attempts: 1 } },
        crates: {
          'micromegas-derive-transit': { status: 'already-published' },
          'micromegas-transit': { status: 'published', yanked: true },
          'micromegas-tracing': { status: 'grace', waitUntil: T0 + 42_000 },
          'micromegas-auth': { status: 'rate-limited', waitUntil: T0 + 190_000 },
          micromegas: { status: 'retrying', waitUntil: T0 + 8_000, attempts: 1 },
        },
      },
    });
    const app = await renderApp(engine);
    await app.resize(100, 40);
    const f = app.frame();
    // The crate in its grace period is on the index: it counts.
    expect(f).toMatch(/█+░+ 3\/5 on the index/);
    expect(f).toContain('≡ micromegas-derive-transit 0.15.0 already on the index');
    expect(f).toContain('⚠ micromegas-transit        0.15.0 YANKED · published');
    expect(f).toContain('✓ micromegas-tracing        0.15.0 published · dependents wait 0:42');
    expect(f).toContain('micromegas-auth           0.15.0 rate limit 3:10');
    expect(f).toContain('micromegas                0.15.0 retry in 0:08 (attempt 2)');
  });

  it('ticks countdowns every second', async () => {
    let now = T0;
    const engine = createFakeEngine({
      state: {
        steps: { publish: { status: 'running', startedAt: iso(T0), attempts: 1 } },
        crates: { 'micromegas-derive-transit': { status: 'waiting-index', waitUntil: T0 + 65_000 } },
      },
    });
    const app = await renderApp(engine, { clock: () => now });
    expect(app.frame()).toContain('on the index soon · timeout in 1:05');
    now = T0 + 5_000;
    await app.until('on the index soon · timeout in 1:00');
  });

  it('a state saved mid-queue by an earlier session shows no ghost: grace is published, in-flight is to do', async () => {
    const engine = createFakeEngine({
      state: {
        sessions: 2,
        steps: {
          'cargo-test': { status: 'passed' },
          publish: { status: 'interrupted', reason: 'the cockpit stopped while it ran' },
        },
        crates: {
          'micromegas-derive-transit': { status: 'grace', waitUntil: T0 - 5_000 },
          'micromegas-transit': { status: 'publishing', cargoPhase: 'uploading' },
        },
      },
    });
    const app = await renderApp(engine);
    await app.until('Resuming the release');
    expect(app.frame()).toContain(
      'Crates: 1 published by this release, 0 already on the index, 0 skipped, 0 failed, 4 to do',
    );
    await app.press('enter');
    // The queue shows above the resume screen too: wait for the screen to be gone.
    const f = await app.until((fr) => fr.includes('1/5 on the index') && !fr.includes('Resuming the release'));
    expect(f).toContain('✓ micromegas-derive-transit 0.15.0 published');
    expect(f).toContain('micromegas-transit        0.15.0 pending · interrupted: the queue asks the index first');
    expect(f).not.toContain('grace');
  });

  it('shows the cargo phase of the crate being published, and a paused queue', async () => {
    const engine = createFakeEngine({
      state: {
        queuePaused: true,
        steps: { publish: { status: 'running', startedAt: iso(T0), attempts: 1 } },
        crates: { 'micromegas-derive-transit': { status: 'publishing', cargoPhase: 'uploading' } },
      },
    });
    const app = await renderApp(engine);
    const f = app.frame();
    expect(f).toMatch(new RegExp(`${SPINNER.source} micromegas-derive-transit 0.15.0 uploading`));
    expect(f).toContain('PAUSED');
    expect(f).toContain('queue paused');
  });
});

describe('output pane', () => {
  it('shows the running step live, without a render per line', async () => {
    const engine = createFakeEngine({
      state: { steps: { 'cargo-test': { status: 'running', startedAt: iso(T0), attempts: 1 } } },
    });
    const app = await renderApp(engine);
    const before = app.frames.length;
    for (let i = 0; i < 5000; i++) engine.emit('cargo-test', `   Compiling crate-${i} v0.1.0`);
    engine.emit('cargo-test', 'error[E0432]: unresolved import `foo`', 'stderr');
    await app.until('error[E0432]: unresolved import');
    expect(app.frame()).toContain('Compiling crate-4999');
    // 5001 lines arrived: a handful of frames were drawn, not thousands.
    expect(app.frames.length - before).toBeLessThan(50);
  });
});

describe('header and terminal size', () => {
  it('shows progress, elapsed time, and the resumed and DEMO badges', async () => {
    const engine = createFakeEngine({
      state: {
        sessions: 2,
        steps: {
          'cargo-test': { status: 'passed', startedAt: iso(T0 - 192_000), endedAt: iso(T0 - 100_000) },
          clippy: { status: 'running', startedAt: iso(T0 - 90_000) },
        },
      },
    });
    const app = await renderApp(engine, { demo: true });
    const header = app.frame().split('\n')[0]!;
    expect(header).toContain('Micromegas v0.15.0 → 0.16.0');
    expect(header).toContain('1/5 steps');
    expect(header).toContain('3m 12s');
    expect(header).toContain('[resumed]');
    expect(header).toContain('DEMO');
  });

  it('says which size it needs when the terminal is too small, and recovers when enlarged', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.resize(70, 20);
    // The whole frame: the message wrapped to 70 columns, then blank rows (rows - 1 in all).
    expect(app.frame()).toBe(
      [
        'release-cockpit needs a terminal of at least 80x24; this one is',
        '70x20. Enlarge the window (or zoom out): the cockpit redraws at once.',
        'q quits; nothing runs meanwhile.',
        ...Array.from({ length: 16 }, () => ''),
      ].join('\n'),
    );
    // Keys other than q do nothing while too small (enter would start the release blind).
    await app.press('enter', 'y', 'tab');
    expect(engine.callsTo('start')).toHaveLength(0);
    await app.resize(100, 30);
    await app.until('Checklist');
  });

  it('puts the checklist beside the queue and output when wide', async () => {
    const app = await renderApp(createFakeEngine());
    await app.resize(140, 30);
    expect(
      app
        .frame()
        .split('\n')
        .some((l) => l.includes('Checklist') && l.includes('Publish queue')),
    ).toBe(true);
  });

  it('fits 80x24 exactly in rows - 1 lines', async () => {
    const app = await renderApp(createFakeEngine());
    await app.resize(80, 24);
    const lines = app.frame().split('\n');
    expect(lines.length).toBe(23);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);
  });
});
