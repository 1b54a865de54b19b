import { describe, expect, it } from 'vitest';
import { TailLines } from '../../src/core/tail-lines.js';

/** Chunks of whole lines of varied sizes: 1 line, a few, hundreds, blank lines, one long line. */
function chunks(): string[][] {
  const out: string[][] = [];
  let n = 0;
  for (let c = 0; c < 400; c += 1) {
    const count = [1, 3, 0, 250, 2, 49, 50, 51][c % 8]!;
    const lines = Array.from({ length: count }, () => (n % 13 === 0 ? '' : `line ${n++} ${'x'.repeat(n % 40)}`));
    if (c % 97 === 0) lines.push('y'.repeat(70_000));
    out.push(lines);
  }
  return out;
}

describe('TailLines', () => {
  it('gives the last max lines of everything pushed, whatever the chunking', () => {
    for (const max of [1, 2, 50, 300]) {
      const tail = new TailLines(max);
      const all: string[] = [];
      for (const lines of chunks()) {
        tail.push(lines.map((l) => `${l}\n`).join(''));
        all.push(...lines);
        expect(tail.lines()).toEqual(all.slice(-max));
      }
    }
  });

  it('is empty before any line, and holds fewer lines when fewer came', () => {
    const tail = new TailLines(50);
    expect(tail.lines()).toEqual([]);
    tail.push('');
    tail.push('a\n\nb\n');
    expect(tail.lines()).toEqual(['a', '', 'b']);
  });

  it('holds only the newest chunks: memory stays bounded whatever the output size', () => {
    const tail = new TailLines(50);
    const chunk = Array.from({ length: 800 }, (_, i) => `   Compiling crate-${i} v1.0.0\n`).join('');
    for (let i = 0; i < 5000; i += 1) tail.push(chunk);
    // 800 lines per chunk: the newest chunk alone holds the 50 lines.
    expect(tail.heldChars).toBe(chunk.length);
    const small = new TailLines(50);
    for (let i = 0; i < 100_000; i += 1) small.push(`line ${i}\n`);
    expect(small.heldChars).toBeLessThanOrEqual(50 * 'line 99999\n'.length);
    expect(small.lines()).toEqual(Array.from({ length: 50 }, (_, i) => `line ${99_950 + i}`));
  });
});
