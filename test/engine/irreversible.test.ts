import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Config } from '../../src/core/config/config.js';
import { STEP_KINDS, type StepKind } from '../../src/core/config/step.js';
import { buildPlan } from '../../src/core/plan.js';
import { memoryView } from '../../src/core/file-view.js';
import { ALWAYS_IRREVERSIBLE_KINDS } from '../../src/core/irreversible.js';
import type { PlannedStep } from '../../src/core/plan-types.js';
import { openEngine, type Engine } from '../../src/engine/engine.js';
import { NEEDS_CONFIRMATION } from '../../src/engine/runner-irreversible.js';
import { getStepHandler } from '../../src/engine/step-registry.js';
import type { StepHandler } from '../../src/engine/step-types.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';
import { makePlan } from '../helpers/make-plan.js';
import { sampleStep, STEP_SAMPLES } from '../helpers/step-samples.js';

// One rule decides whether a step is irreversible (kind + config), and plan, runner and dry run
// all follow it: every kind × `"irreversible"` flag.

const FLAGS = [undefined, false, true] as const;
const CASES = STEP_KINDS.flatMap((kind) => FLAGS.map((flag) => ({ kind, flag })));
const expected = (kind: StepKind, flag: boolean | undefined) => ALWAYS_IRREVERSIBLE_KINDS.has(kind) || flag === true;

// One repository; each engine gets a release version of its own (its own state dir).
let repo: TempRepo;
let release = 0;
beforeAll(() => void (repo = makeGitRepo()));
afterAll(() => repo.cleanup());
const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
});

describe('irreversibility: one rule', () => {
  it('has a sample for every step kind', () => {
    expect(Object.keys(STEP_SAMPLES).sort()).toEqual([...STEP_KINDS].sort());
  });

  it('the plan marks every kind × flag (and a pushing bump) from the rule', () => {
    const steps = [
      ...CASES.map(({ kind, flag }, i) => sampleStep(kind, flag, `s${i}`)),
      { id: 'bump-push', kind: 'bump-version', push: true },
    ];
    const config = Config.parse({
      project: 'Demo',
      version: '1.0.0',
      crates: { workspace: '.', publish: [] },
      phases: [{ id: 'p', title: 'P', steps }],
    });
    const files = memoryView({ 'Cargo.toml': '[package]\nname = "demo"\nversion = "1.0.0"\n' });
    const plan = buildPlan(config, '/repo/.releaserc.json', '/repo', files);
    const planned = plan.phases[0]!.steps;
    CASES.forEach(({ kind, flag }, i) =>
      expect({ kind, flag, irreversible: planned[i]!.irreversible }).toEqual({
        kind,
        flag,
        irreversible: expected(kind, flag),
      }),
    );
    expect(planned.at(-1)!.irreversible).toBe(true);
  });

  /** The real handler of `kind` (its journal and reconcile contract) with a recording run. */
  function recorded(kind: StepKind) {
    const real = getStepHandler(kind)!;
    const ran: string[] = [];
    const handler: StepHandler = { ...real, run: async (ctx) => (ran.push(ctx.step.id), { status: 'passed' }) };
    delete handler.rehearse;
    return { handler, ran };
  }

  async function open(kind: StepKind, flag: boolean | undefined, opts: { yes?: boolean; dryRun?: boolean } = {}) {
    const plan = makePlan({
      repo: repo.dir,
      version: `1.0.${release++}`,
      phases: [{ id: 'p', steps: [sampleStep(kind, flag) as never] }],
    });
    const r = recorded(kind);
    const engine = await openEngine({ repo: repo.dir, plan, env: {}, handlers: { [kind]: r.handler }, ...opts });
    engines.push(engine);
    return { engine, ran: r.ran, step: plan.phases[0]!.steps[0]! as PlannedStep };
  }

  it.each(CASES)(
    'headless without --yes: $kind with irreversible=$flag asks first only when irreversible',
    async ({ kind, flag }) => {
      const { engine, ran } = await open(kind, flag);
      const result = await engine.runToEnd();
      if (expected(kind, flag)) {
        expect(result).toBe('failed');
        expect(engine.store.getState().steps.s).toMatchObject({ status: 'failed', reason: NEEDS_CONFIRMATION });
        expect(ran).toEqual([]);
      } else {
        expect(result).toBe('done');
        expect(ran).toEqual(['s']);
      }
    },
  );

  it.each(CASES)('--yes: $kind with irreversible=$flag is journalled when irreversible', async ({ kind, flag }) => {
    const { engine, ran, step } = await open(kind, flag, { yes: true });
    expect(await engine.runToEnd()).toBe('done');
    expect(ran).toEqual(['s']);
    const mine = engine.journal.entries().filter((e) => e.action === 'step');
    // Kinds with their own journal write it inside run() (their own tests); the runner journals the rest.
    const runnerJournals = expected(kind, flag) && getStepHandler(kind)!.ownJournal?.(step) !== true;
    expect(mine.map((e) => e.type)).toEqual(runnerJournals ? ['intent', 'done'] : []);
  });

  it.each(CASES)('dry run: $kind with irreversible=$flag is only printed when irreversible', async ({ kind, flag }) => {
    const { engine, ran } = await open(kind, flag, { dryRun: true, yes: true });
    const out: string[] = [];
    engine.onOutput((_id, l) => out.push(l.text));
    expect(await engine.runToEnd()).toBe('done');
    expect(ran).toEqual(expected(kind, flag) ? [] : ['s']);
    if (expected(kind, flag)) expect(out.some((l) => l.startsWith('would run: '))).toBe(true);
  });
});
