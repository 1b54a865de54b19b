import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEngine, type Engine, type OpenEngineOptions } from '../../src/engine/engine.js';
import { NEEDS_CONFIRMATION } from '../../src/engine/runner-irreversible.js';
import { StepPaused } from '../../src/engine/step-state.js';
import type { StepContext, StepHandler, StepOutcome } from '../../src/engine/step-types.js';
import { openJournal } from '../../src/engine/journal.js';
import { stateFile } from '../../src/adapters/file-storage.js';
import { UserError } from '../../src/core/user-error.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';
import { makePlan, runSteps } from '../helpers/make-plan.js';

const repos: TempRepo[] = [];
const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const r of repos.splice(0)) r.cleanup();
});

/** A fake `run` kind: records calls; behaviour per step id. */
function fakeRun(behaviour: Record<string, (ctx: StepContext) => Promise<StepOutcome>> = {}) {
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
  const close = async (e: Engine) => {
    engines.splice(engines.indexOf(e), 1);
    await e.close();
  };
  return { repo, plan, open, close };
}

const pushStep = { ...runSteps(['push'])[0]!, irreversible: true }; // the config marks it irreversible
const three = [
  { id: 'checks', steps: runSteps(['a', 'b']) },
  { id: 'ship', steps: runSteps(['c']) },
];

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
    const repo = makeGitRepo();
    repos.push(repo);
    const plan = makePlan({ repo: repo.dir, crates: [{ name: 'alpha' }], phases: three });
    const e = await openEngine({ repo: repo.dir, plan, env: {}, handlers: { run: fakeRun().handler } });
    engines.push(e);
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
