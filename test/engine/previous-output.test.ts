// A reopened cockpit shows what ran: the last attempt of each step's log comes back into its
// output buffer; building a confirmation writes no attempt header (so it never hides the
// attempt that ran behind an empty section).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../src/engine/engine.js';
import type { StepHandler, StepOutcome } from '../../src/engine/step-types.js';
import { lastAttempt, parseLogLine } from '../../src/core/step-log.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';
import { makePlan, runSteps } from '../helpers/make-plan.js';

const repos: TempRepo[] = [];
const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const r of repos.splice(0)) r.cleanup();
});

const texts = (e: Engine, id: string) =>
  e.output
    .get(id)
    .slice(0, 100)
    .map((l) => `${l.stream} ${l.text}`);

describe('step logs read back', () => {
  it('parses tagged lines with or without their time, and keeps only the last attempt', () => {
    expect(parseLogLine('2026-12-05T06:00:00.000Z [out] Compiling x')).toEqual({
      stream: 'stdout',
      text: 'Compiling x',
    });
    expect(parseLogLine('[err] warning: y')).toEqual({ stream: 'stderr', text: 'warning: y' });
    expect(parseLogLine('garbage')).toBeUndefined();
    const log = [
      '2026-12-05T06:00:00.000Z [info] -- checks/a: attempt 1',
      '[out] first try',
      '2026-12-05T06:01:00.000Z [info] -- checks/a: attempt 2',
      '[out] one',
      '[err] two',
      '[out] three',
      '',
    ].join('\n');
    expect(lastAttempt(log, 10)).toEqual({
      lines: [
        { stream: 'info', text: '-- checks/a: attempt 2' },
        { stream: 'stdout', text: 'one' },
        { stream: 'stderr', text: 'two' },
        { stream: 'stdout', text: 'three' },
      ],
      dropped: 0,
    });
    expect(lastAttempt(log, 2)).toEqual({
      lines: [
        { stream: 'stderr', text: 'two' },
        { stream: 'stdout', text: 'three' },
      ],
      dropped: 2,
    });
    // A tail starts mid-line: its first line is dropped, not misread.
    expect(lastAttempt('t] cut\n[out] whole\n', 10, false).lines).toEqual([{ stream: 'stdout', text: 'whole' }]);
  });

  it('a reopened engine shows the last attempt of each step that ran, under where it comes from', async () => {
    const repo = makeGitRepo();
    repos.push(repo);
    const plan = makePlan({ repo: repo.dir, phases: [{ id: 'checks', steps: runSteps(['a', 'b', 'c']) }] });
    let failB = true;
    const handler: StepHandler = {
      kind: 'run',
      commands: (s) => [['do', s.id]],
      async run(ctx): Promise<StepOutcome> {
        ctx.log(`${ctx.step.id} says hello`);
        if (ctx.step.id === 'b' && failB) return { status: 'failed', reason: 'b broke' };
        return { status: 'passed' };
      },
    };
    const first = await openEngine({ repo: repo.dir, plan, env: {}, handlers: { run: handler } });
    expect(await first.runToEnd()).toBe('failed');
    const stateDir = first.stateDir;
    await first.close();

    const second = await openEngine({ repo: repo.dir, plan, env: {}, handlers: { run: handler } });
    engines.push(second);
    expect(texts(second, 'a')).toEqual([
      'info (from an earlier session: logs/a.log)',
      'info -- checks/a: attempt 1',
      'info a says hello',
    ]);
    expect(texts(second, 'b')).toEqual([
      'info (from an earlier session: logs/b.log)',
      'info -- checks/b: attempt 1',
      'info b says hello',
      'info ✗ failed: b broke',
    ]);
    expect(texts(second, 'c')).toEqual([]); // never ran
    failB = false;
    second.retry('b');
    expect(await second.runToEnd()).toBe('done');
    // The new attempt goes below the reloaded one (its header is in the log only).
    expect(texts(second, 'b').slice(4)).toEqual(['info b says hello']);
    expect(readFileSync(join(stateDir, 'logs', 'b.log'), 'utf8').match(/attempt \d/g)).toEqual([
      'attempt 1',
      'attempt 2',
    ]);
  });

  it('building a confirmation writes no attempt header: one attempt, one section', async () => {
    const repo = makeGitRepo();
    repos.push(repo);
    const push = { ...runSteps(['push'])[0]!, irreversible: true };
    const plan = makePlan({ repo: repo.dir, phases: [{ id: 'ship', steps: [push] }] });
    const handler: StepHandler = {
      kind: 'run',
      commands: () => [['do', 'push']],
      async confirmation(ctx) {
        ctx.log('checked what is left');
        return { title: 'Push', commands: [['do', 'push']] };
      },
      async run(ctx): Promise<StepOutcome> {
        ctx.log('pushed');
        return { status: 'passed' };
      },
    };
    const e = await openEngine({ repo: repo.dir, plan, env: {}, handlers: { run: handler } });
    engines.push(e);
    e.setConfirmHandler(async () => true);
    expect(await e.runToEnd()).toBe('done');
    await e.close();
    const log = readFileSync(join(e.stateDir, 'logs', 'push.log'), 'utf8');
    expect(log.match(/attempt \d/g)).toEqual(['attempt 1']);
    expect(lastAttempt(log, 10).lines.map((l) => l.text)).toEqual(['-- ship/push: attempt 1', 'pushed']);
  });
});
