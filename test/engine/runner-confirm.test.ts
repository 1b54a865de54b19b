// The runner's part in what the cockpit shows: a failed step's reason as its last output line,
// and an irreversible step confirmed with its handler's view of what runs now.
import { describe, expect, it } from 'vitest';
import { FAILED_MARK } from '../../src/core/output-marks.js';
import type { ConfirmRequest, StepHandler } from '../../src/engine/step-types.js';
import { runSteps } from '../helpers/make-plan.js';
import { fakeRun, pushStep, useRunnerSetup } from '../helpers/runner-harness.js';

const setup = useRunnerSetup();

describe('runner and the cockpit', () => {
  it("a failed step's reason is its last output line; an irreversible step is confirmed with the handler's own view", async () => {
    const { open, close } = setup([{ id: 'ship', steps: [...runSteps(['a']), pushStep] }]);
    const f = fakeRun({ a: async () => ({ status: 'failed', reason: 'the tests failed: 3 of 12' }) });
    const e = await open({ handler: f.handler });
    expect(await e.runToEnd()).toBe('failed');
    const lines = e.output
      .get('a')
      .slice(0, 10)
      .map((l) => l.text);
    expect(lines.at(-1)).toBe(`${FAILED_MARK}the tests failed: 3 of 12`);
    e.skip('a', 'known flake');
    const asked: ConfirmRequest[] = [];
    e.setConfirmHandler(async (req) => (asked.push(req), false));
    const withView: StepHandler = {
      ...f.handler,
      confirmation: async (ctx) => ({
        title: ctx.step.title,
        commands: [['do', 'rest']],
        heading: 'It will run (1 remaining):',
      }),
    };
    await close(e);
    const e2 = await open({ handler: withView });
    e2.setConfirmHandler(async (req) => (asked.push(req), false));
    expect(await e2.runToEnd()).toBe('paused');
    expect(asked).toEqual([{ title: 'push', commands: [['do', 'rest']], heading: 'It will run (1 remaining):' }]);
    // A view that cannot be built falls back to every command, with why.
    const broken: StepHandler = {
      ...f.handler,
      confirmation: async () => Promise.reject(new Error('index unreachable')),
    };
    await close(e2);
    const e3 = await open({ handler: broken });
    e3.setConfirmHandler(async (req) => (asked.push(req), false));
    await e3.runToEnd();
    expect(asked.at(-1)).toMatchObject({
      commands: [['do', 'push']],
      warnings: [expect.stringContaining('index unreachable')],
    });
  });
});
