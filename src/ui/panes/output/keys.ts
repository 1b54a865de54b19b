// Output bindings. Scrolling keys work from any pane (global) so the maintainer can read the log
// without leaving the checklist; line moves, g/G and n/N belong to the output pane.
import type { Binding } from '../../keymap/types.js';

export const OUTPUT_BINDINGS: Binding[] = [
  { command: 'nav.up', keys: ['k', 'up'], description: 'scroll up one line', scope: 'output' },
  { command: 'nav.down', keys: ['j', 'down'], description: 'scroll down one line', scope: 'output' },
  {
    command: 'nav.top',
    keys: ['g', 'home'],
    description: 'oldest line held',
    scope: 'output',
    label: () => 'top',
    footer: true,
  },
  {
    command: 'nav.bottom',
    keys: ['G', 'end'],
    description: 'newest line',
    scope: 'output',
    label: () => 'bottom',
    footer: true,
  },
  {
    command: 'output.next',
    keys: ['n'],
    description: 'next match of the search (any pane)',
    scope: 'global',
    label: () => 'next',
    disabledReason: (ctx) => (ctx.hasSearch ? undefined : 'No search yet: press / first.'),
    footer: true,
  },
  {
    command: 'output.prev',
    keys: ['N'],
    description: 'previous match of the search (any pane)',
    scope: 'global',
    label: () => 'prev',
    disabledReason: (ctx) => (ctx.hasSearch ? undefined : 'No search yet: press / first.'),
    footer: true,
  },
  { command: 'output.pageUp', keys: ['pageup'], description: 'scroll the output up a page', scope: 'global' },
  { command: 'output.pageDown', keys: ['pagedown'], description: 'scroll the output down a page', scope: 'global' },
  {
    command: 'output.follow',
    keys: ['f'],
    description: 'follow mode: show the running step, stick to the newest line',
    scope: 'global',
    label: (ctx) => (ctx.follow ? 'stop following' : 'follow'),
    footer: true,
  },
  {
    command: 'output.search',
    keys: ['/'],
    description: 'search the output',
    scope: 'global',
    label: () => 'search',
    footer: true,
  },
];
