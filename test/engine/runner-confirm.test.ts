// The runner's part in what the cockpit shows: a failed step's reason as its last output line,
// and an irreversible step confirmed with its handler's view of what runs now.
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, type Engine, type OpenEngineOptions } from '../../src/engine/engine.js';
import { FAILED_MARK } from '../../src/core/output-marks.js';
import type { ConfirmRequest, StepContext, StepHandler, StepOutcome } from '../../src/engine/step-types.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';
import { makePlan, runSteps } from '../helpers/make-plan.js';

const repos: TempRepo[] = [];
const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const r of repos.splice(0)) r.cleanup();
});

function fakeRun(behaviour: Record<string, (ctx: StepContext) => Promise<StepOutcome>> = {}) {
  const handler: StepHandler = {
    kind: 'run',
    commands: (s) => [['do', s.id]],
    async run(ctx) {
      return (behaviour[ctx.step.id] ?? (async () => ({ status: 'passed' }) as StepOutcome))(ctx);
    },
  };
  return { handler };
}

function setup(phases: Parameters<typeof makePlan>[0]['phases']) {
  const repo = makeGitRepo();
  repos.push(repo);
  const plan = makePlan({ repo: repo.dir, phases });
  const open = async (extra: Partial<OpenEngineOptions> & { handler?: StepHandler } = {}) => {
    const { handler, ...rest } = extra;
    const e = await openEngine({
      repo: repo.dir,
      plan,
      env: {},
      ...(handler ? { handlers: { run: handler } } : {}),
      ...rest,
    });
    engines.push(e);
    return e;
  };
  return { open };
}

const pushStep = { ...runSteps(['push'])[0]!, irreversible: true };

describe('runner and the cockpit', () => {
  it("a failed step's reason is its last output line; an irreversible step is confirmed with the handler's own view", async () => {
    const { open } = setup([{ id: 'ship', steps: [...runSteps(['a']), pushStep] }]);
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
    await e.close();
    engines.splice(engines.indexOf(e), 1);
    const e2 = await open({ handler: withView });
    e2.setConfirmHandler(async (req) => (asked.push(req), false));
    expect(await e2.runToEnd()).toBe('paused');
    expect(asked).toEqual([{ title: 'push', commands: [['do', 'rest']], heading: 'It will run (1 remaining):' }]);
    // A view that cannot be built falls back to every command, with why.
    const broken: StepHandler = {
      ...f.handler,
      confirmation: async () => Promise.reject(new Error('index unreachable')),
    };
    await e2.close();
    engines.splice(engines.indexOf(e2), 1);
    const e3 = await open({ handler: broken });
    e3.setConfirmHandler(async (req) => (asked.push(req), false));
    await e3.runToEnd();
    expect(asked.at(-1)).toMatchObject({
      commands: [['do', 'push']],
      warnings: [expect.stringContaining('index unreachable')],
    });
  });
});
