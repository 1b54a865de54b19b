// Keyboard flows through the whole app against the fake engine.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { renderApp } from './render-app.js';

afterEach(() => cleanup());

describe('running and answering steps', () => {
  it('starts the release with enter and shows the step running, then passed', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.press('enter');
    expect(engine.callsTo('start')).toHaveLength(1);
    await app.until((f) => /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] cargo test/.test(f));
    await app.until('$ cargo test');
    engine.finishStep('cargo-test', { status: 'passed', summary: '137 tests passed' });
    await app.until('✓ cargo test  0.0 s · 137 tests passed');
  });

  it('confirms the manual item under the cursor with enter', async () => {
    const engine = createFakeEngine({
      state: { steps: { 'cargo-test': { status: 'passed' }, clippy: { status: 'passed' } } },
    });
    const app = await renderApp(engine);
    await app.press('enter');
    expect(engine.callsTo('confirmManual')).toEqual([['eyeball', undefined]]);
    expect(engine.callsTo('start')).toHaveLength(0);
    await app.until('[x] Read the diff since v0.14.0');
  });

  it('skips a step with the reason typed in the input', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.press('j', 's');
    await app.until('Skip "cargo clippy", reason:');
    await app.press('enter');
    await app.until('A reason is required to skip.');
    expect(engine.callsTo('skip')).toHaveLength(0);
    await app.type('flaky on CI');
    await app.until('reason: flaky on CI');
    await app.press('enter');
    expect(engine.callsTo('skip')).toEqual([['clippy', 'flaky on CI']]);
    await app.until('⊘ cargo clippy  skipped: flaky on CI');
  });

  it('cancels a skip with escape', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.press('s', 'x', 'escape');
    await app.until((f) => !f.includes('reason:'));
    expect(engine.callsTo('skip')).toHaveLength(0);
  });

  it('retries a failed step: pending, then running again', async () => {
    const engine = createFakeEngine({
      state: { steps: { 'cargo-test': { status: 'failed', reason: 'exit 101', attempts: 1 } } },
    });
    const app = await renderApp(engine);
    await app.press('r');
    expect(engine.callsTo('retry')).toEqual([['cargo-test']]);
    await app.until((f) => /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] cargo test .*attempt 2/.test(f));
  });

  it('starts the run after a retry when the engine only made the step pending', async () => {
    const engine = createFakeEngine({
      retryRuns: false,
      state: { steps: { 'cargo-test': { status: 'interrupted', attempts: 1 } } },
    });
    const app = await renderApp(engine);
    await app.press('r');
    expect(engine.calls.map((c) => c.method)).toEqual(['retry', 'start']);
    await app.until((f) => /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] cargo test/.test(f));
  });

  it('flashes a notice the engine adds while the cockpit is open', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    engine.store.setState((s) => ({ notices: [...s.notices, 'The run stopped on an error: disk full'] }));
    await app.until('The run stopped on an error: disk full');
  });

  it('flashes the reason of a disabled key', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.press('r');
    await app.until('Only a failed or interrupted step can be retried.');
    expect(engine.callsTo('retry')).toHaveLength(0);
  });

  it('asks before irreversible work through the confirm handler', async () => {
    const engine = createFakeEngine({
      state: {
        steps: { 'cargo-test': { status: 'passed' }, clippy: { status: 'passed' }, eyeball: { status: 'passed' } },
      },
    });
    const app = await renderApp(engine);
    await app.press('enter');
    await app.until('This cannot be undone.');
    expect(app.frame()).toContain('It will run:');
    expect(app.frame()).toContain('$ cargo publish -p micromegas-derive-transit');
    expect(engine.isRunning()).toBe(false);
    await app.press('enter');
    await app.until('Press y to go ahead');
    expect(engine.isRunning()).toBe(false);
    await app.press('y');
    await app.until((f) => /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Publish crates/.test(f));
    await app.until((f) => /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] micromegas-derive-transit 0\.15\.0 packaging/.test(f));
  });

  it('answers no when the confirmation is cancelled', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    const answer = engine.askConfirm({ title: 'Push tag v0.15.0', commands: [['git', 'push', 'origin', 'v0.15.0']] });
    await app.until('Push tag v0.15.0');
    await app.press('escape');
    await expect(answer).resolves.toBe(false);
  });
});

describe('publish queue keys', () => {
  it('retries a failed crate from the queue pane', async () => {
    const engine = createFakeEngine({
      state: {
        steps: { publish: { status: 'failed', reason: 'a crate failed' } },
        crates: {
          'micromegas-derive-transit': { status: 'published' },
          'micromegas-transit': { status: 'failed', reason: '500 from the registry', attempts: 5 },
        },
      },
    });
    const app = await renderApp(engine);
    await app.press('tab');
    await app.until('━ Publish queue');
    await app.press('home', 'r');
    await app.until('Only a failed or skipped crate can be retried.');
    await app.press('j', 'r');
    expect(engine.callsTo('retryCrate')).toEqual([['micromegas-transit']]);
    // Its publish step had stopped: it runs again to pick the crate up.
    expect(engine.callsTo('retry')).toEqual([['publish']]);
    await app.until((f) => /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] micromegas-transit +0\.15\.0 packaging/.test(f));
  });

  it('skips a crate with a reason; p is refused before the queue runs, then pauses and resumes it', async () => {
    const engine = createFakeEngine({
      state: {
        steps: { 'cargo-test': { status: 'passed' }, clippy: { status: 'passed' }, eyeball: { status: 'passed' } },
      },
    });
    const app = await renderApp(engine);
    await app.press('tab', 's');
    await app.type('published by hand');
    // Each key is handled after the render of the previous one: wait for the last to land.
    await app.until('reason: published by hand');
    await app.press('enter');
    await vi.waitFor(() =>
      expect(engine.callsTo('skipCrate')).toEqual([['micromegas-derive-transit', 'published by hand']]),
    );
    // Before the queue starts, p arms nothing (no silent persisted pause).
    await app.press('p');
    await app.until('The publish queue is not running');
    expect(engine.callsTo('pauseQueue')).toHaveLength(0);
    await app.press('shift-tab', 'enter');
    await app.until('It will run:');
    await app.press('y');
    await app.until((f) => /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Publish crates/.test(f));
    await app.press('p');
    await app.until('PAUSED');
    expect(app.frame()).toContain('Publish queue · p resumes');
    await app.press('p');
    await app.until((f) => !f.includes('PAUSED'));
    expect(engine.calls.map((c) => c.method).filter((m) => m.endsWith('Queue'))).toEqual(['pauseQueue', 'resumeQueue']);
  });
});

describe('keys arriving in one chunk', () => {
  it('moves once per j of a held-down key that arrived as one chunk ("jj")', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.press('jj'); // one write: the terminal delivered both presses together
    await app.press('s');
    await app.until('Skip "Read the diff since v0.14.0", reason:');
  });

  it('handles every key of a chunk (space then tab) in turn', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.press('j j', ' \t');
    // "j j": down, fold nothing on a step row... then space+tab: focus moves to the queue.
    await app.until((f) => /━ Publish queue/.test(f));
  });

  it('a y that arrives with other keys (a paste) never confirms; a y alone does', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    const answer = engine.askConfirm({ title: 'Push tag v0.15.0', commands: [['git', 'push', 'origin', 'v0.15.0']] });
    await app.until('Push tag v0.15.0');
    let settled = false;
    void answer.then(() => (settled = true));
    await app.press('yy');
    await app.until('does not confirm: press y on its own');
    await app.press('y\r');
    await app.until('Push tag v0.15.0');
    expect(settled).toBe(false);
    await app.press('y');
    await expect(answer).resolves.toBe(true);
  });

  it('a pasted text run is typed in one render, not one per character; keys after it still act', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.press('s');
    await app.until(', reason:');
    const text = 'reviewed in the pull request by two maintainers, nothing to add here '.repeat(3).trim();
    const before = app.frames.length;
    await app.press(text);
    await app.until(text.slice(-40));
    // One render for the run (a few more for timers at most), never one per character.
    expect(app.frames.length - before).toBeLessThan(10);
    expect(text.length).toBeGreaterThan(200);
    await app.press('\r');
    await app.until(() => engine.callsTo('skip').length === 1);
    expect(engine.callsTo('skip')[0]?.[1]).toBe(text);
  });
});
