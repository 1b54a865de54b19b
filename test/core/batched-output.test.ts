import { describe, expect, it, vi } from 'vitest';
import { createBatchedOutput } from '../../src/core/batched-output.js';

describe('batched output', () => {
  it('writes once maxChars are pending, else after the delay, in order; flush writes the rest', () => {
    vi.useFakeTimers();
    try {
      const writes: string[] = [];
      const out = createBatchedOutput((pieces) => writes.push(pieces.join('')), { maxChars: 10, delayMs: 50 });
      out.write('abc\n');
      expect(writes).toEqual([]);
      out.write('defghij\n');
      expect(writes).toEqual(['abc\ndefghij\n']);
      out.write('k\n');
      vi.advanceTimersByTime(50);
      expect(writes).toEqual(['abc\ndefghij\n', 'k\n']);
      out.write('l\n');
      out.flush();
      out.flush();
      expect(writes).toEqual(['abc\ndefghij\n', 'k\n', 'l\n']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sets one timer for a flood, not one per batch; flush clears it', () => {
    vi.useFakeTimers();
    try {
      const writes: string[] = [];
      const out = createBatchedOutput((pieces) => writes.push(pieces.join('')), { maxChars: 10, delayMs: 50 });
      const timers = vi.spyOn(globalThis, 'setTimeout');
      for (let i = 0; i < 10; i += 1) {
        out.write('a\n');
        out.write('0123456789\n');
      }
      out.write('rest\n');
      expect(timers).toHaveBeenCalledTimes(1);
      expect(vi.getTimerCount()).toBe(1);
      expect(writes).toHaveLength(10);
      vi.advanceTimersByTime(50);
      expect(writes.at(-1)).toBe('rest\n');
      out.write('more\n');
      out.flush();
      expect(vi.getTimerCount()).toBe(0);
      expect(writes.join('')).toBe(`${'a\n0123456789\n'.repeat(10)}rest\nmore\n`);
    } finally {
      vi.useRealTimers();
    }
  });

  it('hands the pieces of one write over in the same batch, and a small one waits without holding the process when asked', () => {
    vi.useFakeTimers();
    try {
      const batches: string[][] = [];
      const out = createBatchedOutput((pieces) => batches.push([...pieces]), { maxChars: 5, unref: true });
      out.write('ab', 'cd', 'ef\n');
      expect(batches).toEqual([['ab', 'cd', 'ef\n']]);
      const unref = vi.spyOn(globalThis, 'setTimeout');
      out.write('g\n');
      expect(unref.mock.results[0]!.value.hasRef()).toBe(false);
      out.flush();
      expect(batches).toEqual([['ab', 'cd', 'ef\n'], ['g\n']]);
    } finally {
      vi.useRealTimers();
    }
  });
});
