// Keyboard flows through the modals: rollback menu, quitting, help, output search, resume.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { resumedMidQueue } from '../helpers/demo-plan.js';
import { renderApp, T0 } from './render-app.js';

const iso = (ms: number): string => new Date(ms).toISOString();
afterEach(() => cleanup());

describe('rollback menu', () => {
  it('says it is checking git and GitHub until the engine answers, then lists the actions', async () => {
    const engine = createFakeEngine();
    let answer: (a: Awaited<ReturnType<typeof engine.rollbackActions>>) => void = () => {};
    engine.rollbackActions = () => new Promise((resolve) => (answer = resolve));
    const app = await renderApp(engine);
    await app.press('y');
    await app.until('Other actions: checking git and GitHub…');
    answer([{ id: 'delete-tag', title: 'Delete tag v0.15.0' }]);
    await app.until('Delete tag v0.15.0');
    expect(app.frame()).not.toContain('checking git and GitHub');
  });

  it('yanks two crates after the version is typed exactly', async () => {
    const published = ['micromegas-derive-transit', 'micromegas-transit', 'micromegas-tracing'];
    const engine = createFakeEngine({
      state: { crates: Object.fromEntries(published.map((n) => [n, { status: 'published' as const }])) },
    });
    const app = await renderApp(engine);
    await app.press('y');
    await app.until('micromegas-tracing@0.15.0  PUBLISHED');
    await app.press('y');
    await app.until('Select crates with space first.');
    await app.press('space', 'j', 'j', 'space');
    await app.until('2 selected');
    await app.press('y');
    await app.until('Yank 2 crates at 0.15.0');
    expect(app.frame()).toContain('$ cargo yank --version 0.15.0 micromegas-derive-transit');
    expect(app.frame()).toContain('$ cargo yank --version 0.15.0 micromegas-tracing');
    expect(engine.callsTo('yank')).toEqual([[['micromegas-derive-transit', 'micromegas-tracing'], undefined]]);
    await app.type('0.15');
    await app.press('enter');
    await app.until('Type 0.15.0 exactly to confirm.');
    expect(engine.store.getState().crates['micromegas-derive-transit']?.yanked).toBeUndefined();
    await app.type('.0');
    await app.press('enter');
    await app.until('Results:');
    const f = app.frame();
    // The engine's one typed confirmation covered both crates.
    expect(f).toContain('✓ micromegas-derive-transit@0.15.0: yanked micromegas-derive-transit@0.15.0');
    expect(f).toContain('✓ micromegas-tracing@0.15.0: yanked micromegas-tracing@0.15.0');
    expect(f).toContain('micromegas-derive-transit@0.15.0  YANKED');
    expect(f).toContain('micromegas-transit@0.15.0  PUBLISHED');
    // Back in the cockpit, the queue shows them yanked.
    await app.press('escape');
    await app.until('⚠ micromegas-derive-transit');
  });

  it('unyanks after one plain confirmation', async () => {
    const engine = createFakeEngine({
      state: { crates: { 'micromegas-derive-transit': { status: 'published', yanked: true } } },
    });
    const app = await renderApp(engine);
    await app.press('y');
    await app.until('micromegas-derive-transit@0.15.0  YANKED');
    await app.press('space', 'u');
    await app.until('Unyank micromegas-derive-transit@0.15.0');
    expect(app.frame()).toContain('$ cargo yank --undo --version 0.15.0 micromegas-derive-transit');
    await app.press('y');
    await app.until('micromegas-derive-transit@0.15.0  PUBLISHED');
    expect(engine.callsTo('unyank')).toEqual([[['micromegas-derive-transit']]]);
  });

  it('a declined confirmation changes nothing', async () => {
    const engine = createFakeEngine({ state: { crates: { 'micromegas-derive-transit': { status: 'published' } } } });
    const app = await renderApp(engine);
    await app.press('y');
    await app.until('PUBLISHED');
    await app.press('space', 'y');
    await app.until('Yank micromegas-derive-transit@0.15.0');
    expect(app.frame()).toContain('$ cargo yank --version 0.15.0 micromegas-derive-transit');
    await app.press('escape');
    await app.until('not confirmed; nothing was done');
    expect(engine.store.getState().crates['micromegas-derive-transit']?.yanked).toBeUndefined();
  });

  it('shows rollback actions with why they are unavailable and runs the available ones', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.press('y');
    await app.until('none: this release has not published any crate.');
    expect(app.frame()).toContain('Delete tag v0.15.0  (unavailable: the tag was never created)');
    await app.press('enter');
    await app.until('the tag was never created');
    expect(engine.callsTo('runRollbackAction')).toHaveLength(0);
    await app.press('j', 'enter');
    await app.until('✓ Prepare a patch release: done');
    expect(engine.callsTo('runRollbackAction')).toEqual([['prepare-patch']]);
  });
});

describe('quitting', () => {
  it('asks when a step runs, then cancels and closes the engine', async () => {
    const engine = createFakeEngine({
      state: { steps: { 'cargo-test': { status: 'running', startedAt: iso(T0), attempts: 1 } } },
    });
    const app = await renderApp(engine);
    await app.press('q');
    await app.until('Quit while something runs?');
    await app.press('n');
    await app.until((f) => !f.includes('Quit while'));
    expect(engine.callsTo('cancel')).toHaveLength(0);
    await app.press('q', 'y');
    await app.until(() => engine.closed);
    expect(engine.calls.map((c) => c.method).slice(-2)).toEqual(['cancel', 'close']);
    expect(engine.store.getState().steps['cargo-test']?.status).toBe('interrupted');
    expect(app.exits).toEqual([{ code: 0, error: undefined }]);
  });

  it('the quit question names the command that resumes, the one the exit words print', async () => {
    const engine = createFakeEngine({
      state: { steps: { 'cargo-test': { status: 'running', startedAt: iso(T0), attempts: 1 } } },
    });
    const app = await renderApp(engine, { resumeCommand: 'release-cockpit --repo ../micromegas' });
    await app.press('q');
    const asked = await app.until('Quit while something runs?');
    expect(asked).toContain('Everything done so far is saved; to resume: release-cockpit --repo ../micromegas');
    expect(asked).not.toMatch(/open the cockpit again/);
    await app.press('n');
  });

  it('quits at once when nothing runs, and Ctrl-C goes through the same command', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.press('?');
    await app.until('Keys (');
    await app.press('ctrl-c');
    await app.until(() => engine.closed);
    expect(engine.calls.map((c) => c.method)).toEqual(['cancel', 'close']);
  });

  it('answers no to a pending confirmation when quitting', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    const answer = engine.askConfirm({ title: 'Push tag', commands: [['git', 'push']] });
    await app.until('Push tag');
    await app.press('ctrl-c');
    await expect(answer).resolves.toBe(false);
    await app.until(() => engine.closed);
  });
});

describe('help, output, resume', () => {
  it('lists the bindings in the help overlay', async () => {
    const app = await renderApp(createFakeEngine());
    await app.resize(100, 60);
    await app.press('?');
    const f = await app.until('Keys');
    for (const text of [
      'Checklist',
      'Publish queue',
      'skip the step under the cursor',
      'retry the failed (or skipped) crate',
      'pause / resume the publish queue',
      'search the output',
      'q ^C',
    ]) {
      expect(f).toContain(text);
    }
    // 100x60 is too short for its 74 lines (one description wraps): it takes the body and scrolls.
    expect(f).toContain('Keys (1-53 of 74, j/k scroll)');
    expect(f).not.toContain('━ Checklist');
    // Just tall enough for its lines (too short for the panes above as well): still sized to its lines.
    await app.resize(100, 83);
    const snug = (await app.until((fr) => fr.includes('│ Keys '))).split('\n');
    expect(snug.findIndex((l) => l.startsWith('╰')) - snug.findIndex((l) => l.startsWith('╭')) + 1).toBe(74 + 3);
    expect(snug.join('\n')).not.toContain('j/k scroll');
    // Tall enough, it is sized to its lines and the checklist stays above it.
    await app.resize(100, 90);
    const tall = await app.until((fr) => fr.includes('━ Checklist') && fr.includes('│ Keys '));
    const lines = tall.split('\n');
    const top = lines.findIndex((l) => l.startsWith('╭'));
    const bottom = lines.findIndex((l) => l.startsWith('╰'));
    expect(bottom - top + 1).toBe(74 + 3);
    expect(lines[top + 1]).toBe(`│ Keys${' '.repeat(93)}│`);
    await app.press('escape');
    await app.until((fr) => fr.includes('━ Checklist') && !fr.includes('│ Keys'));
  });

  it('searches the output, highlights and jumps between matches', async () => {
    const engine = createFakeEngine({
      state: { steps: { 'cargo-test': { status: 'running', startedAt: iso(T0), attempts: 1 } } },
    });
    for (let i = 0; i < 200; i++) engine.emit('cargo-test', i === 20 || i === 120 ? `error: boom ${i}` : `line ${i}`);
    const app = await renderApp(engine);
    await app.until('line 199');
    await app.press('/');
    await app.type('boom');
    await app.until('Search: boom');
    await app.press('enter');
    await app.until('▶error: boom 20');
    // The search left follow mode: the title shows the position and the term.
    expect(app.frame()).toContain('line 19/200 · /boom');
    await app.press('tab', 'tab', 'n');
    await app.until('▶error: boom 120');
    await app.press('N');
    await app.until('▶error: boom 20');
    await app.press('f');
    await app.until('line 199');
  });

  it('scrolls the output with PgUp / PgDn from any pane and g / G in the output pane', async () => {
    const engine = createFakeEngine({
      state: { steps: { 'cargo-test': { status: 'running', startedAt: iso(T0), attempts: 1 } } },
    });
    for (let i = 0; i < 100; i++) engine.emit('cargo-test', `line ${i}`);
    const app = await renderApp(engine);
    await app.until('line 99');
    await app.press('pageup');
    await app.until((f) => !f.includes('line 99') && f.includes('line 94'));
    await app.press('tab', 'tab', 'g');
    await app.until('line 0');
    await app.press('G');
    await app.until('line 99');
  });

  it('opens on a resume summary when the release was opened before, and runs nothing until enter', async () => {
    const engine = createFakeEngine({
      state: {
        ...resumedMidQueue('the cockpit was killed'),
        notices: ['The journal had an open intent for micromegas-transit: it was not on the index.'],
      },
    });
    const app = await renderApp(engine);
    await app.resize(100, 40);
    const f = await app.until('micromegas-derive-transit@0.15.0: published');
    expect(f).toContain('Resuming the release');
    expect(f).toContain('interrupted: Publish crates (the cockpit was killed)');
    expect(f).toContain('open intent for micromegas-transit');
    await app.press('s');
    expect(engine.calls.map((c) => c.method)).toEqual(['registryStatus']);
    await app.press('enter');
    await app.until('━ Checklist');
    expect(engine.callsTo('start')).toHaveLength(0);
  });
});
