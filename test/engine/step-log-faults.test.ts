// A step whose log cannot be written (src/engine/step-context.ts, runner-step.ts), with real
// children and real faults: the log a symlink to /dev/full (every write fails with ENOSPC), or a
// directory where the log file should be (EISDIR). The output keeps flowing with one line saying
// the log is lost; the step fails with one sentence naming the log file, the errno and the fix;
// no irreversible action starts after it; a rerun with the log writable finishes.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engine/engine.js';
import type { OutputLine } from '../../src/core/output-line.js';
import type { StepHandler } from '../../src/engine/step-types.js';
import { makePlan } from '../helpers/make-plan.js';
import { useGitRepos } from '../helpers/git-repo.js';

const makeRepo = useGitRepos();
const marks = mkdtempSync(join(tmpdir(), 'rc-log-marks-'));
afterAll(() => rmSync(marks, { recursive: true, force: true }));

const FLOOD = "for (let i = 0; i < 2000; i++) console.log('line ' + i + ' ' + 'x'.repeat(40))";
const DISK_FULL = 'The disk is full: free some space, then run again to resume.';

/** checks/flood prints 2,000 lines; ship/push (irreversible) leaves a mark; each test its own mark. */
function release(name: string) {
  const pushed = join(marks, name);
  const repo = makeRepo({ commit: true }); // an irreversible step runs only from a clean tree
  const plan = makePlan({
    repo: repo.dir,
    phases: [
      { id: 'checks', steps: [{ id: 'flood', kind: 'run', run: ['node', '-e', FLOOD] }] },
      {
        id: 'ship',
        steps: [
          {
            id: 'push',
            kind: 'run',
            run: ['node', '-e', `require('fs').writeFileSync(${JSON.stringify(pushed)}, 'yes')`],
            irreversible: true,
          },
        ],
      },
    ],
  });
  const logs = join(repo.dir, '.git', 'release-cockpit', '1.0.0', 'logs');
  mkdirSync(logs, { recursive: true });
  const open = async (handlers?: { run: StepHandler }) => {
    const engine = await openEngine({ repo: repo.dir, plan, env: { PATH: process.env.PATH }, yes: true, handlers });
    const lines: Array<OutputLine & { step: string }> = [];
    engine.onOutput((step, l) => lines.push({ step, ...l }));
    return { engine, lines };
  };
  return { logs, pushed, open };
}

const sentence = (file: string, code: string, fix: string): string =>
  `could not write the step log ${file} (${code}); nothing irreversible runs after a failed write. ${fix}`;

describe.skipIf(!existsSync('/dev/full'))('a step log that cannot be written', () => {
  it('on a full disk: the output goes on, the step fails with the sentence, nothing irreversible runs, a rerun finishes', async () => {
    const { logs, pushed, open } = release('full');
    const log = join(logs, 'flood.log');
    symlinkSync('/dev/full', log);
    const devMode = statSync('/dev/full').mode;
    const first = await open();
    expect(await first.engine.runToEnd()).toBe('failed');
    const flood = first.lines.filter((l) => l.step === 'flood');
    // Every line of the child reached the output, in order, the log lost or not.
    expect(flood.filter((l) => l.stream === 'stdout').map((l) => l.text.split(' ')[1])).toEqual(
      Array.from({ length: 2000 }, (_, i) => String(i)),
    );
    const said = flood.filter((l) => l.stream === 'info' && l.text.includes('cannot be written'));
    expect(said.map((l) => l.text)).toEqual([
      `the step log ${log} cannot be written (ENOSPC): the output goes on here but is not kept.`,
    ]);
    expect(first.engine.store.getState().steps.flood).toMatchObject({
      status: 'failed',
      reason: sentence(log, 'ENOSPC', DISK_FULL),
    });
    expect(first.engine.store.getState().steps.push?.status).toBe('pending');
    expect(existsSync(pushed)).toBe(false);
    expect(first.engine.journal.entries().filter((e) => e.type === 'intent')).toEqual([]);
    // The device the link led to is not the release's file: its mode is untouched.
    expect(statSync('/dev/full').mode).toBe(devMode);
    await first.engine.close();

    rmSync(log); // space freed
    const second = await open();
    expect(await second.engine.runToEnd()).toBe('done');
    expect(existsSync(pushed)).toBe(true);
    expect(readFileSync(log, 'utf8')).toMatch(/\[out\] line 1999 x+\n$/);
    await second.engine.close();
  });

  it('an irreversible step whose log cannot be written never starts its action', async () => {
    const { logs, pushed, open } = release('push');
    const log = join(logs, 'push.log');
    symlinkSync('/dev/full', log);
    const { engine } = await open();
    expect(await engine.runToEnd()).toBe('failed');
    expect(engine.store.getState().steps.flood?.status).toBe('passed');
    expect(engine.store.getState().steps.push).toMatchObject({
      status: 'failed',
      reason: sentence(log, 'ENOSPC', DISK_FULL),
    });
    expect(existsSync(pushed)).toBe(false);
    // Refused before its intent: a resume has nothing to reconcile, the push simply did not happen.
    expect(engine.journal.entries().filter((e) => e.target === 'push' || e.step === 'push')).toEqual([]);
    await engine.close();
  });

  it('an irreversible step the runner journals (no intents of its own) is refused at its intent too', async () => {
    const { logs, open } = release('runner-journal');
    symlinkSync('/dev/full', join(logs, 'push.log'));
    const ran: string[] = [];
    // No ownJournal: the runner writes the step's one intent (step-journal.ts), through the log's flush.
    const handler: StepHandler = {
      kind: 'run',
      async run(ctx) {
        ran.push(ctx.step.id);
        return { status: 'passed' };
      },
    };
    const { engine } = await open({ run: handler });
    expect(await engine.runToEnd()).toBe('failed');
    expect(ran).toEqual(['flood']);
    expect(engine.store.getState().steps.push?.status).toBe('failed');
    expect(engine.journal.entries().filter((e) => e.type === 'intent')).toEqual([]);
    await engine.close();
  });

  it('a step that ends before its log was written out is judged with the log written (its verdict waits for no timer)', async () => {
    const { logs, open } = release('quick');
    const log = join(logs, 'flood.log');
    symlinkSync('/dev/full', log);
    // Passes at once: only its attempt header is pending, well under a batch, before any timer.
    const handler: StepHandler = { kind: 'run', run: async () => ({ status: 'passed' }) };
    const { engine } = await open({ run: handler });
    expect(await engine.runToEnd()).toBe('failed');
    expect(engine.store.getState().steps.flood).toMatchObject({
      status: 'failed',
      reason: sentence(log, 'ENOSPC', DISK_FULL),
    });
    await engine.close();
  });

  it('a log that cannot be opened (a directory in its place) fails the step the same way, no internal error', async () => {
    const { logs, pushed, open } = release('eisdir');
    const log = join(logs, 'flood.log');
    mkdirSync(log);
    const { engine, lines } = await open();
    expect(await engine.runToEnd()).toBe('failed');
    const fix = `Something made ${log} a directory: move it aside, then run again to resume.`;
    expect(engine.store.getState().steps.flood).toMatchObject({
      status: 'failed',
      reason: sentence(log, 'EISDIR', fix),
    });
    expect(lines.filter((l) => l.stream === 'stdout')).toHaveLength(2000);
    expect(lines.map((l) => l.text).join('\n')).not.toMatch(/internal error/);
    expect(existsSync(pushed)).toBe(false);
    await engine.close();
  });
});
