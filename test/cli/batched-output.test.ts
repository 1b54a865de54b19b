import { describe, expect, it, vi } from 'vitest';
import { createBatchedOutput } from '../../src/cli/batched-output.js';
import { attachHeadlessReporter, type ReporterTarget } from '../../src/cli/headless-reporter.js';
import { makePlan, runSteps } from '../helpers/make-plan.js';
import { createReleaseStore } from '../../src/store/release-store.js';

describe('batched headless output', () => {
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

  it('the reporter prefixes every line of a chunk with the time, the step named once', () => {
    const plan = makePlan({ phases: [{ id: 'ci', steps: runSteps(['flood']) }] });
    const step = plan.phases[0]!.steps[0]!;
    let chunk: ((stepId: string, stream: 'stdout' | 'stderr', text: string) => void) | undefined;
    const target: ReporterTarget = {
      plan,
      store: createReleaseStore(null, plan),
      onOutputChunk: (fn) => ((chunk = fn), () => undefined),
    };
    let text = '';
    attachHeadlessReporter(target, {
      write: (s) => (text += s),
      color: false,
      now: () => Date.UTC(2026, 0, 1, 10, 0, 0),
    });
    chunk?.(step.id, 'stdout', 'one\ntwo\n');
    chunk?.(step.id, 'stderr', 'three\n');
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((l) => l.includes(`${step.phaseId}/${step.id}`))).toHaveLength(1);
    expect(lines.slice(1).map((l) => l.replace(/^\d\d:\d\d:\d\d {5}/, ''))).toEqual(['one', 'two', 'three']);
  });
});
