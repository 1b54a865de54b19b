import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/ui/keymap/dispatch.js';
import { ALL_BINDINGS } from '../../src/ui/keymap/bindings.js';
import { COMMANDS } from '../../src/ui/keymap/commands.js';
import type { KeyContext } from '../../src/ui/keymap/types.js';
import type { KeyPress } from '../../src/ui/keymap/key-names.js';
import { displayKey, keyName, keyPresses } from '../../src/ui/keymap/key-names.js';
import { footerHints, fitHints } from '../../src/ui/panes/footer/use-footer-state.js';
import { keyContext } from '../helpers/key-context.js';

const ctx = keyContext;
const key = (name: string, text?: string): KeyPress => ({ name, text: text ?? (name.length === 1 ? name : undefined) });
const run = (k: KeyPress, c: KeyContext) => dispatch(k, c, ALL_BINDINGS);
const command = (k: KeyPress, c: KeyContext) => {
  const r = run(k, c);
  return r.kind === 'command' ? r.command : r.kind;
};

describe('dispatch', () => {
  it('gives the focused pane the key before the global scope', () => {
    expect(command(key('r'), ctx({ step: { id: 'x', kind: 'run', status: 'failed' } }))).toBe('step.retry');
    expect(command(key('r'), ctx({ focus: 'queue', crate: { name: 'a', status: 'failed' } }))).toBe('queue.retry');
    expect(command(key('j'), ctx({ focus: 'output' }))).toBe('nav.down');
    expect(command(key('?'), ctx({ focus: 'output' }))).toBe('help.open');
  });

  it('falls through to the next scope when a binding does not apply', () => {
    // enter on a phase row folds it; on a step it runs.
    expect(command(key('enter'), ctx({ row: 'phase', step: undefined }))).toBe('phase.toggle');
    expect(command(key('enter'), ctx())).toBe('step.run');
    // p does not exist at all for a release without crates.
    expect(run(key('p'), ctx({ hasCrates: false })).kind).toBe('none');
  });

  it('does nothing for unknown keys', () => {
    expect(run(key('Z'), ctx())).toEqual({ kind: 'none' });
    expect(run(key('paste', 'hello'), ctx())).toEqual({ kind: 'none' });
  });

  it('returns the reason of a disabled command', () => {
    expect(run(key('r'), ctx())).toEqual({
      kind: 'disabled',
      command: 'step.retry',
      reason: 'Only a failed or interrupted step can be retried.',
    });
    expect(run(key('enter'), ctx({ running: true }))).toMatchObject({
      kind: 'disabled',
      reason: 'A step is already running.',
    });
    expect(run(key('y'), ctx({ running: true }))).toMatchObject({ kind: 'disabled', command: 'rollback.open' });
    expect(run(key('s'), ctx({ step: { id: 'a', kind: 'run', status: 'passed' } }))).toMatchObject({
      kind: 'disabled',
      reason: 'This step already passed.',
    });
  });

  it('lets enter confirm a manual item even while another step runs', () => {
    expect(
      command(key('enter'), ctx({ running: true, step: { id: 'eyeball', kind: 'manual', status: 'pending' } })),
    ).toBe('step.run');
  });

  it('gives a modal every key first and hides panes and global keys', () => {
    const help = ctx({ modal: 'help' });
    expect(command(key('escape'), help)).toBe('modal.reject');
    expect(run(key('s'), help).kind).toBe('none');
    expect(run(key('tab'), help).kind).toBe('none');
    // A text modal types printable keys, even ones bound elsewhere.
    const skip = ctx({ modal: 'skip-reason', textInput: true });
    expect(run(key('q'), skip)).toEqual({ kind: 'text', text: 'q' });
    expect(run(key('space', ' '), skip)).toEqual({ kind: 'text', text: ' ' });
    expect(run(key('paste', 'flaky CI'), skip)).toEqual({ kind: 'text', text: 'flaky CI' });
    expect(command(key('backspace'), skip)).toBe('input.backspace');
  });

  it('lets Ctrl-C (and only Ctrl-C) through a modal to quit', () => {
    expect(command(key('ctrl-c'), ctx({ modal: 'help' }))).toBe('app.quit');
    expect(command(key('ctrl-c'), ctx({ modal: 'skip-reason', textInput: true }))).toBe('app.quit');
    expect(run(key('q'), ctx({ modal: 'confirm' })).kind).toBe('none');
    expect(command(key('ctrl-c'), ctx({ modal: 'quit' }))).toBe('modal.accept');
  });

  it('requires the typed text before a typed confirmation is accepted', () => {
    const c = ctx({ modal: 'confirm', textInput: true, typedRequired: '0.15.0', inputText: '0.15' });
    expect(run(key('enter'), c)).toMatchObject({ kind: 'disabled', reason: 'Type 0.15.0 exactly to confirm.' });
    expect(run(key('y'), c)).toEqual({ kind: 'text', text: 'y' });
    expect(command(key('enter'), { ...c, inputText: '0.15.0' })).toBe('modal.accept');
    // Without a typed text, y / n answer; enter alone does not approve an irreversible action.
    expect(command(key('y'), ctx({ modal: 'confirm' }))).toBe('modal.accept');
    expect(run(key('enter'), ctx({ modal: 'confirm' }))).toMatchObject({
      kind: 'disabled',
      reason: expect.stringMatching(/^Press y to go ahead/),
    });
    expect(command(key('n'), ctx({ modal: 'confirm' }))).toBe('modal.reject');
  });

  it('only uses known command ids', () => {
    for (const b of ALL_BINDINGS) expect(COMMANDS).toContain(b.command);
  });
});

describe('footer hints', () => {
  it('lists only enabled bindings of the current context', () => {
    const labels = footerHints(ctx(), ALL_BINDINGS).map((h) => `${h.key} ${h.label}`);
    expect(labels).toContain('enter run');
    expect(labels).toContain('s skip');
    expect(labels).not.toContain('r retry');
    expect(labels).toContain('q quit');
    const failed = footerHints(ctx({ step: { id: 'x', kind: 'run', status: 'failed' } }), ALL_BINDINGS).map(
      (h) => h.label,
    );
    expect(failed).toContain('retry');
    const manual = footerHints(ctx({ step: { id: 'x', kind: 'manual', status: 'pending' } }), ALL_BINDINGS).map(
      (h) => h.label,
    );
    expect(manual).toContain('confirm');
    expect(footerHints(ctx({ queuePaused: true }), ALL_BINDINGS).map((h) => h.label)).toContain('resume queue');
  });

  it('shows the modal keys only under a modal', () => {
    expect(footerHints(ctx({ modal: 'quit' }), ALL_BINDINGS).map((h) => h.label)).toEqual(['quit', 'stay']);
  });

  it('fits the hints in the width', () => {
    const hints = [
      { key: 'a', label: 'one' },
      { key: 'b', label: 'two' },
    ];
    expect(fitHints(hints, 8)).toEqual([hints[0]]);
    expect(fitHints(hints, 100)).toEqual(hints);
    const pinned = [...hints, { key: 'q', label: 'quit', pinned: true }];
    expect(fitHints(pinned, 16)).toEqual([hints[0], pinned[2]]);
    expect(fitHints(pinned, 4)).toEqual([pinned[2]]);
  });
});

describe('key names', () => {
  const k = (over: Record<string, boolean>) =>
    ({
      upArrow: false,
      downArrow: false,
      leftArrow: false,
      rightArrow: false,
      pageDown: false,
      pageUp: false,
      home: false,
      end: false,
      return: false,
      escape: false,
      ctrl: false,
      shift: false,
      tab: false,
      backspace: false,
      delete: false,
      meta: false,
      super: false,
      hyper: false,
      capsLock: false,
      numLock: false,
      ...over,
    }) as Parameters<typeof keyName>[1];
  it('names keys and keeps typed text apart', () => {
    expect(keyName('', k({ return: true }))).toEqual({ name: 'enter' });
    expect(keyName('', k({ tab: true, shift: true }))).toEqual({ name: 'shift-tab' });
    expect(keyName('c', k({ ctrl: true }))).toEqual({ name: 'ctrl-c' });
    expect(keyName('', k({ delete: true }))).toEqual({ name: 'backspace' });
    expect(keyName('G', k({ shift: true }))).toEqual({ name: 'G', text: 'G' });
    expect(keyName(' ', k({}))).toEqual({ name: 'space', text: ' ' });
    expect(keyName('enter', k({}))).toEqual({ name: 'paste', text: 'enter' });
    expect(displayKey('pageup')).toBe('PgUp');
  });

  it('Esc and a key read at once (Ink says alt-q) are Esc, then the key, which never confirms', () => {
    expect(keyPresses('q', k({ meta: true }))).toEqual([
      { name: 'escape', chunk: true },
      { name: 'q', text: 'q', chunk: true },
    ]);
    expect(keyPresses('', k({ escape: true, meta: true }))).toEqual([{ name: 'escape' }]);
    expect(keyPresses('', k({ upArrow: true, meta: true }))).toEqual([{ name: 'up' }]);
    expect(keyPresses('q', k({}))).toEqual([{ name: 'q', text: 'q' }]);
  });
});
