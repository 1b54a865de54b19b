// What the journal says of a crate's publish: its target string, this release's last intent for
// it, and whether the index confirmed it (the queue, its pre-flight and its worker ask alike).
import type { PlannedCrate } from '../core/plan-types.js';
import type { StepContext } from './step-types.js';

export function targetOf(c: Pick<PlannedCrate, 'name' | 'version'>): string {
  return `${c.name}@${c.version}`;
}

/** The last publish intent of this release for the target, if any (so the version is ours). */
export function lastIntent(ctx: StepContext, target: string): string | undefined {
  const e = ctx.journal
    .entries()
    .filter((x) => x.action === 'publish-crate' && x.target === target && x.type === 'intent');
  return e[e.length - 1]?.id;
}

export function hasDone(ctx: StepContext, target: string): boolean {
  return ctx.journal.entries().some((x) => x.action === 'publish-crate' && x.target === target && x.type === 'done');
}
