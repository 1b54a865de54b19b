// A manual step's `show` command previewed when the cockpit selects the step: real git, real
// exec; its lines land in the step's output and nothing else changes (status, journal, log, disk).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openEngine, type Engine } from '../../src/engine/engine.js';
import { exec } from '../../src/adapters/exec.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';
import { makePlan } from '../helpers/make-plan.js';

const repos: TempRepo[] = [];
const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const r of repos.splice(0)) r.cleanup();
});

const SHOW = ['git', 'log', '--oneline', 'v0.14.0..HEAD'];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function open(opts: { interactive?: boolean; now?: () => number; exec?: typeof exec } = {}) {
  const repo = makeGitRepo({ files: { 'a.txt': 'a' }, commit: true });
  repos.push(repo);
  repo.git('tag', 'v0.14.0');
  repo.write('a.txt', 'b');
  repo.git('-c', 'commit.gpgsign=false', 'commit', '-qam', 'fix the parser');
  const plan = makePlan({
    repo: repo.dir,
    phases: [
      {
        id: 'checks',
        steps: [
          { id: 'eyeball', kind: 'manual', title: 'Review the git log', details: 'since v0.14.0', show: SHOW },
          { id: 'after', kind: 'run', run: ['node', '-e', 'console.log("ran")'] },
        ],
      },
    ],
  });
  const e = await openEngine({ repo: repo.dir, plan, env: { PATH: process.env.PATH }, ...opts });
  engines.push(e);
  return e;
}

const texts = (e: Engine, id: string): string[] => {
  const b = e.output.get(id);
  return b.slice(0, b.size).map((l) => l.text);
};

describe('preview of a manual step', () => {
  it('runs the show command into the step output without changing the step or the release', async () => {
    const e = await open({ interactive: true });
    e.preview('eyeball');
    await vi.waitFor(() => expect(texts(e, 'eyeball')).toHaveLength(3), { timeout: 5000 });
    expect(texts(e, 'eyeball')).toEqual([
      'since v0.14.0',
      `$ ${SHOW.join(' ')}`,
      expect.stringMatching(/^[0-9a-f]{7,} fix the parser$/),
    ]);
    expect(e.store.getState().steps.eyeball?.status ?? 'pending').toBe('pending');
    expect(e.journal.entries()).toEqual([]);
    expect(e.started()).toBe(false);
    expect(existsSync(join(e.stateDir, 'logs', 'eyeball.log'))).toBe(false);
  });

  it('when the run reaches a previewed step, its own show replaces the preview (one copy)', async () => {
    const e = await open({ interactive: true });
    e.preview('eyeball');
    await vi.waitFor(() => expect(texts(e, 'eyeball')).toHaveLength(3), { timeout: 5000 });
    e.start();
    await vi.waitFor(() => expect(e.currentStepId()).toBe('eyeball'), { timeout: 5000 });
    await vi.waitFor(() => expect(texts(e, 'eyeball').some((t) => / fix the parser$/.test(t))).toBe(true), {
      timeout: 5000,
    });
    await sleep(300);
    expect(texts(e, 'eyeball').filter((t) => t === `$ ${SHOW.join(' ')}`)).toHaveLength(1);
    expect(texts(e, 'eyeball').filter((t) => / fix the parser$/.test(t))).toHaveLength(1);
  });

  it('is reused for a minute when the step is selected again, then runs afresh', async () => {
    let t = Date.parse('2026-01-01T10:00:00Z');
    // The show command has ended (not only printed its lines) before the cursor moves off: a
    // preview cut short is not kept, and under load the lines arrive well before git exits.
    let ended = 0;
    const counted: typeof exec = async (...args) => {
      const r = await exec(...args);
      ended++;
      return r;
    };
    const e = await open({ interactive: true, now: () => t, exec: counted });
    e.preview('eyeball');
    await vi.waitFor(() => expect(ended).toBe(1), { timeout: 10_000 });
    await vi.waitFor(() => expect(texts(e, 'eyeball')).toHaveLength(3), { timeout: 5000 });
    const first = e.output.get('eyeball').version;
    e.cancelPreview();
    e.preview('eyeball');
    await sleep(400);
    expect(e.output.get('eyeball').version).toBe(first);
    t += 61_000;
    e.preview('eyeball');
    await vi.waitFor(() => expect(e.output.get('eyeball').version).toBeGreaterThan(first + 2), { timeout: 5000 });
    await vi.waitFor(() => expect(texts(e, 'eyeball')).toHaveLength(3), { timeout: 5000 });
  });

  it('moving the selection off before it fires runs nothing', async () => {
    const e = await open({ interactive: true });
    e.preview('eyeball');
    e.cancelPreview();
    await sleep(400);
    expect(texts(e, 'eyeball')).toEqual([]);
  });

  it('never headless, never for other kinds, never once the run reached the step', async () => {
    const headless = await open();
    headless.preview('eyeball');
    const e = await open({ interactive: true });
    e.preview('after');
    await sleep(400);
    expect(texts(headless, 'eyeball')).toEqual([]);
    expect(texts(e, 'after')).toEqual([]);
    expect(await e.runToEnd()).toBe('waiting');
    const reached = e.output.get('eyeball').version;
    e.preview('eyeball');
    await sleep(400);
    expect(e.output.get('eyeball').version).toBe(reached);
  });
});
