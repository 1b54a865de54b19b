// Bounded output per step, outside React and outside the persisted state. A preallocated ring:
// push is O(1) with no copying, so a 1M-line flood costs 1M slot writes and nothing else.
import type { OutputLine } from '../core/output-line.js';
import type { OutputBufferView, OutputHub } from './output-types.js';

export const DEFAULT_CAPACITY_PER_STEP = 2000;

export class OutputRing implements OutputBufferView {
  private readonly slots: Array<OutputLine | undefined>;
  /** Index of the oldest held line. */
  private head = 0;
  private held = 0;
  private pushed = 0;
  private ver = 0;
  lastAt: number | undefined;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`output buffer capacity must be a positive integer, got ${capacity}`);
    }
    this.slots = new Array<OutputLine | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.held;
  }

  get total(): number {
    return this.pushed;
  }

  get version(): number {
    return this.ver;
  }

  push(line: OutputLine): void {
    const cap = this.capacity;
    if (this.held < cap) {
      let i = this.head + this.held;
      if (i >= cap) i -= cap;
      this.slots[i] = line;
      this.held += 1;
    } else {
      // Full: overwrite the oldest and move the head.
      this.slots[this.head] = line;
      this.head = this.head + 1 === cap ? 0 : this.head + 1;
    }
    this.pushed += 1;
    this.ver += 1;
  }

  /** Lines [start, start+count) of what is held, oldest first; out-of-range parts are dropped. */
  slice(start: number, count: number): OutputLine[] {
    const from = Math.max(0, Math.trunc(start));
    const to = Math.min(this.held, from + Math.max(0, Math.trunc(count)));
    const out: OutputLine[] = [];
    for (let k = from; k < to; k += 1) {
      let i = this.head + k;
      if (i >= this.capacity) i -= this.capacity;
      out.push(this.slots[i]!);
    }
    return out;
  }

  /** Empties the buffer; the version keeps increasing so pollers notice the change. */
  clear(): void {
    this.slots.fill(undefined);
    this.head = 0;
    this.held = 0;
    this.pushed = 0;
    this.lastAt = undefined;
    this.ver += 1;
  }
}

/** `now`, when given, stamps each step's last line (the cockpit's "quiet 2m 10s"). */
export function createOutputHub(capacityPerStep: number = DEFAULT_CAPACITY_PER_STEP, now?: () => number): OutputHub {
  const rings = new Map<string, OutputRing>();
  let version = 0;
  // Pushes come in long runs for one step: skip the Map lookup for the common case.
  let lastId: string | undefined;
  let lastRing: OutputRing | undefined;
  const ring = (stepId: string): OutputRing => {
    if (stepId === lastId && lastRing !== undefined) return lastRing;
    let r = rings.get(stepId);
    if (r === undefined) {
      r = new OutputRing(capacityPerStep);
      rings.set(stepId, r);
    }
    lastId = stepId;
    lastRing = r;
    return r;
  };
  return {
    get: ring,
    push(stepId, line) {
      const r = ring(stepId);
      r.push(line);
      if (now) r.lastAt = now();
      version += 1;
    },
    clear(stepId) {
      const r = rings.get(stepId);
      if (r === undefined) return;
      r.clear();
      version += 1;
    },
    get version() {
      return version;
    },
  };
}
