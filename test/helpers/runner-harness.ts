// The runner's tests: a fake `run` kind whose behaviour is given per step id, and engines opened
// over a throwaway repository, closed (and the repository removed) after each test.
import { afterEach } from 'vitest';
import { openEngine, type Engine, type OpenEngineOptions } from '../../src/engine/engine.js';
import type { StepContext, StepHandler, StepOutcome } from '../../src/engine/step-types.js';
import { makeGitRepo, type TempRepo } from './git-repo.js';
import { makePlan, runSteps } from './make-plan.js';

/** A fake `run` kind: records calls; behaviour per step id. */
export function fakeRun(behaviour: Record<string, (ctx: StepContext) => Promise<StepOutcome>> = {}) {
  const calls: string[] = [];
  const handler: StepHandler = {
    kind: 'run',
    commands: (s) => [['do', s.id]],
    async run(ctx) {
      calls.push(ctx.step.id);
      ctx.log(`running ${ctx.step.id}`);
      return (behaviour[ctx.step.id] ?? (async () => ({ status: 'passed' }) as StepOutcome))(ctx);
    },
  };
  return { handler, calls };
}

export const pushStep = { ...runSteps(['push'])[0]!, irreversible: true }; // the config marks it irreversible
export const three = [
  { id: 'checks', steps: runSteps(['a', 'b']) },
  { id: 'ship', steps: runSteps(['c']) },
];

type Phases = Parameters<typeof makePlan>[0]['phases'];

/** Registers the clean-up of the calling file; returns its set-up over a fresh repository. */
export function useRunnerSetup() {
  const repos: TempRepo[] = [];
  const engines: Engine[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.close();
    for (const r of repos.splice(0)) r.cleanup();
  });
  return (phases: Phases, crates?: { name: string }[]) => {
    const repo = makeGitRepo();
    repos.push(repo);
    const plan = makePlan({ repo: repo.dir, phases, crates });
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
    const close = async (e: Engine) => {
      engines.splice(engines.indexOf(e), 1);
      await e.close();
    };
    return { repo, plan, open, close };
  };
}
