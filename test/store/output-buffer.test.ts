import { describe, expect, it } from 'vitest';
import type { OutputLine } from '../../src/core/output-line.js';
import { createOutputHub, DEFAULT_CAPACITY_PER_STEP, OutputRing } from '../../src/store/output-buffer.js';

const out = (text: string): OutputLine => ({ stream: 'stdout', text });
const texts = (lines: OutputLine[]): string[] => lines.map((l) => l.text);

describe('OutputRing', () => {
  it('holds lines oldest first until full', () => {
    const ring = new OutputRing(4);
    ring.push(out('a'));
    ring.push(out('b'));
    expect(ring.size).toBe(2);
    expect(ring.total).toBe(2);
    expect(texts(ring.slice(0, 10))).toEqual(['a', 'b']);
  });

  it('wraps around: keeps the newest `capacity` lines, counts the dropped ones in total', () => {
    const ring = new OutputRing(3);
    for (let i = 1; i <= 8; i += 1) ring.push(out(String(i)));
    expect(ring.size).toBe(3);
    expect(ring.total).toBe(8);
    expect(texts(ring.slice(0, 3))).toEqual(['6', '7', '8']);
  });

  it('slice(start, count) is relative to what is held and clamps out-of-range parts', () => {
    const ring = new OutputRing(5);
    for (let i = 1; i <= 7; i += 1) ring.push(out(String(i))); // holds 3..7, head mid-array
    expect(texts(ring.slice(1, 2))).toEqual(['4', '5']);
    expect(texts(ring.slice(3, 10))).toEqual(['6', '7']);
    expect(texts(ring.slice(-2, 3))).toEqual(['3', '4', '5']);
    expect(ring.slice(5, 1)).toEqual([]);
    expect(ring.slice(0, 0)).toEqual([]);
    expect(ring.slice(0, -1)).toEqual([]);
  });

  it('bumps its version on every push and on clear', () => {
    const ring = new OutputRing(2);
    const v0 = ring.version;
    ring.push(out('a'));
    ring.push(out('b'));
    ring.push(out('c'));
    expect(ring.version).toBe(v0 + 3);
    ring.clear();
    expect(ring.version).toBe(v0 + 4);
    expect(ring.size).toBe(0);
    expect(ring.total).toBe(0);
    expect(ring.slice(0, 5)).toEqual([]);
    ring.push(out('d'));
    expect(texts(ring.slice(0, 5))).toEqual(['d']);
  });

  it('returns the same line objects (no copies) and a new array per slice', () => {
    const ring = new OutputRing(2);
    const line = out('x');
    ring.push(line);
    const a = ring.slice(0, 1);
    expect(a[0]).toBe(line);
    expect(ring.slice(0, 1)).not.toBe(a);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new OutputRing(0)).toThrow(RangeError);
    expect(() => new OutputRing(1.5)).toThrow(RangeError);
  });
});

describe('createOutputHub', () => {
  it('creates an empty buffer per step on first access, with the default capacity', () => {
    const hub = createOutputHub();
    const view = hub.get('cargo-test');
    expect(view.size).toBe(0);
    expect(view.total).toBe(0);
    expect(hub.get('cargo-test')).toBe(view);
    for (let i = 0; i < DEFAULT_CAPACITY_PER_STEP + 5; i += 1) hub.push('cargo-test', out(String(i)));
    expect(view.size).toBe(DEFAULT_CAPACITY_PER_STEP);
    expect(view.total).toBe(DEFAULT_CAPACITY_PER_STEP + 5);
    expect(texts(view.slice(0, 1))).toEqual(['5']);
  });

  it('keeps steps apart, including when pushes alternate between steps', () => {
    const hub = createOutputHub(10);
    hub.push('a', out('a1'));
    hub.push('b', out('b1'));
    hub.push('a', out('a2'));
    hub.push('b', { stream: 'stderr', text: 'b2' });
    expect(texts(hub.get('a').slice(0, 10))).toEqual(['a1', 'a2']);
    expect(hub.get('b').slice(0, 10)).toEqual([out('b1'), { stream: 'stderr', text: 'b2' }]);
  });

  it('bumps the hub version on any push and on clear of a known step only', () => {
    const hub = createOutputHub(10);
    const v0 = hub.version;
    hub.push('a', out('1'));
    hub.push('b', out('2'));
    expect(hub.version).toBe(v0 + 2);
    hub.clear('a');
    expect(hub.version).toBe(v0 + 3);
    expect(hub.get('a').size).toBe(0);
    expect(hub.get('b').size).toBe(1);
    hub.clear('never-seen');
    expect(hub.version).toBe(v0 + 3);
  });

  it('keeps a view obtained before clear valid afterwards', () => {
    const hub = createOutputHub(3);
    const view = hub.get('s');
    hub.push('s', out('old'));
    hub.clear('s');
    hub.push('s', out('new'));
    expect(texts(view.slice(0, 3))).toEqual(['new']);
  });
});

describe('output hub: time of the last line', () => {
  it('stamps each step with its own last line from the injected clock; clear forgets it; no clock, no stamp', () => {
    let t = 1000;
    const hub = createOutputHub(10, () => t);
    expect(hub.get('a').lastAt).toBeUndefined();
    hub.push('a', out('one'));
    t = 5000;
    hub.push('b', out('two'));
    expect([hub.get('a').lastAt, hub.get('b').lastAt]).toEqual([1000, 5000]);
    hub.clear('a');
    expect(hub.get('a').lastAt).toBeUndefined();
    const plain = createOutputHub(10);
    plain.push('a', out('x'));
    expect(plain.get('a').lastAt).toBeUndefined();
  });
});
