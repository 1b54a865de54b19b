// Checklist bindings: cursor, collapse, run/confirm, skip, retry.
import type { Binding, KeyContext } from '../../keymap/types.js';

function isManualToConfirm(ctx: KeyContext): boolean {
  const s = ctx.step;
  return s !== undefined && s.kind === 'manual' && s.status !== 'passed' && s.status !== 'skipped';
}

export const CHECKLIST_BINDINGS: Binding[] = [
  { command: 'nav.up', keys: ['k', 'up'], description: 'move up', scope: 'checklist' },
  { command: 'nav.down', keys: ['j', 'down'], description: 'move down', scope: 'checklist' },
  { command: 'nav.top', keys: ['g', 'home'], description: 'first row', scope: 'checklist' },
  { command: 'nav.bottom', keys: ['G', 'end'], description: 'last row', scope: 'checklist' },
  {
    command: 'phase.toggle',
    keys: ['enter', 'space'],
    description: 'collapse / expand the phase',
    scope: 'checklist',
    label: () => 'fold',
    when: (ctx) => ctx.row === 'phase',
    footer: true,
  },
  {
    command: 'step.run',
    keys: ['enter'],
    description: 'start the release, or confirm the manual item under the cursor',
    scope: 'checklist',
    label: (ctx) => (isManualToConfirm(ctx) ? 'confirm' : 'run'),
    when: (ctx) => ctx.row !== 'phase',
    disabledReason: (ctx) => {
      if (isManualToConfirm(ctx)) return undefined;
      if (ctx.running) return 'A step is already running.';
      if (ctx.finished) return 'Every step is done: nothing left to run.';
      return undefined;
    },
    footer: true,
  },
  {
    command: 'step.skip',
    keys: ['s'],
    description: 'skip the step under the cursor (asks for a reason)',
    scope: 'checklist',
    label: () => 'skip',
    disabledReason: (ctx) => {
      const s = ctx.step;
      if (!s) return 'Move the cursor to a step to skip it.';
      if (s.status === 'passed') return 'This step already passed.';
      if (s.status === 'skipped') return 'This step is already skipped.';
      if (s.status === 'running') return 'This step is running: quit (q) to cancel it first.';
      return undefined;
    },
    footer: true,
  },
  {
    command: 'step.retry',
    keys: ['r'],
    description: 'retry the failed or interrupted step under the cursor',
    scope: 'checklist',
    label: () => 'retry',
    disabledReason: (ctx) => {
      const s = ctx.step;
      if (!s || (s.status !== 'failed' && s.status !== 'interrupted'))
        return 'Only a failed or interrupted step can be retried.';
      if (ctx.running) return 'Wait for the running step to finish.';
      return undefined;
    },
    footer: true,
  },
];
