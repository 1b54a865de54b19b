// All bindings, as data: global ones here, the panes' and modals' next to their code.
import type { Binding } from './types.js';
import { CHECKLIST_BINDINGS } from '../panes/checklist/keys.js';
import { QUEUE_BINDINGS } from '../panes/queue/keys.js';
import { OUTPUT_BINDINGS } from '../panes/output/keys.js';
import { MODAL_BINDINGS } from '../modals/keys.js';

export type { Binding, KeyContext } from './types.js';

export const GLOBAL_BINDINGS: Binding[] = [
  {
    command: 'focus.next',
    keys: ['tab'],
    description: 'focus the next pane',
    scope: 'global',
    label: () => 'pane',
    footer: true,
  },
  { command: 'focus.prev', keys: ['shift-tab'], description: 'focus the previous pane', scope: 'global' },
  {
    command: 'queue.pause',
    keys: ['p'],
    description: 'pause / resume the publish queue (pauses after the crate in flight)',
    scope: 'global',
    label: (ctx) => (ctx.queuePaused ? 'resume queue' : 'pause queue'),
    when: (ctx) => ctx.hasCrates,
    disabledReason: (ctx) => {
      if (ctx.queuePaused) return undefined;
      if (ctx.queueDone) return 'The publish queue is finished.';
      return ctx.queueRunning ? undefined : 'The publish queue is not running: p pauses it while it publishes.';
    },
    footer: true,
  },
  {
    command: 'step.cancel',
    keys: ['x'],
    description: 'cancel the running step (it stops, marked interrupted; r retries it)',
    scope: 'global',
    label: () => 'cancel step',
    when: (ctx) => ctx.running,
    footer: true,
  },
  {
    command: 'rollback.open',
    keys: ['y'],
    description: 'rollback menu: yank / unyank crates, other rollback actions',
    scope: 'global',
    label: () => 'rollback',
    disabledReason: (ctx) =>
      ctx.running ? 'Wait for the running step to finish (or quit with q) before rolling back.' : undefined,
    footer: true,
  },
  {
    command: 'history.open',
    keys: ['h'],
    description: "history: this repository's releases, their results and crates (enter: yank / unyank one's crates)",
    scope: 'global',
    label: () => 'history',
    footer: true,
  },
  {
    command: 'completion.open',
    keys: ['c'],
    description: 'the release summary: what was published where, what comes next',
    scope: 'global',
    label: () => 'summary',
    when: (ctx) => ctx.finished,
    footer: true,
  },
  {
    command: 'help.open',
    keys: ['?'],
    description: 'help: every key',
    scope: 'global',
    label: () => 'help',
    footer: true,
    pinned: true,
  },
  {
    command: 'app.quit',
    keys: ['q'],
    description: 'quit (asks when something runs; the release can be resumed)',
    scope: 'global',
    label: () => 'quit',
    footer: true,
    pinned: true,
  },
  // Ctrl-C reaches the quit command even under a modal (Ink's own Ctrl-C exit is off).
  {
    command: 'app.quit',
    keys: ['ctrl-c'],
    description: 'quit (asks when something runs; the release can be resumed)',
    scope: 'global',
    evenInModal: true,
  },
];

export const ALL_BINDINGS: readonly Binding[] = [
  ...MODAL_BINDINGS,
  ...CHECKLIST_BINDINGS,
  ...QUEUE_BINDINGS,
  ...OUTPUT_BINDINGS,
  ...GLOBAL_BINDINGS,
];
