import { describe, expect, it } from 'vitest';
import {
  findMatch,
  INITIAL_OUTPUT,
  matchSegments,
  scrollBy,
  scrollToBottom,
  scrollToTop,
  showMatch,
  toggleFollow,
  windowOf,
} from '../../src/ui/panes/output/use-output-state.js';
import { createOutputHub } from '../../src/store/output-buffer.js';
import type { OutputLine } from '../../src/core/output-line.js';

const lines = (...t: string[]): OutputLine[] => t.map((text) => ({ stream: 'stdout', text }));

describe('output window', () => {
  it('follows the newest lines', () => {
    expect(windowOf({ size: 10, total: 10 }, 4, INITIAL_OUTPUT)).toEqual({ start: 6, count: 4, firstAbs: 6 });
    expect(windowOf({ size: 2, total: 2 }, 4, INITIAL_OUTPUT)).toEqual({ start: 0, count: 2, firstAbs: 0 });
  });

  it('keeps an absolute position while lines arrive and drop out of the ring', () => {
    const st = { follow: false, top: 50 };
    // 100 pushed, 40 held: lines 60..99 are held, line 50 is gone: show the oldest held.
    expect(windowOf({ size: 40, total: 100 }, 5, st)).toEqual({ start: 0, count: 5, firstAbs: 60 });
    expect(windowOf({ size: 40, total: 100 }, 5, { follow: false, top: 70 })).toEqual({
      start: 10,
      count: 5,
      firstAbs: 70,
    });
    expect(windowOf({ size: 40, total: 110 }, 5, { follow: false, top: 70 })).toEqual({
      start: 0,
      count: 5,
      firstAbs: 70,
    });
  });

  it('scrolls, leaves follow mode, and clamps', () => {
    const dims = { size: 20, total: 20 };
    const up = scrollBy(INITIAL_OUTPUT, dims, 5, -3);
    expect(up).toEqual({ follow: false, top: 12 });
    expect(scrollBy(up, dims, 5, -100).top).toBe(0);
    expect(scrollBy(up, dims, 5, 100).top).toBe(15);
    expect(scrollToTop(INITIAL_OUTPUT, { size: 20, total: 50 })).toEqual({ follow: false, top: 30 });
    expect(scrollToBottom(up, dims, 5).top).toBe(15);
  });

  it('freezes the view where it is when follow is turned off', () => {
    const off = toggleFollow(INITIAL_OUTPUT, { size: 20, total: 20 }, 5);
    expect(off).toEqual({ follow: false, top: 15 });
    expect(toggleFollow(off, { size: 20, total: 20 }, 5).follow).toBe(true);
  });
});

describe('output search', () => {
  const held = lines('Compiling a', 'error: boom', 'Compiling b', 'warning: x', 'ERROR again');

  it('finds the next and previous match, wrapping around', () => {
    expect(findMatch(held, 100, 'error', 99, 1)).toBe(101);
    expect(findMatch(held, 100, 'error', 101, 1)).toBe(104);
    expect(findMatch(held, 100, 'error', 104, 1)).toBe(101);
    expect(findMatch(held, 100, 'error', 101, -1)).toBe(104);
    expect(findMatch(held, 100, 'nothing', 99, 1)).toBeUndefined();
  });

  it('is case-insensitive unless the term has a capital', () => {
    expect(findMatch(held, 0, 'ERROR', -1, 1)).toBe(4);
    expect(matchSegments('an Error and error', 'error')).toEqual([
      { text: 'an ', match: false },
      { text: 'Error', match: true },
      { text: ' and ', match: false },
      { text: 'error', match: true },
    ]);
    expect(matchSegments('abc', undefined)).toEqual([{ text: 'abc', match: false }]);
  });

  it('shows a match a third of the way down, leaving follow', () => {
    expect(showMatch(INITIAL_OUTPUT, { size: 100, total: 100 }, 9, 'x', 50)).toEqual({
      follow: false,
      top: 47,
      term: 'x',
      matchLine: 50,
    });
  });

  it('searches a million-line flood in the bounded ring only', () => {
    const hub = createOutputHub(2000);
    for (let i = 0; i < 1_000_000; i++)
      hub.push('s', { stream: 'stdout', text: i === 999_500 ? 'error: late' : `line ${i}` });
    const buf = hub.get('s');
    expect(buf.size).toBe(2000);
    expect(findMatch(buf.slice(0, buf.size), buf.total - buf.size, 'error', buf.total - buf.size - 1, 1)).toBe(999_500);
  });
});
