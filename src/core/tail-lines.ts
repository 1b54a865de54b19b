// The last lines of a command's output, for its result (an error message quotes them): the
// chunks they came in, only the newest ones. A push counts at most `max` line ends, from the
// chunk's end, so a flood costs a few searches per chunk, not one per line; lines are cut out
// once, when the command ended.

/** Line ends in `text` counted from its end, stopping at `limit`. */
function lineEndsUpTo(text: string, limit: number): number {
  let n = 0;
  let at = text.lastIndexOf('\n');
  while (at !== -1 && n < limit) {
    n += 1;
    at = at === 0 ? -1 : text.lastIndexOf('\n', at - 1);
  }
  return n;
}

export class TailLines {
  /** Whole lines, each ending with \n, oldest first: the fewest newest chunks holding `max` lines. */
  private chunks: string[] = [];

  constructor(readonly max: number) {}

  /** Whole lines, each ending with \n (a chunk of output, both streams in arrival order). */
  push(text: string): void {
    if (text.length === 0) return;
    this.chunks.push(text);
    let lines = 0;
    for (let i = this.chunks.length - 1; i > 0; i -= 1) {
      lines += lineEndsUpTo(this.chunks[i]!, this.max - lines);
      if (lines >= this.max) {
        this.chunks.splice(0, i);
        return;
      }
    }
  }

  /** Characters held: at most `max` lines' chunks. */
  get heldChars(): number {
    return this.chunks.reduce((sum, c) => sum + c.length, 0);
  }

  /** The last `max` lines, oldest first. */
  lines(): string[] {
    const all = this.chunks.join('').split('\n');
    all.pop(); // after the last \n
    return all.slice(-this.max);
  }
}
