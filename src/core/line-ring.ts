// The last `capacity` lines of a command's output, held as the chunks they arrived in. A chunk
// of whole lines is stored as it is (one entry, its lines counted by the native split the step
// log and the headless output reuse): a 1M-line flood holds no object per line. Lines are cut out
// of a chunk only when someone reads them (a frame of the output pane, an error message's tail),
// and then once per chunk.
import type { OutputLine } from './output-line.js';
import { lineTexts } from './line-prefix.js';

interface Entry {
  stream: OutputLine['stream'];
  /** Whole lines, each ending with \n (a single pushed line has none: its `lines` are set). */
  text: string;
  count: number;
  lines?: OutputLine[];
}

export class LineRing {
  /** Oldest first from `first`; what is before `first` was dropped. */
  private entries: Array<Entry | undefined> = [];
  private first = 0;
  /** Lines in the entries from `first` on: at least `size`, at most `capacity` plus one entry. */
  private held = 0;
  private pushed = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`output buffer capacity must be a positive integer, got ${capacity}`);
    }
  }

  /** Lines currently held (<= capacity). */
  get size(): number {
    return Math.min(this.held, this.capacity);
  }

  /** Lines ever pushed. */
  get total(): number {
    return this.pushed;
  }

  /** One line; slice() gives this very object back. */
  pushLine(line: OutputLine): void {
    this.add({ stream: line.stream, text: line.text, count: 1, lines: [line] });
  }

  /** Whole lines, each ending with \n; returns how many. */
  pushText(stream: OutputLine['stream'], text: string): number {
    // The split the step log and the headless output then prefix (line-prefix.ts): counted once.
    const count = text.length === 0 ? 0 : lineTexts(text).length;
    if (count > 0) this.add({ stream, text, count });
    return count;
  }

  /** Lines [start, start+count) of what is held, oldest first; out-of-range parts are dropped. */
  slice(start: number, count: number): OutputLine[] {
    const from = Math.max(0, Math.trunc(start));
    const to = Math.min(this.size, from + Math.max(0, Math.trunc(count)));
    const out: OutputLine[] = [];
    if (to <= from) return out;
    // Positions counted from the first line of the first entry, some of which may be dropped already.
    const skip = this.held - this.size;
    let at = 0;
    for (let i = this.first; i < this.entries.length && at < to + skip; i += 1) {
      const e = this.entries[i]!;
      const lo = Math.max(from + skip - at, 0);
      const hi = Math.min(to + skip - at, e.count);
      if (lo < hi) {
        const lines = linesOf(e);
        for (let k = lo; k < hi; k += 1) out.push(lines[k]!);
      }
      at += e.count;
    }
    return out;
  }

  clear(): void {
    this.entries = [];
    this.first = 0;
    this.held = 0;
    this.pushed = 0;
  }

  private add(e: Entry): void {
    this.entries.push(e);
    this.held += e.count;
    this.pushed += e.count;
    // Drop whole entries while the rest still holds `capacity` lines.
    for (let old = this.entries[this.first]; old !== undefined && this.held - old.count >= this.capacity;) {
      this.held -= old.count;
      this.entries[this.first] = undefined;
      this.first += 1;
      old = this.entries[this.first];
    }
    if (this.first > 64 && this.first * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.first);
      this.first = 0;
    }
  }
}

/** The lines of an entry, cut out once and kept with it. */
function linesOf(e: Entry): OutputLine[] {
  if (e.lines !== undefined) return e.lines;
  const stream = e.stream;
  const texts = e.text.split('\n');
  texts.pop(); // after the last \n
  e.lines = texts.map((text) => ({ stream, text }));
  return e.lines;
}
