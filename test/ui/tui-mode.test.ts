// runTui on fake streams: the alternate screen is left on every exit path and the engine is
// always cancelled and closed. Process events go through an injected emitter, not the real process.
import { describe, expect, it } from 'vitest';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, runTui } from '../../src/cli/tui-mode.js';
import { createFakeEngine } from '../helpers/fake-engine.js';
import type { FakeEngine } from '../helpers/fake-engine.js';
import type { DraftEditResult } from '../../src/engine/engine-api.js';
import { sleep } from './render-app.js';
import { fakeTty, until } from '../helpers/fake-tty.js';

function start(engine: FakeEngine) {
  const tty = fakeTty();
  const done = runTui(engine, { ...tty.options, demo: true });
  return { ...tty, done };
}

describe('runTui', () => {
  it('enters the alternate screen first and leaves it last when the maintainer quits', async () => {
    const engine = createFakeEngine();
    const t = start(engine);
    await until(() => t.stdout.written.includes('Checklist'));
    expect(t.stdout.written.startsWith(ENTER_ALT_SCREEN)).toBe(true);
    expect(t.stdout.written).toContain('DEMO');
    t.stdin.send('q');
    await expect(t.done).resolves.toBe(0);
    expect(t.stdout.written.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
    expect(engine.calls.map((c) => c.method)).toEqual(['cancel', 'close']);
    expect(t.hooks.listenerCount('SIGINT') + t.hooks.listenerCount('exit')).toBe(0);
  });

  it('exits 1 when a step is failed at quit', async () => {
    const engine = createFakeEngine({ state: { steps: { 'cargo-test': { status: 'failed' } } } });
    const t = start(engine);
    await until(() => t.stdout.written.includes('Checklist'));
    t.stdin.send('\u0003');
    await expect(t.done).resolves.toBe(1);
  });

  it('on SIGTERM cancels the running step, closes the engine, restores the screen, exits 143', async () => {
    const engine = createFakeEngine({ state: { steps: { 'cargo-test': { status: 'running', attempts: 1 } } } });
    const t = start(engine);
    await until(() => t.stdout.written.includes('Checklist'));
    t.hooks.emit('SIGTERM');
    await expect(t.done).resolves.toBe(143);
    expect(engine.store.getState().steps['cargo-test']?.status).toBe('interrupted');
    expect(engine.closed).toBe(true);
    expect(t.stdout.written.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
  });

  it('on SIGHUP (the terminal went away) saves and unlocks like SIGTERM: step interrupted, engine closed, exits 129', async () => {
    const engine = createFakeEngine({ state: { steps: { 'cargo-test': { status: 'running', attempts: 1 } } } });
    const t = start(engine);
    await until(() => t.stdout.written.includes('Checklist'));
    t.hooks.emit('SIGHUP');
    await expect(t.done).resolves.toBe(129);
    expect(engine.store.getState().steps['cargo-test']?.status).toBe('interrupted');
    expect(engine.closed).toBe(true);
    expect(t.hooks.listenerCount('SIGHUP')).toBe(0);
  });

  it('on SIGINT exits 130; a second signal forces the exit with the screen restored', async () => {
    const engine = createFakeEngine();
    // A close that never settles: the first signal waits for it, the second gives up.
    engine.close = () => new Promise<void>(() => {});
    const t = start(engine);
    await until(() => t.stdout.written.includes('Checklist'));
    t.hooks.emit('SIGINT');
    t.hooks.emit('SIGINT');
    expect(t.hooks.exits).toEqual([130]);
    expect(t.stdout.written.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
  });

  it('on an uncaught exception closes the engine, restores the screen and reports it (70)', async () => {
    const engine = createFakeEngine();
    const t = start(engine);
    await until(() => t.stdout.written.includes('Checklist'));
    t.hooks.emit('uncaughtException', new Error('boom in a timer'));
    await expect(t.done).resolves.toBe(70);
    expect(engine.closed).toBe(true);
    expect(t.stdout.written.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
    expect(t.stderr.text).toContain('internal error (please report): Error: boom in a timer');
  });

  it('restores the screen on process exit even if nothing else ran', async () => {
    const engine = createFakeEngine();
    const t = start(engine);
    await until(() => t.stdout.written.includes('Checklist'));
    t.hooks.emit('exit', 0);
    expect(t.stdout.written.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
    t.stdin.send('q');
    await t.done;
    // Left once, not twice.
    expect(t.stdout.written.split(LEAVE_ALT_SCREEN).length).toBe(2);
  });

  it('reports a failing close and exits non-zero', async () => {
    const engine = createFakeEngine();
    engine.close = async () => {
      throw new Error('the lock file vanished');
    };
    const t = start(engine);
    await until(() => t.stdout.written.includes('Checklist'));
    t.stdin.send('q');
    await expect(t.done).resolves.toBe(1);
    expect(t.stderr.text).toContain('the lock file vanished');
    expect(t.stdout.written.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
  });

  it('lends the terminal to the editor (primary screen, cursor, cooked mode) and takes it back with a full redraw', async () => {
    let t: ReturnType<typeof start> | undefined;
    let during: { written: string; raw: boolean } | undefined;
    const editor = (): DraftEditResult => {
      during = { written: t!.stdout.written, raw: t!.stdin.isRaw };
      return { ok: true, text: '## [0.15.0] - 2026-11-21\n\n- Edited in the editor\n' };
    };
    const engine = createFakeEngine({ editor });
    t = start(engine);
    await until(() => t!.stdout.written.includes('Checklist'));
    const answer = engine.askConfirm({
      title: 'Write the 0.15.0 section to CHANGELOG.md?',
      commands: [],
      details: ['- Computed line'],
      editFile: '/s/drafts/changelog.md',
    });
    await until(() => t!.stdout.written.includes('e: edit in $EDITOR'));
    expect(t.stdin.isRaw).toBe(true);
    t.stdin.send('e');
    await until(() => t!.stdout.written.includes('- Edited in the editor'));
    // While the editor ran: the primary screen with a visible cursor, and a cooked terminal.
    expect(during!.written.endsWith('\u001b[?25h' + LEAVE_ALT_SCREEN)).toBe(true);
    expect(during!.raw).toBe(false);
    // Then: the alternate screen again, cleared, cursor hidden, raw mode on, and the last frame
    // written again in full (it still has the old preview: the new one comes with the next render).
    const after = t.stdout.written.slice(during!.written.length);
    expect(after.startsWith(ENTER_ALT_SCREEN + '\u001b[H\u001b[2J' + '\u001b[?25l')).toBe(true);
    const redraw = after.slice(0, after.indexOf('- Edited in the editor'));
    expect(redraw).toContain('Micromegas v0.15.0');
    expect(redraw).toContain('- Computed line');
    expect(t.stdin.isRaw).toBe(true);
    t.stdin.send('y');
    await expect(answer).resolves.toBe(true);
    // The panes are drawn again (the modal is gone) before q can mean quit.
    await until(() => t!.stdout.written.lastIndexOf('Checklist') > t!.stdout.written.lastIndexOf('Write the 0.15.0'));
    t.stdin.send('q');
    await expect(t.done).resolves.toBe(0);
    expect(t.stdout.written.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
  });

  it('a Ctrl-C meant for the editor (delivered during or just after it) does not quit; a later SIGINT does', async () => {
    let t: ReturnType<typeof start> | undefined;
    const editor = (): DraftEditResult => {
      // In a cooked terminal the signal reaches the whole foreground group, cockpit included;
      // Node hands it over from the event loop once the (synchronous) editor has returned.
      t!.hooks.emit('SIGINT');
      setImmediate(() => t!.hooks.emit('SIGINT'));
      return { ok: false, message: 'ed was killed by SIGINT', text: '## [0.15.0]\n' };
    };
    const engine = createFakeEngine({ editor });
    t = start(engine);
    await until(() => t!.stdout.written.includes('Checklist'));
    const answer = engine.askConfirm({
      title: 'Write the 0.15.0 section to CHANGELOG.md?',
      commands: [],
      details: ['- Computed line'],
      editFile: '/s/drafts/changelog.md',
    });
    await until(() => t!.stdout.written.includes('e: edit in $EDITOR'));
    t.stdin.send('e');
    await until(() => t!.stdout.written.includes('ed was killed by SIGINT'));
    expect(engine.calls.map((c) => c.method)).not.toContain('cancel');
    // Still the cockpit: the question is open and answerable.
    t.stdin.send('n');
    await expect(answer).resolves.toBe(false);
    // "Later" as a person makes it: after the event loop has turned (a real signal arrives through
    // it). Without this the emit can land in the same tick as the key, inside the absorb window.
    await sleep(20);
    t.hooks.emit('SIGINT');
    await expect(t.done).resolves.toBe(130);
    expect(engine.closed).toBe(true);
  });
});
