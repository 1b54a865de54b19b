// Publish-queue bindings: cursor, retry a failed crate, skip a crate (with a reason).
import type { Binding } from '../../keymap/types.js';

export const QUEUE_BINDINGS: Binding[] = [
  { command: 'nav.up', keys: ['k', 'up'], description: 'move up', scope: 'queue' },
  { command: 'nav.down', keys: ['j', 'down'], description: 'move down', scope: 'queue' },
  { command: 'nav.top', keys: ['g', 'home'], description: 'first crate', scope: 'queue' },
  { command: 'nav.bottom', keys: ['G', 'end'], description: 'last crate', scope: 'queue' },
  {
    command: 'queue.retry',
    keys: ['r'],
    description: 'retry the failed (or skipped) crate under the cursor',
    scope: 'queue',
    label: () => 'retry crate',
    disabledReason: (ctx) =>
      ctx.crate?.status === 'failed' || ctx.crate?.status === 'skipped'
        ? undefined
        : 'Only a failed or skipped crate can be retried.',
    footer: true,
  },
  {
    command: 'queue.skip',
    keys: ['s'],
    description: 'skip the crate under the cursor (asks for a reason)',
    scope: 'queue',
    label: () => 'skip crate',
    disabledReason: (ctx) => {
      const c = ctx.crate;
      if (!c) return 'Move the cursor to a crate to skip it.';
      if (c.status === 'published' || c.status === 'already-published') return 'This crate is already on the registry.';
      if (c.status === 'skipped') return 'This crate is already skipped.';
      if (c.status !== 'pending' && c.status !== 'failed')
        return 'This crate is being published: it cannot be skipped now.';
      return undefined;
    },
    footer: true,
  },
];
