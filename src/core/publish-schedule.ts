// Pure: which crates of the publish queue may start now. A crate starts only when every crate it
// depends on is published (this release) or already-published, both of which the queue sets only
// after the index showed the version, and after that crate's grace ended.
import type { PlannedCrate } from './plan-types.js';
import type { CrateState, CrateStatus } from './state-types.js';

export interface ScheduleInput {
  /** In plan (publish) order. */
  crates: PlannedCrate[];
  states: Record<string, CrateState | undefined>;
  concurrency: number;
  /** Crates the queue is working on (publishing, waiting, retrying, in grace). */
  inFlight: ReadonlySet<string>;
  /** Skipped crates whose version the index shows: dependents may rely on them. */
  visible?: ReadonlySet<string>;
  /** The maintainer paused the queue: nothing new starts. */
  paused?: boolean;
  /** Epoch ms; with a crate rate-limited until later, nothing new starts (it would get a 429 too). */
  now: number;
}

export interface BlockedCrate {
  name: string;
  /** Dependencies that failed, or were skipped and are not on the index. */
  by: string[];
}

export interface ScheduleDecision {
  /** May start now, in plan order, at most the free slots. */
  start: string[];
  /** Pending, their dependencies still on their way. */
  waiting: string[];
  /** Pending, held by a dependency that needs the maintainer. */
  blocked: BlockedCrate[];
  /** Every crate is published, already-published or skipped. */
  complete: boolean;
}

const DONE: ReadonlySet<CrateStatus> = new Set(['published', 'already-published']);
const FREES_SLOT: ReadonlySet<CrateStatus> = new Set(['published', 'already-published', 'waiting-index', 'grace']);
const TERMINAL: ReadonlySet<CrateStatus> = new Set(['published', 'already-published', 'skipped']);

function statusOf(input: ScheduleInput, name: string): CrateStatus {
  return input.states[name]?.status ?? 'pending';
}

/** Whether `dep` lets its dependents start. */
export function dependencySatisfied(input: ScheduleInput, dep: string): boolean {
  const s = statusOf(input, dep);
  if (DONE.has(s)) return true;
  return s === 'skipped' && (input.visible?.has(dep) ?? false);
}

// A dependency that will never satisfy its dependents without the maintainer (recursively:
// a crate waiting on a blocked crate is blocked by the same cause).
function blockers(input: ScheduleInput, name: string, byName: Map<string, PlannedCrate>, seen: Set<string>): string[] {
  if (seen.has(name)) return [];
  seen.add(name);
  const out = new Set<string>();
  for (const dep of byName.get(name)?.dependsOn ?? []) {
    if (!byName.has(dep) || dependencySatisfied(input, dep)) continue;
    const s = statusOf(input, dep);
    if (s === 'failed' || s === 'skipped') out.add(dep);
    else if (s === 'pending') for (const b of blockers(input, dep, byName, seen)) out.add(b);
  }
  return [...out];
}

export function schedule(input: ScheduleInput): ScheduleDecision {
  const byName = new Map(input.crates.map((c) => [c.name, c]));
  const now = input.now;
  // A slot is a running upload. A crate waiting for the index or in its grace period only holds
  // back its own dependents, so it frees its slot (its cargo may still be finishing its own index
  // wait: cargo then only polls).
  let busy = 0;
  for (const name of input.inFlight) if (!FREES_SLOT.has(statusOf(input, name))) busy += 1;
  const rateHeld = input.crates.some((c) => {
    const st = input.states[c.name];
    return st?.status === 'rate-limited' && (st.waitUntil ?? 0) > now;
  });
  let free = input.paused || rateHeld ? 0 : Math.max(0, input.concurrency - busy);

  const start: string[] = [];
  const waiting: string[] = [];
  const blocked: BlockedCrate[] = [];
  for (const c of input.crates) {
    if (statusOf(input, c.name) !== 'pending' || input.inFlight.has(c.name)) continue;
    // Dependencies outside the publish list are the plan's business (closure check), not ours.
    const unmet = c.dependsOn.filter((d) => byName.has(d) && !dependencySatisfied(input, d));
    if (unmet.length === 0) {
      if (free > 0) {
        start.push(c.name);
        free -= 1;
      } else waiting.push(c.name);
      continue;
    }
    const by = blockers(input, c.name, byName, new Set());
    if (by.length > 0) blocked.push({ name: c.name, by });
    else waiting.push(c.name);
  }
  const complete = input.crates.every((c) => TERMINAL.has(statusOf(input, c.name)));
  return { start, waiting, blocked, complete };
}
