// The runner after an interruption: a crash mid-step, open journal intents reconciled on open,
// a cancel while a step runs or waits for a confirmation.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openJournal } from '../../src/engine/journal.js';
import { stateFile } from '../../src/adapters/file-storage.js';
import { runSteps } from '../helpers/make-plan.js';
import { fakeRun, three, useRunnerSetup } from '../helpers/runner-harness.js';

const setup = useRunnerSetup();

describe('runner: resume and cancel', () => {
  it('resumes after a crash: running becomes interrupted; needs --yes (or retry) to run again', async () => {
    const { repo, open, close } = setup(three);
    const f = fakeRun();
    const e = await open({ handler: f.handler });
    expect(await e.runToEnd()).toBe('done');
    await close(e);
    // Simulate kill -9 while b ran: b recorded running, c pending.
    const file = stateFile(join(repo.dir, '.git', 'release-cockpit', '1.0.0'));
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    saved.state.steps.b = { status: 'running', attempts: 1, startedAt: new Date().toISOString() };
    saved.state.steps.c = { status: 'pending', attempts: 0 };
    writeFileSync(file, JSON.stringify(saved));
    f.calls.length = 0;
    const e2 = await open({ handler: f.handler });
    expect(e2.store.getState().steps.b?.status).toBe('interrupted');
    expect(e2.store.getState().notices.join('\n')).toMatch(/b was interrupted/);
    expect(await e2.runToEnd()).toBe('failed');
    expect(f.calls).toEqual([]);
    await close(e2);
    const e3 = await open({ handler: f.handler, yes: true });
    expect(await e3.runToEnd()).toBe('done');
    expect(f.calls).toEqual(['b', 'c']); // a is never run again
    expect(e3.store.getState().steps.b?.attempts).toBe(2);
  });

  it('reconciles open intents on open, before anything runs', async () => {
    const { repo, open, close } = setup([{ id: 'ship', steps: runSteps(['push', 'after']) }]);
    const f = fakeRun();
    const seen: string[] = [];
    let verdict: 'done' | 'not-done' | 'unknown' = 'not-done';
    f.handler.reconcile = async (_ctx, intent) => {
      seen.push(`${intent.action} ${intent.target} (calls so far: ${f.calls.length})`);
      return verdict;
    };
    const dir = join(repo.dir, '.git', 'release-cockpit', '1.0.0');
    mkdirSync(dir, { recursive: true });
    const j = openJournal(dir);
    j.append({ type: 'intent', action: 'git-push', target: 'origin', step: 'push' });
    j.close();
    const e2 = await open({ handler: f.handler });
    expect(seen).toEqual(['git-push origin (calls so far: 0)']);
    expect(e2.journal.openIntents()).toEqual([]);
    expect(e2.journal.entries().at(-1)).toMatchObject({
      type: 'reconciled',
      target: 'origin',
      detail: expect.stringMatching(/did not happen/),
    });
    await close(e2);
    // An unknown outcome keeps the intent open and stops the step even with --yes.
    const j2 = openJournal(dir);
    j2.append({ type: 'intent', action: 'git-push', target: 'origin', step: 'push' });
    j2.close();
    verdict = 'unknown';
    const e3 = await open({ handler: f.handler, yes: true });
    expect(await e3.runToEnd()).toBe('failed');
    expect(f.calls).toEqual([]);
    expect(e3.store.getState().notices.join('\n')).toMatch(/cannot tell whether git-push origin happened/);
    // The maintainer retrying or skipping takes responsibility: the intent is closed.
    e3.skip('push', 'pushed by hand');
    expect(e3.journal.openIntents()).toEqual([]);
    expect(await e3.runToEnd()).toBe('done');
    expect(f.calls).toEqual(['after']);
  });

  it('cancel: the running step ends interrupted and the state is saved', async () => {
    const { repo, open, close } = setup(three);
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const f = fakeRun({
      b: async (ctx) => {
        started();
        await ctx.sleep(60_000, ctx.signal).catch(() => undefined);
        return { status: 'failed', reason: 'cancelled' };
      },
    });
    const e = await open({ handler: f.handler });
    const done = e.runToEnd();
    await running;
    expect(e.isRunning()).toBe(true);
    expect(e.currentStepId()).toBe('b');
    await e.cancel();
    expect(await done).toBe('cancelled');
    await close(e);
    const saved = JSON.parse(readFileSync(stateFile(join(repo.dir, '.git', 'release-cockpit', '1.0.0')), 'utf8'));
    expect(saved.state.steps.b).toMatchObject({ status: 'interrupted', reason: 'cancelled by the maintainer' });
    expect(saved.state.steps.c.status).toBe('pending');
  });

  it('cancel while a step waits for a confirmation: the question counts as no, nothing hangs', async () => {
    const { repo, open, close } = setup(three);
    let asked!: () => void;
    const waiting = new Promise<void>((r) => (asked = r));
    const f = fakeRun({
      b: async (ctx) => {
        const yes = await ctx.confirm({ title: 'Publish?', commands: [['cargo', 'publish']] });
        return yes ? { status: 'passed' } : { status: 'failed', reason: 'not confirmed' };
      },
    });
    const e = await open({ handler: f.handler });
    // The maintainer never answers: the question stays open until the cancel.
    e.setConfirmHandler(() => {
      asked();
      return new Promise<boolean>(() => {});
    });
    const done = e.runToEnd();
    await waiting;
    await e.cancel();
    expect(await done).toBe('cancelled');
    await close(e);
    const saved = JSON.parse(readFileSync(stateFile(join(repo.dir, '.git', 'release-cockpit', '1.0.0')), 'utf8'));
    expect(saved.state.steps.b.status).toBe('interrupted');
  });
});
