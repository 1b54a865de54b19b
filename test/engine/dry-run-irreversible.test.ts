// A dry run has one path for an irreversible step: the runner prints what it would run (or the
// handler's read-only rehearsal does) and the handler's run() is never reached. With the real
// handlers of every kind marked irreversible, nothing runs a command: no exec, no gh, cargo,
// poetry or yarn call, no tag, commit or push in the repository or its remote.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STEP_KINDS, type StepKind } from '../../src/core/config/step.js';
import { openEngine, type Engine } from '../../src/engine/engine.js';
import { getStepHandler } from '../../src/engine/step-registry.js';
import type { StepHandler } from '../../src/engine/step-types.js';
import type { exec as realExec } from '../../src/adapters/exec.js';
import { readStandInLog, standInEnv } from '../../src/sandbox/stand-ins/stand-ins.js';
import { createGitFixture } from '../helpers/git-fixture.js';
import { makePlan } from '../helpers/make-plan.js';
import { sampleStep } from '../helpers/step-samples.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-dry-irrev-');
const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
});

/** The real handler of `kind`, recording whether its run() was reached. */
function watched(kind: StepKind) {
  const real = getStepHandler(kind)!;
  const ran: string[] = [];
  const handler: StepHandler = { ...real, run: (ctx) => (ran.push(ctx.step.id), real.run(ctx)) };
  return { handler, ran };
}

describe('dry run of an irreversible step', () => {
  it.each(STEP_KINDS.map((kind) => ({ kind })))('$kind marked irreversible runs no command', async ({ kind }) => {
    const fx = createGitFixture(tempDir);
    const log = join(tempDir(), 'calls.jsonl');
    const env = standInEnv({ log, base: fx.env, withCargo: true });
    const plan = makePlan({
      repo: fx.dir,
      version: '1.0.0',
      phases: [{ id: 'p', steps: [sampleStep(kind, true) as never] }],
    });
    expect(plan.phases[0]!.steps[0]!.irreversible).toBe(true);
    const { handler, ran } = watched(kind);
    const execs: string[][] = [];
    // A dry run never reaches the step context's exec: any call is recorded and refused.
    const exec = (async (argv: string[]) => {
      execs.push(argv);
      throw new Error(`a dry run ran ${argv.join(' ')}`);
    }) as unknown as typeof realExec;
    const repoBefore = fx.git(['for-each-ref']);
    const remoteBefore = fx.git(['ls-remote', 'origin']);
    const engine = await openEngine({ repo: fx.dir, plan, env, dryRun: true, handlers: { [kind]: handler }, exec });
    engines.push(engine);
    const out: string[] = [];
    engine.onOutput((_id, l) => out.push(l.text));

    expect(await engine.runToEnd()).toBe('done');
    expect(engine.store.getState().steps.s).toMatchObject({ status: 'skipped', reason: 'dry run: not run' });
    expect(out.some((l) => l.startsWith('would run: ')) || handler.rehearse !== undefined).toBe(true);
    expect(ran).toEqual([]);
    expect(execs).toEqual([]);
    expect(readStandInLog(log)).toEqual([]);
    expect(fx.git(['status', '--porcelain'])).toBe('');
    expect(fx.git(['for-each-ref'])).toBe(repoBefore);
    expect(fx.git(['ls-remote', 'origin'])).toBe(remoteBefore);
  });
});
