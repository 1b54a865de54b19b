// The runner through the engine: order, failures, retry and skip, --only, the lock, masking,
// pauses and crashes of a handler, the queue controls.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StepPaused } from '../../src/engine/step-state.js';
import { stateFile } from '../../src/adapters/file-storage.js';
import { UserError } from '../../src/core/user-error.js';
import { fakeRun, three, useRunnerSetup } from '../helpers/runner-harness.js';

const setup = useRunnerSetup();

describe('runner', () => {
  it('runs phases and steps in order, persists, and never reruns finished steps', async () => {
    const { open, close } = setup(three);
    const f = fakeRun();
    const e = await open({ handler: f.handler });
    expect(await e.runToEnd()).toBe('done');
    expect(f.calls).toEqual(['a', 'b', 'c']);
    const st = e.store.getState();
    expect(st.sessions).toBe(1);
    expect(st.phases.checks?.completedAt).toBeDefined();
    await close(e);
    const again = await open({ handler: f.handler });
    expect(again.store.getState().sessions).toBe(2);
    expect(await again.runToEnd()).toBe('done');
    expect(f.calls).toEqual(['a', 'b', 'c']);
  });

  it('stops at a failure; retry runs it again, skip needs a reason and moves on', async () => {
    const { open } = setup(three);
    let fail = true;
    const f = fakeRun({
      b: async () => (fail ? { status: 'failed', reason: 'exit 1', exitCode: 1 } : { status: 'passed' }),
    });
    const e = await open({ handler: f.handler });
    expect(await e.runToEnd()).toBe('failed');
    expect(e.store.getState().steps.b).toMatchObject({ status: 'failed', reason: 'exit 1', exitCode: 1 });
    expect(await e.runToEnd()).toBe('failed');
    expect(f.calls).toEqual(['a', 'b']); // a failed step is not rerun without retry
    expect(e.store.getState().notices.at(-1)).toMatch(/checks\/b failed earlier/);
    fail = false;
    e.retry('b');
    expect(await e.runToEnd()).toBe('done');
    expect(f.calls).toEqual(['a', 'b', 'b', 'c']);
    expect(e.store.getState().steps.b?.attempts).toBe(2);
    expect(() => e.retry('b')).toThrow(UserError);
    expect(() => e.skip('nope', 'x')).toThrow(/no step/);
  });

  it('skip requires a reason', async () => {
    const { open } = setup(three);
    const f = fakeRun({ a: async () => ({ status: 'failed', reason: 'no' }) });
    const e = await open({ handler: f.handler });
    expect(await e.runToEnd()).toBe('failed');
    expect(() => e.skip('a', '')).toThrow(/needs a reason/);
    e.skip('a', 'done by hand');
    expect(await e.runToEnd()).toBe('done');
    expect(e.store.getState().steps.a).toMatchObject({ status: 'skipped', reason: 'done by hand' });
    expect(f.calls).toEqual(['a', 'b', 'c']);
  });

  it('a secret a step puts into its reason or note is masked in the state and never reaches state.json', async () => {
    const token = 'cio-secret-0123456789';
    const { repo, open, close } = setup(three);
    const f = fakeRun({
      a: async () => ({ status: 'passed', note: `used ${token}` }),
      b: async () => ({ status: 'failed', reason: `registry said: bad token ${token}` }),
    });
    const e = await open({ handler: f.handler, env: { CARGO_REGISTRY_TOKEN: token } });
    expect(await e.runToEnd()).toBe('failed');
    // Masked where the outcome becomes state: the cockpit and the headless lines show *** too.
    expect(e.store.getState().steps.b?.reason).toBe('registry said: bad token ***');
    await close(e);
    const text = readFileSync(stateFile(join(repo.dir, '.git', 'release-cockpit', '1.0.0')), 'utf8');
    expect(text).not.toContain(token);
    const saved = JSON.parse(text);
    expect(saved.state.steps.b.reason).toBe('registry said: bad token ***');
    expect(saved.state.steps.a.note).toBe('used ***');
  });

  it('--only runs one phase; an unknown phase is a user error', async () => {
    const { open, close } = setup(three);
    const f = fakeRun();
    const e = await open({ handler: f.handler, only: 'ship' });
    expect(await e.runToEnd()).toBe('done');
    expect(f.calls).toEqual(['c']);
    await close(e);
    await expect(open({ handler: f.handler, only: 'nope' })).rejects.toThrow(/--only nope: no such phase/);
    await open({ handler: f.handler }); // the refused open left no lock behind
  });

  it('holds the lock while open', async () => {
    const { open, close } = setup(three);
    const e = await open({ handler: fakeRun().handler });
    await expect(open({ handler: fakeRun().handler })).rejects.toThrow(/another release-cockpit \(pid \d+/);
    await close(e);
    await open({ handler: fakeRun().handler });
  });

  it('a StepPaused handler leaves its step pending; a crashing handler fails its step', async () => {
    const { open } = setup(three);
    let pause = true;
    const f = fakeRun({
      a: async () => {
        if (pause) throw new StepPaused();
        return { status: 'passed' };
      },
      b: async () => {
        throw new TypeError('bug');
      },
    });
    const e = await open({ handler: f.handler });
    expect(await e.runToEnd()).toBe('paused');
    expect(e.store.getState().steps.a).toEqual({ status: 'pending', attempts: 1 });
    expect(e.store.getState().notices.at(-1)).toBe('checks/a: paused');
    pause = false;
    expect(await e.runToEnd()).toBe('failed');
    expect(e.store.getState().steps.b?.reason).toBe('internal error: bug');
  });

  it('queue controls edit the crate states and save them at once; rollback refuses what this release did not publish', async () => {
    const { open } = setup(three, [{ name: 'alpha' }]);
    const e = await open({ handler: fakeRun().handler });
    expect(await e.runToEnd()).toBe('done'); // the release exists once something ran
    e.pauseQueue();
    expect(e.store.getState().queuePaused).toBe(true);
    expect(JSON.parse(readFileSync(stateFile(e.stateDir), 'utf8')).state.queuePaused).toBe(true);
    e.resumeQueue();
    expect(e.store.getState().queuePaused).toBe(false);
    expect(() => e.skipCrate('alpha', '')).toThrow(/needs a reason/);
    e.skipCrate('alpha', 'not this time');
    expect(e.store.getState().crates.alpha).toMatchObject({ status: 'skipped', reason: 'not this time' });
    e.retryCrate('alpha');
    expect(e.store.getState().crates.alpha?.status).toBe('pending');
    expect(await e.yank(['alpha'])).toEqual([
      {
        target: 'alpha@1.0.0',
        ok: false,
        message: 'refused: this release did not publish alpha@1.0.0 (use --force to yank it anyway)',
      },
    ]);
    expect((await e.unyank(['alpha']))[0]?.message).toMatch(/^refused: .*use --force to unyank/);
  });
});
