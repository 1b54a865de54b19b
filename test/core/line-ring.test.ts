import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineRing } from '../../src/core/line-ring.js';
import type { OutputLine } from '../../src/core/output-line.js';

const texts = (lines: OutputLine[]): string[] => lines.map((l) => `${l.stream}:${l.text}`);

describe('LineRing', () => {
  it('holds the last `capacity` lines of chunks, oldest first, and counts every line', () => {
    const ring = new LineRing(3);
    expect(ring.pushText('stdout', 'a\nb\n')).toBe(2);
    ring.pushText('stderr', 'c\nd\n');
    ring.pushLine({ stream: 'info', text: 'e' });
    expect(ring.size).toBe(3);
    expect(ring.total).toBe(5);
    expect(texts(ring.slice(0, 10))).toEqual(['stderr:c', 'stderr:d', 'info:e']);
    expect(texts(ring.slice(1, 1))).toEqual(['stderr:d']);
  });

  it('keeps blank lines and ignores text without a line end', () => {
    const ring = new LineRing(10);
    expect(ring.pushText('stdout', '')).toBe(0);
    ring.pushText('stdout', '\n\nx\n');
    expect(texts(ring.slice(0, 10))).toEqual(['stdout:', 'stdout:', 'stdout:x']);
  });

  it('gives back the very object of a line pushed alone', () => {
    const ring = new LineRing(2);
    const line: OutputLine = { stream: 'info', text: 'note' };
    ring.pushLine(line);
    expect(ring.slice(0, 1)[0]).toBe(line);
  });

  it('empties on clear', () => {
    const ring = new LineRing(2);
    ring.pushText('stdout', 'a\nb\nc\n');
    ring.clear();
    expect([ring.size, ring.total, ring.slice(0, 5)]).toEqual([0, 0, []]);
  });

  it('holds at most capacity lines plus one chunk, whatever was pushed', () => {
    const ring = new LineRing(5);
    for (let i = 0; i < 10_000; i += 1) ring.pushText('stdout', `${i}\n${i}\n${i}\n`);
    const held = (ring as unknown as { held: number }).held;
    expect(held).toBeLessThanOrEqual(5 + 3);
    expect(texts(ring.slice(0, 5))).toEqual([
      'stdout:9998',
      'stdout:9998',
      'stdout:9999',
      'stdout:9999',
      'stdout:9999',
    ]);
  });

  it('reads like a ring of single lines whatever the chunking (property)', () => {
    const line = fc.record({
      stream: fc.constantFrom('stdout', 'stderr', 'info'),
      text: fc.constantFrom('', 'a', 'bc'),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(line, { maxLength: 6 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 9 }),
        fc.nat(12),
        fc.nat(12),
        (chunks, capacity, start, count) => {
          const ring = new LineRing(capacity);
          const all: OutputLine[] = [];
          for (const chunk of chunks) {
            // A chunk is one stream's lines; a mixed one is pushed a line at a time.
            const stream = chunk[0]?.stream;
            const same = chunk.every((l) => l.stream === stream);
            if (same && stream !== undefined) ring.pushText(stream, chunk.map((l) => `${l.text}\n`).join(''));
            else for (const l of chunk) ring.pushLine(l);
            all.push(...chunk);
          }
          const kept = all.slice(Math.max(0, all.length - capacity));
          expect(ring.total).toBe(all.length);
          expect(ring.size).toBe(kept.length);
          expect(texts(ring.slice(start, count))).toEqual(texts(kept.slice(start, start + count)));
        },
      ),
    );
  });
});
