// Bounded output per step, outside React and outside the persisted state: the last lines as the
// chunks they came in (core/line-ring.ts), so a flood costs one entry per chunk, not per line.
import type { OutputLine } from '../core/output-line.js';
import { LineRing } from '../core/line-ring.js';
import type { OutputBufferView, OutputHub } from './output-types.js';

export const DEFAULT_CAPACITY_PER_STEP = 2000;

export class OutputRing implements OutputBufferView {
  private readonly ring: LineRing;
  private ver = 0;
  lastAt: number | undefined;

  constructor(readonly capacity: number) {
    this.ring = new LineRing(capacity);
  }

  get size(): number {
    return this.ring.size;
  }

  get total(): number {
    return this.ring.total;
  }

  get version(): number {
    return this.ver;
  }

  push(line: OutputLine): void {
    this.ring.pushLine(line);
    this.ver += 1;
  }

  /** Whole lines, each ending with \n (a chunk of command output): held as one piece. */
  pushText(stream: OutputLine['stream'], text: string): void {
    if (this.ring.pushText(stream, text) > 0) this.ver += 1;
  }

  /** Lines [start, start+count) of what is held, oldest first; out-of-range parts are dropped. */
  slice(start: number, count: number): OutputLine[] {
    return this.ring.slice(start, count);
  }

  /** Empties the buffer; the version keeps increasing so pollers notice the change. */
  clear(): void {
    this.ring.clear();
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
    pushText(stepId, stream, text) {
      const r = ring(stepId);
      r.pushText(stream, text);
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
