// Modal bindings. A modal sees keys before anything else; only Ctrl-C (evenInModal) gets past.
import type { Binding, KeyContext } from '../keymap/types.js';

const typedMismatch = (ctx: KeyContext): string | undefined =>
  ctx.typedRequired !== undefined && ctx.inputText !== ctx.typedRequired
    ? `Type ${ctx.typedRequired} exactly to confirm.`
    : undefined;

export const MODAL_BINDINGS: Binding[] = [
  // help
  {
    command: 'modal.reject',
    keys: ['escape', 'q', '?'],
    description: 'close',
    scope: 'help',
    label: () => 'close',
    footer: true,
  },
  { command: 'nav.up', keys: ['k', 'up'], description: 'scroll up', scope: 'help' },
  { command: 'nav.down', keys: ['j', 'down'], description: 'scroll down', scope: 'help' },
  { command: 'nav.pageUp', keys: ['pageup'], description: 'page up', scope: 'help' },
  { command: 'nav.pageDown', keys: ['pagedown'], description: 'page down', scope: 'help' },

  // confirm (irreversible actions). Enter alone never confirms: a maintainer pressing enter
  // through manual items must not approve a publish that just popped up.
  {
    command: 'modal.accept',
    keys: ['y'],
    description: 'go ahead (steps done by hand: say you did them)',
    scope: 'confirm',
    label: (ctx) => ctx.confirmYes ?? 'go ahead',
    when: (ctx) => ctx.typedRequired === undefined,
    footer: true,
  },
  {
    command: 'modal.accept',
    keys: ['enter'],
    description: 'confirm once the text is typed',
    scope: 'confirm',
    label: () => 'confirm',
    disabledReason: (ctx) =>
      ctx.typedRequired === undefined
        ? 'Press y to go ahead: enter alone never confirms an irreversible action.'
        : typedMismatch(ctx),
    footer: true,
  },
  // Only where the engine offered a draft file (the changelog review): the cockpit hands the
  // terminal to the editor, then the preview shows the draft as saved.
  {
    command: 'modal.edit',
    keys: ['e'],
    description: 'edit the draft in $EDITOR (the preview then shows what you saved)',
    scope: 'confirm',
    label: () => 'edit in $EDITOR',
    when: (ctx) => ctx.editFile !== undefined && ctx.typedRequired === undefined,
    footer: true,
  },
  {
    command: 'modal.reject',
    keys: ['escape'],
    description: 'cancel',
    scope: 'confirm',
    label: () => 'cancel',
    footer: true,
  },
  {
    command: 'modal.reject',
    keys: ['n'],
    description: 'no',
    scope: 'confirm',
    when: (ctx) => ctx.typedRequired === undefined,
  },
  { command: 'input.backspace', keys: ['backspace'], description: 'delete a character', scope: 'confirm' },
  // j/k are text while a version is typed; the arrows and pages always scroll.
  {
    command: 'nav.up',
    keys: ['k'],
    description: 'scroll up',
    scope: 'confirm',
    when: (ctx) => ctx.typedRequired === undefined,
  },
  {
    command: 'nav.down',
    keys: ['j'],
    description: 'scroll down',
    scope: 'confirm',
    when: (ctx) => ctx.typedRequired === undefined,
  },
  { command: 'nav.up', keys: ['up'], description: 'scroll up', scope: 'confirm' },
  { command: 'nav.down', keys: ['down'], description: 'scroll down', scope: 'confirm' },
  { command: 'nav.pageUp', keys: ['pageup'], description: 'page up', scope: 'confirm' },
  { command: 'nav.pageDown', keys: ['pagedown'], description: 'page down', scope: 'confirm' },

  // skip reason
  {
    command: 'modal.accept',
    keys: ['enter'],
    description: 'skip with this reason',
    scope: 'skip-reason',
    label: () => 'skip',
    disabledReason: (ctx) => (ctx.inputText.trim() === '' ? 'A reason is required to skip.' : undefined),
    footer: true,
  },
  {
    command: 'modal.reject',
    keys: ['escape'],
    description: 'cancel',
    scope: 'skip-reason',
    label: () => 'cancel',
    footer: true,
  },
  { command: 'input.backspace', keys: ['backspace'], description: 'delete a character', scope: 'skip-reason' },

  // search
  {
    command: 'modal.accept',
    keys: ['enter'],
    description: 'search',
    scope: 'search',
    label: () => 'find',
    footer: true,
  },
  {
    command: 'modal.reject',
    keys: ['escape'],
    description: 'cancel',
    scope: 'search',
    label: () => 'cancel',
    footer: true,
  },
  { command: 'input.backspace', keys: ['backspace'], description: 'delete a character', scope: 'search' },

  // quit while something runs
  {
    command: 'modal.accept',
    keys: ['y', 'enter', 'q', 'ctrl-c'],
    description: 'quit (cancels the running step)',
    scope: 'quit',
    label: () => 'quit',
    footer: true,
  },
  {
    command: 'modal.reject',
    keys: ['n', 'escape'],
    description: 'stay',
    scope: 'quit',
    label: () => 'stay',
    footer: true,
  },

  // resume summary
  {
    command: 'modal.accept',
    keys: ['enter'],
    description: 'continue',
    scope: 'resume',
    label: () => 'continue',
    footer: true,
  },
  { command: 'nav.up', keys: ['k', 'up'], description: 'scroll up', scope: 'resume' },
  { command: 'nav.down', keys: ['j', 'down'], description: 'scroll down', scope: 'resume' },
  { command: 'nav.pageUp', keys: ['pageup'], description: 'page up', scope: 'resume' },
  { command: 'nav.pageDown', keys: ['pagedown'], description: 'page down', scope: 'resume' },

  // completion panel
  {
    command: 'modal.reject',
    keys: ['enter', 'escape'],
    description: 'back to the cockpit',
    scope: 'completion',
    label: () => 'back',
    footer: true,
  },
  { command: 'app.quit', keys: ['q'], description: 'quit', scope: 'completion', label: () => 'quit', footer: true },
  { command: 'nav.up', keys: ['k', 'up'], description: 'scroll up', scope: 'completion' },
  { command: 'nav.down', keys: ['j', 'down'], description: 'scroll down', scope: 'completion' },
  { command: 'nav.pageUp', keys: ['pageup'], description: 'page up', scope: 'completion' },
  { command: 'nav.pageDown', keys: ['pagedown'], description: 'page down', scope: 'completion' },

  // rollback menu
  { command: 'nav.up', keys: ['k', 'up'], description: 'move up', scope: 'rollback' },
  { command: 'nav.down', keys: ['j', 'down'], description: 'move down', scope: 'rollback' },
  { command: 'nav.top', keys: ['g', 'home'], description: 'first row', scope: 'rollback' },
  { command: 'nav.bottom', keys: ['G', 'end'], description: 'last row', scope: 'rollback' },
  {
    command: 'rollback.toggle',
    keys: ['space'],
    description: 'select / unselect the crate',
    scope: 'rollback',
    label: () => 'select',
    when: (ctx) => ctx.rollback?.onCrate === true,
    footer: true,
  },
  // On a crate enter selects it (before modal.accept, which it shadows there).
  {
    command: 'rollback.toggle',
    keys: ['enter'],
    description: 'select / unselect the crate',
    scope: 'rollback',
    when: (ctx) => ctx.rollback?.onCrate === true,
  },
  {
    command: 'rollback.selectAll',
    keys: ['a'],
    description: 'select every crate (again: none)',
    scope: 'rollback',
    label: (ctx) => (ctx.rollback?.allSelected ? 'select none' : 'select all'),
    when: (ctx) => ctx.rollback?.hasCrates === true,
    disabledReason: (ctx) => (ctx.rollback?.busy ? 'Wait for the action in progress to finish.' : undefined),
    footer: true,
  },
  {
    command: 'rollback.yank',
    keys: ['y'],
    description: 'yank the selected crates (asks you to type the version)',
    scope: 'rollback',
    label: () => 'yank',
    disabledReason: (ctx) => ctx.rollback?.yankDisabled,
    footer: true,
    advertise: true,
  },
  {
    command: 'rollback.unyank',
    keys: ['u'],
    description: 'unyank the selected crates',
    scope: 'rollback',
    label: () => 'unyank',
    disabledReason: (ctx) => ctx.rollback?.unyankDisabled,
    footer: true,
    advertise: true,
  },
  {
    command: 'modal.accept',
    keys: ['enter'],
    description: 'run the action under the cursor (on a crate: select it)',
    scope: 'rollback',
    label: () => 'run action',
    disabledReason: (ctx) =>
      ctx.rollback?.onAction === true
        ? ctx.rollback.actionDisabled
        : 'Move the cursor to one of the other actions (below the crates) to run it.',
    footer: true,
    advertise: true,
  },
  {
    command: 'modal.reject',
    keys: ['escape', 'q'],
    description: 'close the menu',
    scope: 'rollback',
    label: () => 'close',
    disabledReason: (ctx) => (ctx.rollback?.busy ? 'Wait for the action in progress to finish.' : undefined),
    footer: true,
  },

  // history view
  { command: 'nav.up', keys: ['k', 'up'], description: 'move up', scope: 'history' },
  { command: 'nav.down', keys: ['j', 'down'], description: 'move down', scope: 'history' },
  { command: 'nav.top', keys: ['g', 'home'], description: 'first release', scope: 'history' },
  { command: 'nav.bottom', keys: ['G', 'end'], description: 'last release', scope: 'history' },
  {
    command: 'modal.accept',
    keys: ['enter'],
    description: "open the release's rollback menu (its crates: yank / unyank)",
    scope: 'history',
    label: () => 'its crates',
    disabledReason: (ctx) =>
      ctx.history?.version === undefined ? 'No release here yet: a release exists once a step ran.' : undefined,
    footer: true,
  },
  {
    command: 'modal.reject',
    keys: ['escape', 'q', 'h'],
    description: 'close the history',
    scope: 'history',
    label: () => 'close',
    footer: true,
  },
];
