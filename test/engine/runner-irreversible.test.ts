// The runner and irreversible steps: confirmation headless, in the cockpit and with --yes, and
// the dry run that prints them and changes nothing on disk.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { NEEDS_CONFIRMATION } from '../../src/engine/runner-irreversible.js';
import { runSteps } from '../helpers/make-plan.js';
import { fakeRun, pushStep, three, useRunnerSetup } from '../helpers/runner-harness.js';

const setup = useRunnerSetup();

describe('runner: irreversible steps and dry runs', () => {
  it('irreversible steps: headless without --yes fail with a hint; --yes runs them; a declined cockpit confirm pauses', async () => {
    const { open, close } = setup([{ id: 'ship', steps: [...runSteps(['tag']), pushStep] }]);
    const f = fakeRun();
    const e = await open({ handler: f.handler });
    expect(await e.runToEnd()).toBe('failed');
    expect(e.store.getState().steps.push).toMatchObject({ status: 'failed', reason: NEEDS_CONFIRMATION });
    expect(f.calls).toEqual(['tag']);
    await close(e);
    const tui = await open({ handler: f.handler });
    tui.retry('push');
    const asked: string[][][] = [];
    tui.setConfirmHandler(async (req) => {
      asked.push(req.commands);
      return false;
    });
    expect(await tui.runToEnd()).toBe('paused');
    expect(asked).toEqual([[['do', 'push']]]);
    expect(tui.store.getState().steps.push?.status).toBe('pending');
    await close(tui);
    const yes = await open({ handler: f.handler, yes: true });
    expect(await yes.runToEnd()).toBe('done');
    expect(f.calls).toEqual(['tag', 'push']);
  });

  it('--yes retries a step that failed only for lack of confirmation', async () => {
    const { open, close } = setup([{ id: 'ship', steps: [pushStep] }]);
    const f = fakeRun();
    const e = await open({ handler: f.handler });
    expect(await e.runToEnd()).toBe('failed');
    await close(e);
    const y = await open({ handler: f.handler, yes: true });
    expect(await y.runToEnd()).toBe('done');
    expect(f.calls).toEqual(['push']);
  });

  it('dry run: read-only steps run, irreversible ones print "would run", nothing on disk changes', async () => {
    const { repo, open, close } = setup([
      { id: 'checks', steps: runSteps(['test']) },
      { id: 'ship', steps: [pushStep, ...runSteps(['after'])] },
    ]);
    const f = fakeRun();
    // A real session first, so there is a state and a journal to leave untouched.
    const e = await open({ handler: fakeRun({ test: async () => ({ status: 'failed', reason: 'x' }) }).handler });
    await e.runToEnd();
    await close(e);
    const dir = join(repo.dir, '.git', 'release-cockpit', '1.0.0');
    const before = Object.fromEntries(
      readdirSync(dir)
        .filter((n) => n !== 'logs')
        .map((n) => [n, readFileSync(join(dir, n), 'utf8')]),
    );
    const logsBefore = readdirSync(join(dir, 'logs'));
    const d = await open({ handler: f.handler, dryRun: true, yes: true });
    const out: string[] = [];
    d.onOutput((id, l) => out.push(`${id}: ${l.text}`));
    expect(existsSync(join(dir, 'lock'))).toBe(false);
    // test failed earlier: a dry run with --yes resumes like a real one, retrying it
    expect(await d.runToEnd()).toBe('done');
    expect(f.calls).toEqual(['test', 'after']);
    expect(out).toContain('push: would run: do push');
    await close(d);
    const after = Object.fromEntries(
      readdirSync(dir)
        .filter((n) => n !== 'logs')
        .map((n) => [n, readFileSync(join(dir, n), 'utf8')]),
    );
    expect(after).toEqual(before);
    expect(readdirSync(join(dir, 'logs'))).toEqual(logsBefore);
  });

  it('dry run of a release never started creates nothing', async () => {
    const { repo, open } = setup(three);
    const d = await open({ handler: fakeRun().handler, dryRun: true });
    expect(await d.runToEnd()).toBe('done');
    expect(existsSync(join(repo.dir, '.git', 'release-cockpit'))).toBe(false);
  });
});
