// Every command the keyboard can trigger. Bindings map keys to these ids; the executor gives
// them meaning. A command id is interpreted in the scope of the binding that matched (nav.up
// moves the checklist cursor, the queue cursor or a modal's list).

export const COMMANDS = [
  'app.quit',
  'help.open',
  'focus.next',
  'focus.prev',
  'nav.up',
  'nav.down',
  'nav.pageUp',
  'nav.pageDown',
  'nav.top',
  'nav.bottom',
  'step.run',
  'step.skip',
  'step.retry',
  'step.cancel',
  'phase.toggle',
  'queue.pause',
  'queue.retry',
  'queue.skip',
  'rollback.open',
  'history.open',
  'completion.open',
  'output.follow',
  'output.search',
  'output.next',
  'output.prev',
  'output.pageUp',
  'output.pageDown',
  'modal.accept',
  'modal.reject',
  'modal.edit',
  'input.backspace',
  'rollback.toggle',
  'rollback.selectAll',
  'rollback.yank',
  'rollback.unyank',
] as const;

export type CommandId = (typeof COMMANDS)[number];
