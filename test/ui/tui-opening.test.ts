// runTui given a release still to open: the first frame (header and checklist from the plan) is
// drawn before the engine is open, the App replaces it once open; a failure to open reaches the
// caller after the screen is restored, and a signal meanwhile closes the engine once it is open.
// The first frame is drawn as text when the session begins, before Ink is loaded.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, runTui } from '../../src/cli/tui-mode.js';
import { beginSession } from '../../src/cli/tui-session.js';
import { CLEAR_SCREEN } from '../../src/cli/tui-terminal.js';
import type { OpenRelease } from '../../src/cli/tui-open.js';
import { UserError } from '../../src/core/user-error.js';
import { createFakeEngine, type FakeEngine } from '../helpers/fake-engine.js';
import { fakeTty, until } from '../helpers/fake-tty.js';

/** A release whose opening the test settles by hand. */
function opening(engine: FakeEngine) {
  let settle: { resolve(o: OpenRelease): void; reject(e: unknown): void } | undefined;
  let opens = 0;
  const release = {
    plan: engine.plan,
    open: () => {
      opens += 1;
      return new Promise<OpenRelease>((resolve, reject) => {
        settle = { resolve, reject };
      });
    },
  };
  return {
    release,
    opens: () => opens,
    resolve: () => settle!.resolve({ engine }),
    reject: (e: unknown) => settle!.reject(e),
  };
}

function start(engine: FakeEngine) {
  const tty = fakeTty();
  const o = opening(engine);
  const done = runTui(o.release, { ...tty.options, resume: { args: parseArgs([]), headless: false } });
  return { ...tty, ...o, done };
}

describe('runTui before the engine is open', () => {
  it('draws the header and the checklist from the plan, then the App once the engine is open', async () => {
    const engine = createFakeEngine();
    const t = start(engine);
    await until(() => t.stdout.written.includes('Opening the release'));
    expect(t.opens()).toBe(1);
    const first = t.stdout.written;
    expect(first).toContain('Micromegas');
    expect(first).toContain('v0.15.0');
    expect(first).toContain('opening…');
    expect(first).toContain('Code quality & testing');
    expect(first).toContain('cargo clippy');
    // Nothing asked of the engine, no progress claimed before the saved state is read.
    expect(first).not.toContain('steps done');
    expect(engine.calls).toEqual([]);
    t.resolve();
    await until(() => t.stdout.written.includes('steps done'));
    t.stdin.send('q');
    await expect(t.done).resolves.toBe(0);
    expect(engine.calls.map((c) => c.method)).toEqual(['cancel', 'close']);
    // The exit words come after the primary screen is back.
    expect(t.stdout.written.lastIndexOf(LEAVE_ALT_SCREEN)).toBeGreaterThan(t.stdout.written.lastIndexOf('steps done'));
    expect(t.stdout.written.slice(t.stdout.written.lastIndexOf(LEAVE_ALT_SCREEN))).toContain(
      'Micromegas 0.15.0: not started',
    );
    expect(t.hooks.listenerCount('SIGINT') + t.hooks.listenerCount('exit')).toBe(0);
  });

  it('throws a failure to open after Ink unmounted and the screen was restored', async () => {
    const engine = createFakeEngine();
    const t = start(engine);
    await until(() => t.stdout.written.includes('Opening the release'));
    t.reject(new UserError('another release-cockpit (pid 42) holds the lock of this release.'));
    await expect(t.done).rejects.toThrow('holds the lock');
    expect(t.stdout.written.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
    expect(t.stdin.isRaw).toBe(false);
    expect(t.stderr.text).toBe('');
    expect(t.hooks.listenerCount('SIGTERM') + t.hooks.listenerCount('exit')).toBe(0);
  });

  it('on SIGTERM while opening, closes the engine once it is open and exits 143 without drawing the App', async () => {
    const engine = createFakeEngine();
    const t = start(engine);
    await until(() => t.stdout.written.includes('Opening the release'));
    t.hooks.emit('SIGTERM');
    t.resolve();
    await expect(t.done).resolves.toBe(143);
    expect(engine.closed).toBe(true);
    expect(t.stdout.written).not.toContain('steps done');
    expect(t.stdout.written.lastIndexOf(LEAVE_ALT_SCREEN)).toBeGreaterThan(t.stdout.written.lastIndexOf('opening…'));
  });
});

describe('the first frame drawn as text before Ink', () => {
  /** A session begun the way the cockpit begins it, its writes kept one by one. */
  async function begun(engine: FakeEngine) {
    const tty = fakeTty();
    const writes: string[] = [];
    tty.stdout.write = (s: string) => {
      writes.push(s);
      tty.stdout.written += s;
      return true;
    };
    const session = await beginSession(tty.options, { plan: engine.plan, demo: false });
    return { ...tty, writes, session };
  }

  it('takes the screen in one write, the cursor left home for Ink, whose frame follows without a clear', async () => {
    const engine = createFakeEngine();
    const t = await begun(engine);
    expect(t.writes).toHaveLength(1);
    expect(t.writes[0]!.startsWith(ENTER_ALT_SCREEN)).toBe(true);
    expect(t.writes[0]).toContain('Micromegas');
    expect(t.writes[0]).toContain('opening…');
    expect(t.writes[0]!.endsWith('\u001b[H')).toBe(true);
    expect(t.stdin.isRaw).toBe(true);
    const o = opening(engine);
    const done = runTui(o.release, { ...t.options, session: t.session });
    expect(t.writes.slice(1).join('')).toContain('Opening the release');
    expect(t.writes.slice(1).join('')).not.toContain(CLEAR_SCREEN);
    o.resolve();
    await until(() => t.stdout.written.includes('steps done'));
    t.stdin.send('q');
    await expect(done).resolves.toBe(0);
  });

  it('clears a terminal resized meanwhile before Ink draws its own first frame', async () => {
    const engine = createFakeEngine();
    const t = await begun(engine);
    t.stdout.columns = 130;
    const o = opening(engine);
    const done = runTui(o.release, { ...t.options, session: t.session });
    const after = t.writes.slice(1).join('');
    expect(after.indexOf(CLEAR_SCREEN)).toBeGreaterThanOrEqual(0);
    expect(after.indexOf(CLEAR_SCREEN)).toBeLessThan(after.indexOf('Opening the release'));
    t.hooks.emit('SIGTERM');
    o.resolve();
    await expect(done).resolves.toBe(143);
  });

  it('on SIGTERM before Ink is loaded, Ink draws nothing, the engine is closed once open, exits 143', async () => {
    const engine = createFakeEngine();
    const t = await begun(engine);
    t.hooks.emit('SIGTERM');
    const o = opening(engine);
    const done = runTui(o.release, { ...t.options, session: t.session });
    o.resolve();
    await expect(done).resolves.toBe(143);
    expect(engine.closed).toBe(true);
    expect(t.writes.slice(1).join('')).not.toContain('Opening the release');
    expect(t.stdout.written.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
    expect(t.stdin.isRaw).toBe(false);
    expect(t.hooks.listenerCount('SIGTERM') + t.hooks.listenerCount('exit')).toBe(0);
  });
});
