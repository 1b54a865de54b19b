// The cockpit tells the truth, through the whole app: a failure's whole reason under
// the checklist, x cancelling the running step, the search's match counter from any pane over
// output and a manual step's text, cargo's Ctrl-C hint corrected, no resume screen when nothing
// ran, a wall-clock timer that ticks while waiting and never goes back, the too-small message.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { renderApp, T0 } from './render-app.js';

const iso = (ms: number): string => new Date(ms).toISOString();

afterEach(() => cleanup());

const rows = (frame: string): string[] => frame.split('\n');

describe('failures are visible', () => {
  it('the selected failed step shows its whole reason wrapped under the checklist, and it is the last output line', async () => {
    const reason =
      'cargo test exited 101: 3 of 137 tests failed in micromegas-tracing; every line is in .git/release-cockpit/0.15.0/logs/cargo-test.log';
    const engine = createFakeEngine({
      state: { steps: { 'cargo-test': { status: 'failed', reason, exitCode: 101, attempts: 1 } } },
    });
    // The engine writes the reason as the step's last output line (runner-step.ts; runner-confirm test).
    engine.emit('cargo-test', `✗ failed: ${reason}`, 'info');
    const app = await renderApp(engine);
    await app.resize(100, 30);
    expect(rows(app.frame())).toEqual([
      'Micromegas v0.15.0 → 0.16.0  0/5 steps done',
      '━ Checklist ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 0/5 steps done ━',
      ' ▾ Code quality & testing  0/3 done',
      '›  ✗ cargo test  failed: cargo test exited 101: 3 of 137 tests failed in micromegas-tracing; every …',
      '   ○ cargo clippy',
      '   [ ] Read the diff since v0.14.0',
      ' ▾ Phase 1: Rust crates  0/1 done',
      '   ○ Publish crates',
      '────────────────────────────────────────────────────────────────────────────────────────────────────',
      '✗ failed: cargo test exited 101: 3 of 137 tests failed in micromegas-tracing; every line is in',
      '  .git/release-cockpit/0.15.0/logs/cargo-test.log (exit 101) · r retries, s skips',
      '─ Publish queue · p pauses ─────────────────────────────────────────────────────────────────────────',
      ' ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 0/5 on the index',
      '›○ micromegas-derive-transit 0.15.0 pending',
      ' ○ micromegas-transit        0.15.0 pending',
      ' ○ micromegas-tracing        0.15.0 pending',
      ' ○ micromegas-auth           0.15.0 pending',
      '─ Output: cargo test ────────────────────────────────────────────────────────────────────── follow ─',
      ' ✗ failed: cargo test exited 101: 3 of 137 tests failed in micromegas-tracing; every line is in .gi…',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'enter run  s skip  r retry  f stop following  / search  tab pane  y rollback  ? help  q quit',
    ]);
  });
});

describe('keys and small truths', () => {
  it('x cancels the running step: it is interrupted, and the detail says r retries it', async () => {
    const engine = createFakeEngine({
      state: { steps: { 'cargo-test': { status: 'running', startedAt: iso(T0), attempts: 1 } } },
    });
    const app = await renderApp(engine);
    await app.until('x cancel step');
    await app.press('x');
    await app.until('cargo test was cancelled: it is interrupted (r retries it, s skips it).');
    expect(engine.callsTo('cancel')).toHaveLength(1);
    expect(engine.store.getState().steps['cargo-test']?.status).toBe('interrupted');
    expect(app.frame()).toContain('⏸ interrupted: cancelled by the maintainer · r retries, s skips');
    expect(app.exits).toEqual([]);
  });

  it('search counts its matches ("match 1/3"), and n/N move through them from the checklist and the queue', async () => {
    const engine = createFakeEngine({
      state: { steps: { 'cargo-test': { status: 'failed', reason: 'boom', attempts: 1 } } },
    });
    for (let i = 0; i < 60; i++) engine.emit('cargo-test', i % 20 === 5 ? `error: boom ${i}` : `line ${i}`);
    const app = await renderApp(engine);
    await app.until('line 59');
    await app.press('/');
    await app.type('boom');
    await app.press('enter');
    await app.until('/boom · match 1/3');
    // Focus is on the checklist: n still moves the search.
    await app.press('n');
    await app.until('/boom · match 2/3');
    await app.press('tab');
    await app.until('━ Publish queue');
    await app.press('n');
    await app.until('/boom · match 3/3');
    await app.press('N', 'N');
    await app.until('/boom · match 1/3');
    expect(app.frame()).toContain('▶error: boom 5');
  });

  it("a manual step's details are shown whole in the output pane and searched like output", async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.resize(100, 30);
    await app.press('j', 'j');
    await app.until('Output: Read the diff since v0.14.0');
    await app.press('/');
    await app.type('oneline');
    await app.press('enter');
    const f = await app.until('/oneline · match 1/1');
    expect(rows(f)).toEqual([
      'Micromegas v0.15.0 → 0.16.0  0/5 steps done',
      '━ Checklist ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 0/5 steps done ━',
      ' ▾ Code quality & testing  0/3 done',
      '   ● cargo test  next',
      '   ○ cargo clippy',
      '›  [ ] Read the diff since v0.14.0',
      ' ▾ Phase 1: Rust crates  0/1 done',
      '   ○ Publish crates',
      '────────────────────────────────────────────────────────────────────────────────────────────────────',
      'manual: Read the diff since v0.14.0: git log --oneline v0.14.0..HEAD',
      '',
      '─ Publish queue · p pauses ─────────────────────────────────────────────────────────────────────────',
      ' ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 0/5 on the index',
      '›○ micromegas-derive-transit 0.15.0 pending',
      ' ○ micromegas-transit        0.15.0 pending',
      ' ○ micromegas-tracing        0.15.0 pending',
      ' ○ micromegas-auth           0.15.0 pending',
      '─ Output: Read the diff since v0.14.0 ──────────────────────────── line 1/4 · /oneline · match 1/1 ─',
      ' Manual step: Read the diff since v0.14.0',
      '▶git log --oneline v0.14.0..HEAD',
      '',
      ' Press enter on it in the checklist once done.',
      '',
      '',
      '',
      '',
      '',
      '',
      'enter confirm  s skip  n next  N prev  f follow  / search  tab pane  y rollback  ? help  q quit',
    ]);
  });

  it('cargo\'s "press ctrl-c to skip waiting" is corrected where it starts, visible at 80 columns', async () => {
    const engine = createFakeEngine({
      state: { steps: { publish: { status: 'running', startedAt: iso(T0), attempts: 1 } } },
    });
    engine.emit(
      'publish',
      'note: waiting for `micromegas-transit v0.15.0` to be available at registry `crates-io`',
      'stderr',
    );
    engine.emit(
      'publish',
      'help: you may press ctrl-c to skip waiting; the crate should be available shortly',
      'stderr',
    );
    const app = await renderApp(engine);
    await app.resize(80, 24);
    const f = await app.until('Output: Publish crates');
    // The output pane (the spinner above it moves): cargo's hint corrected at the start of its line.
    expect(rows(f).slice(14, 17)).toEqual([
      '─ Output: Publish crates ────────────────────────────────────────────── follow ─',
      ' note: waiting for `micromegas-transit v0.15.0` to be available at registry `cr…',
      ' help: [cockpit: no Ctrl-C needed, the queue waits for the index itself]; the c…',
    ]);
  });

  it('opens on the checklist, not a resume screen, when nothing ever ran (however often it was opened)', async () => {
    const engine = createFakeEngine({ state: { sessions: 4 } });
    const app = await renderApp(engine);
    await app.until('━ Checklist');
    await app.press('j');
    expect(app.frame()).not.toContain('Resuming');
    expect(app.frame()).not.toContain('Press enter to continue');
    expect(engine.callsTo('registryStatus')).toHaveLength(0);
  });

  it('the elapsed time is wall-clock: it ticks while a confirmation waits, and never goes back', async () => {
    let now = T0 + 60_000;
    const engine = createFakeEngine({
      state: {
        steps: {
          'cargo-test': { status: 'passed', startedAt: iso(T0), endedAt: iso(T0 + 30_000) },
          clippy: { status: 'passed', startedAt: iso(T0 + 30_000), endedAt: iso(T0 + 40_000) },
          eyeball: { status: 'passed' },
        },
      },
    });
    const app = await renderApp(engine, { clock: () => now });
    void engine.askConfirm({ title: 'Publish crates', commands: [['cargo', 'publish']] });
    await app.until('y: go ahead');
    expect(rows(app.frame())[0]).toContain('3/5 steps done  ⏱ 1m 00s');
    now = T0 + 75_000;
    await app.until((f) => rows(f)[0]!.includes('⏱ 1m 15s'));
    // The machine's clock steps back (NTP): what was shown holds until time catches up.
    now = T0 + 10_000;
    await app.press('j');
    await new Promise((r) => setTimeout(r, 1_200));
    expect(rows(app.frame())[0]).toContain('⏱ 1m 15s');
    now = T0 + 80_000;
    await app.until((f) => rows(f)[0]!.includes('⏱ 1m 20s'));
  });

  it('at 40x10 the "needs 80x24" message wraps and says what to do; only q acts', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.resize(40, 10);
    expect(rows(app.frame())).toEqual([
      'release-cockpit needs a terminal of at',
      'least 80x24; this one is 40x10. Enlarge',
      'the window (or zoom out): the cockpit',
      'redraws at once. q quits; nothing runs',
      'meanwhile.',
      '',
      '',
      '',
      '',
    ]);
    await app.press('enter', 'y', 'x', '/', 'tab');
    expect(engine.calls).toEqual([]);
    await app.press('q');
    await app.until(() => app.exits.length === 1);
    expect(app.exits).toEqual([{ code: 0, error: undefined }]);
  });
});
