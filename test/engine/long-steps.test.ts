// Long steps: a run step's `verify` command checks its result; `idempotent: true` lets a resumed
// release rerun an interrupted step without asking.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../src/engine/engine.js';
import { runStep } from '../../src/engine/steps/run.js';
import type { StepHandler } from '../../src/engine/step-types.js';
import { stateFile } from '../../src/adapters/file-storage.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';
import { makePlan } from '../helpers/make-plan.js';
import { makeStepContext } from '../helpers/step-context.js';

const repos: TempRepo[] = [];
const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const r of repos.splice(0)) r.cleanup();
});

const node = (js: string) => ['node', '-e', js];

describe('run step: verify', () => {
  const plan = (verify: string[]) =>
    makePlan({
      phases: [{ id: 'p', steps: [{ id: 'build', kind: 'run', run: node('console.log("built")'), verify }] }],
    });

  it('runs the verify command after the step; its failure fails the step with its reason', async () => {
    const repo = makeGitRepo();
    repos.push(repo);
    const ok = makeStepContext(plan(node('console.log("manifest ok")')), 'build', {
      repo: repo.dir,
      stateDir: join(repo.dir, '.state'),
    });
    expect(await runStep.run(ok.ctx)).toEqual({ status: 'passed' });
    expect(ok.logs()).toEqual(['verifying: node -e console.log("manifest ok")']);
    expect(runStep.commands?.(ok.ctx.step, ok.ctx.plan)).toEqual([
      node('console.log("built")'),
      node('console.log("manifest ok")'),
    ]);

    const bad = makeStepContext(plan(node('process.exit(3)')), 'build', {
      repo: repo.dir,
      stateDir: join(repo.dir, '.state'),
    });
    const out = await runStep.run(bad.ctx);
    expect(out.status === 'failed' && out.reason).toMatch(
      /^the command succeeded but its verify command `node -e process\.exit\(3\)` did not: .*3/,
    );
  });
});

describe('runner: idempotent steps', () => {
  it('an interrupted idempotent step runs again on resume without --yes; another one still waits', async () => {
    const repo = makeGitRepo();
    repos.push(repo);
    const steps = [
      { id: 'docker', kind: 'run' as const, run: node('0'), idempotent: true },
      { id: 'other', kind: 'run' as const, run: node('0') },
    ];
    const plan = makePlan({ repo: repo.dir, phases: [{ id: 'p', steps }] });
    const calls: string[] = [];
    const handler: StepHandler = {
      kind: 'run',
      async run(ctx) {
        calls.push(ctx.step.id);
        return { status: 'passed' };
      },
    };
    const open = async () => {
      const e = await openEngine({ repo: repo.dir, plan, env: {}, handlers: { run: handler } });
      engines.push(e);
      return e;
    };
    const e = await open();
    expect(await e.runToEnd()).toBe('done');
    await e.close();
    engines.length = 0;
    // kill -9 while docker ran (the laptop closed), then again while other ran.
    const file = stateFile(join(repo.dir, '.git', 'release-cockpit', '1.0.0'));
    const crash = (id: string, after: string[]) => {
      const saved = JSON.parse(readFileSync(file, 'utf8'));
      saved.state.steps[id] = { status: 'running', attempts: 1, startedAt: new Date().toISOString() };
      for (const a of after) saved.state.steps[a] = { status: 'pending', attempts: 0 };
      writeFileSync(file, JSON.stringify(saved));
    };
    crash('docker', ['other']);
    calls.length = 0;
    const e2 = await open();
    expect(await e2.runToEnd()).toBe('done');
    expect(calls).toEqual(['docker', 'other']);
    expect(e2.store.getState().notices.join('\n')).toContain(
      'p/docker was interrupted; it is idempotent, so it runs again.',
    );
    await e2.close();
    engines.length = 0;
    crash('other', []);
    calls.length = 0;
    const e3 = await open();
    expect(await e3.runToEnd()).toBe('failed');
    expect(calls).toEqual([]);
  });

  it('reconciles an open intent of an idempotent step as not done (rerunning is safe); others stay unknown', async () => {
    const p = makePlan({
      phases: [
        {
          id: 'p',
          steps: [
            { id: 'a', kind: 'run', run: node('0'), idempotent: true },
            { id: 'b', kind: 'run', run: node('0') },
          ],
        },
      ],
    });
    const a = makeStepContext(p, 'a', { repo: '/tmp', stateDir: '/tmp/none' });
    const b = makeStepContext(p, 'b', { repo: '/tmp', stateDir: '/tmp/none' });
    const intent = a.journal.append({ type: 'intent', action: 'run', target: 'node -e 0', step: 'a' });
    expect(await runStep.reconcile?.(a.ctx, intent)).toBe('not-done');
    expect(await runStep.reconcile?.(b.ctx, intent)).toBe('unknown');
  });
});
