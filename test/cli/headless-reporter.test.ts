import { describe, expect, it } from 'vitest';
import { attachHeadlessReporter, type ReporterTarget } from '../../src/cli/headless-reporter.js';
import { makePlan, runSteps } from '../helpers/make-plan.js';
import { createReleaseStore } from '../../src/store/release-store.js';

describe('headless reporter', () => {
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
