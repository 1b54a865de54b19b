import { describe, expect, it, vi } from 'vitest';
import { INITIAL_UI, topModal, uiReducer } from '../../src/ui/app-state.js';
import type { UiState } from '../../src/ui/app-state.js';
import {
  applyResults,
  openRollback,
  rollbackKeyContext,
  toggleRollback,
  moveRollback,
  unyankTargets,
  yankTargets,
  yankDisabled,
} from '../../src/ui/modals/rollback-state.js';
import type { RollbackModal } from '../../src/ui/modals/modal-types.js';
import { resumeLines, summariseResume } from '../../src/ui/modals/resume-summary.js';
import { helpLineCount, helpLines } from '../../src/ui/modals/help-lines.js';
import { keyContext } from '../helpers/key-context.js';
import { ALL_BINDINGS } from '../../src/ui/keymap/bindings.js';
import { computeLayout } from '../../src/ui/layout-geometry.js';
import { formatCountdown, sanitizeLine, shellQuote } from '../../src/ui/format.js';
import { compactDuration } from '../../src/core/durations.js';
import { color, noColor } from '../../src/ui/theme.js';
import { exitCodeFor } from '../../src/ui/app.js';
import { releaseElapsedMs, stepProgress } from '../../src/ui/header.js';
import { demoPlan, freshState } from '../helpers/demo-plan.js';

const plan = demoPlan();

describe('ui reducer', () => {
  it('cycles focus over the given panes', () => {
    const panes = ['checklist', 'queue', 'output'] as const;
    let ui: UiState = INITIAL_UI;
    ui = uiReducer(ui, { type: 'cycle-focus', dir: 1, panes });
    expect(ui.focus).toBe('queue');
    ui = uiReducer(ui, { type: 'cycle-focus', dir: -1, panes });
    ui = uiReducer(ui, { type: 'cycle-focus', dir: -1, panes });
    expect(ui.focus).toBe('output');
  });

  it('stacks modals, edits the top one text, removes by identity', () => {
    const resolve = vi.fn();
    let ui = uiReducer(INITIAL_UI, { type: 'push', modal: { kind: 'help', scroll: 0 } });
    const confirm = {
      kind: 'confirm' as const,
      request: { title: 't', commands: [], typed: '1.0.0' },
      text: '',
      resolve,
    };
    ui = uiReducer(ui, { type: 'push', modal: confirm });
    ui = uiReducer(ui, { type: 'type-text', text: '1.0\n.0x' });
    ui = uiReducer(ui, { type: 'backspace' });
    expect(topModal(ui)).toMatchObject({ kind: 'confirm', text: '1.0 .0' });
    ui = uiReducer(ui, { type: 'update', kind: 'help', fn: (m) => (m.kind === 'help' ? { ...m, scroll: 3 } : m) });
    expect(ui.modals[0]).toEqual({ kind: 'help', scroll: 3 });
    ui = uiReducer(ui, { type: 'remove', modal: ui.modals[1]! });
    expect(ui.modals.map((m) => m.kind)).toEqual(['help']);
    // Typing into a modal without text is ignored.
    expect(uiReducer(ui, { type: 'type-text', text: 'x' })).toBe(ui);
  });
});

describe('rollback menu state', () => {
  const ready = (): RollbackModal => ({
    ...openRollback(),
    actions: [{ id: 'delete-tag', title: 'Delete tag', disabledReason: 'the tag was never created' }],
    actionsLoading: false,
    load: {
      status: 'ready',
      crates: [
        { name: 'a', version: '0.15.0', onIndex: 'published', publishedByThisRelease: true },
        { name: 'b', version: '0.15.0', onIndex: 'yanked', publishedByThisRelease: true },
      ],
    },
  });

  it('explains why yank is not possible yet', () => {
    expect(yankDisabled(openRollback())).toBe('The registry status is still loading.');
    expect(yankDisabled(ready())).toBe('Select crates with space first.');
    const onlyYanked = toggleRollback(moveRollback(ready(), 1));
    expect(yankDisabled(onlyYanked)).toMatch(/None of the selected crates is live/);
    expect(unyankTargets(onlyYanked)).toEqual(['b']);
  });

  it('multi-selects crates and targets only what the verb can change', () => {
    let m = toggleRollback(ready());
    m = toggleRollback(moveRollback(m, 1));
    expect(m.selected).toEqual(['a', 'b']);
    expect(yankTargets(m)).toEqual(['a']);
    expect(rollbackKeyContext(m)).toMatchObject({
      onCrate: true,
      onAction: false,
      yankDisabled: undefined,
      unyankDisabled: undefined,
    });
    const onAction = moveRollback(m, 5);
    expect(rollbackKeyContext(onAction)).toMatchObject({ onAction: true, actionDisabled: 'the tag was never created' });
    expect(toggleRollback(onAction)).toBe(onAction);
  });

  it('records results and what the index now says', () => {
    const m = applyResults(
      { ...toggleRollback(ready()), busy: 'yanking' },
      [{ target: 'a', ok: true, message: 'yanked' }],
      'yank',
    );
    expect(m.busy).toBeUndefined();
    expect(m.selected).toEqual([]);
    expect(m.load.status === 'ready' && m.load.crates[0]!.onIndex).toBe('yanked');
  });
});

describe('resume summary', () => {
  it('summarises finished, interrupted, failed and the registry', () => {
    const st = freshState(plan);
    st.sessions = 3;
    st.steps['cargo-test'] = { status: 'passed', attempts: 1 };
    st.steps['publish'] = { status: 'interrupted', attempts: 1, reason: 'killed' };
    st.crates['micromegas'] = { status: 'published', version: '0.15.0', attempts: 1 };
    st.notices = ['A stale lock of pid 42 was taken over.'];
    const s = summariseResume(plan, st);
    expect(s).toMatchObject({
      passed: 1,
      pending: 3,
      total: 5,
      interrupted: [{ title: 'Publish crates', reason: 'killed' }],
    });
    const text = resumeLines(s, {
      status: 'ready',
      crates: [{ name: 'micromegas', version: '0.15.0', onIndex: 'published', publishedByThisRelease: true }],
    })
      .map((l) => l.text)
      .join('\n');
    expect(text).toContain('opened 2 times before');
    expect(text).toContain('interrupted: Publish crates (killed)');
    expect(text).toContain('1 published by this release');
    expect(text).toContain('stale lock');
    expect(text).toContain('micromegas@0.15.0: published');
    // The crates the index does not have yet are named, none left out of the registry status.
    expect(text).toContain(
      '  not on the index yet (4): micromegas-derive-transit, micromegas-transit, micromegas-tracing, micromegas-auth',
    );
    expect(resumeLines(s, { status: 'loading' }).at(-1)?.text).toContain('checking the index');
  });
});

describe('help overlay', () => {
  it('is generated from the bindings, with current disabled reasons', () => {
    const ctx = keyContext({ running: true, row: undefined, step: undefined });
    const lines = helpLines(ALL_BINDINGS, ctx, 200);
    const text = lines.map((l) => l.text);
    expect(text).toContain('Checklist');
    expect(text.some((t) => t.includes('q ^C') && t.includes('quit'))).toBe(true);
    expect(lines.find((l) => l.text.includes('rollback menu'))?.disabled).toMatch(/Wait for the running step/);
    expect(helpLineCount(ALL_BINDINGS, 200)).toBe(lines.length);
  });

  it('wraps each description under itself at the overlay width; the reason stays on its last row', () => {
    const ctx = keyContext({ running: true, row: undefined, step: undefined });
    const lines = helpLines(ALL_BINDINGS, ctx, 60);
    expect(lines.every((l) => l.text.length <= 60)).toBe(true);
    expect(helpLineCount(ALL_BINDINGS, 60)).toBe(lines.length);
    const at = lines.findIndex((l) => l.text.startsWith('  y '));
    expect(lines.slice(at, at + 2).map((l) => l.text)).toEqual([
      '  y                rollback menu: yank / unyank crates,',
      '                   other rollback actions',
    ]);
    expect(lines[at]!.disabled).toBeUndefined();
    expect(lines[at + 1]!.disabled).toMatch(/Wait for the running step/);
  });
});

describe('layout', () => {
  it('stacks at 80x24 within rows - 1', () => {
    const l = computeLayout(80, 24, 12);
    expect(l).toMatchObject({ tooSmall: false, wide: false, rootHeight: 23 });
    expect(l.checklist.height + l.queue!.height + l.output.height).toBe(l.body.height);
    expect(l.body.height).toBe(20);
    expect(l.output.height).toBeGreaterThanOrEqual(5);
  });

  it('puts the checklist on the left when wide', () => {
    const l = computeLayout(160, 50, 12);
    expect(l.wide).toBe(true);
    expect(l.checklist.width + 1 + l.output.width).toBe(160);
    expect(l.queue!.height + l.output.height).toBe(l.body.height);
  });

  it('has no queue without crates, and flags small terminals', () => {
    expect(computeLayout(100, 30, 0).queue).toBeUndefined();
    expect(computeLayout(79, 40, 3).tooSmall).toBe(true);
    expect(computeLayout(120, 23, 3).tooSmall).toBe(true);
  });
});

describe('formatting and color', () => {
  it('formats countdowns, elapsed times and commands', () => {
    expect(formatCountdown(42_000)).toBe('0:42');
    expect(formatCountdown(41_001)).toBe('0:42');
    expect(formatCountdown(-5)).toBe('0:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(compactDuration(192_000)).toBe('3m 12s');
    expect(shellQuote(['cargo', 'publish', '-p', 'a b', "it's"])).toBe(`cargo publish -p 'a b' 'it'\\''s'`);
  });

  it('strips escapes from output lines and keeps the last carriage-return segment', () => {
    expect(sanitizeLine('\u001b[1m\u001b[32mCompiling\u001b[0m x\tz')).toBe('Compiling x    z');
    expect(sanitizeLine('10%\r50%\r100%')).toBe('100%');
  });

  it('turns colors off under NO_COLOR (set and not empty)', () => {
    expect(noColor({ NO_COLOR: '1' })).toBe(true);
    expect(noColor({ NO_COLOR: '' })).toBe(false);
    expect(color('ok', { NO_COLOR: '1' })).toBeUndefined();
    expect(color('ok', {})).toBe('green');
  });
});

describe('header and exit code', () => {
  it('counts steps, elapsed time from the first start, and exits 1 on a failed step', () => {
    const st = freshState(plan);
    st.steps['cargo-test'] = {
      status: 'passed',
      attempts: 1,
      startedAt: '2025-11-01T10:00:00.000Z',
      endedAt: '2025-11-01T10:01:00.000Z',
    };
    st.steps['clippy'] = { status: 'skipped', attempts: 0 };
    expect(stepProgress(plan, st)).toEqual({ done: 2, total: 5 });
    // Unfinished: wall clock from the first start, waits included; finished: to the last end.
    expect(releaseElapsedMs(st, Date.parse('2025-11-01T10:05:00.000Z'), false)).toBe(300_000);
    expect(releaseElapsedMs(st, Date.parse('2025-11-01T10:05:00.000Z'), true)).toBe(60_000);
    expect(exitCodeFor(plan, st)).toBe(0);
    st.steps['push'] = { status: 'failed', attempts: 1 };
    expect(exitCodeFor(plan, st)).toBe(1);
  });
});
