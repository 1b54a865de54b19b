import { describe, expect, it } from 'vitest';
import { falseVerdicts, type TortureEntry } from '../e2e/torture-verdicts.js';

const upload = (name: string, at: number) => ({ name, version: '1.0.0', at, visibleAt: at + 1000, deps: [] });
const verdict = (target: string, ms: number, v: string): TortureEntry => ({
  type: 'reconciled',
  action: 'publish-crate',
  target,
  ts: new Date(ms).toISOString(),
  id: target,
  verdict: v,
});

describe("the torture's verdict judge", () => {
  it('names verdicts the registry contradicts and passes the true ones', () => {
    const uploads = [upload('a', 1000), upload('b', 5000)];
    expect(
      falseVerdicts(
        [
          verdict('a@1.0.0', 2000, 'done'),
          verdict('b@1.0.0', 2000, 'not-done'),
          verdict('a@1.0.0', 3000, 'not-done'),
          verdict('b@1.0.0', 3000, 'done'),
          verdict('c@1.0.0', 3000, 'unknown'),
        ],
        uploads,
      ),
    ).toEqual([
      'a@1.0.0: not-done at 1970-01-01T00:00:03.000Z, stored 2000 ms before',
      'b@1.0.0: done at 1970-01-01T00:00:03.000Z, not stored yet',
      'c@1.0.0: unknown verdict',
    ]);
  });
});
