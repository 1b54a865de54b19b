// kill -9 at random moments, restart, repeat: the state must always parse, and a step recorded
// passed must never run again. Each step appends "<id> <session>" to ran.txt (the session number
// comes through the environment), so a late write by an orphan of an older session is told apart
// from a real re-run.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');
const KILLS = Number(process.env.TORTURE_KILLS ?? 50);
// Each killed session makes about 0.8 steps of progress: with 1.2 steps per kill the release is
// never finished before every planned kill has landed.
const STEPS = Math.max(60, Math.round(KILLS * 1.2));
const STEP_SLEEP_MS = 120;

let repo: TempRepo;

beforeAll(() => {
  const ids = Array.from({ length: STEPS }, (_, i) => `s${String(i + 1).padStart(3, '0')}`);
  const step = (id: string) => ({
    id,
    kind: 'run',
    run: [
      'node',
      '-e',
      `require('fs').appendFileSync('ran.txt', '${id} ' + process.env.TORTURE_SESSION + '\\n'); setTimeout(() => {}, ${STEP_SLEEP_MS})`,
    ],
  });
  const phases = [0, 1, 2, 3].map((p) => ({
    id: `phase-${p + 1}`,
    title: `Phase ${p + 1}`,
    steps: ids.filter((_, i) => i % 4 === p).map(step),
  }));
  // Phases run in order, so order the ids by phase for the reader of ran.txt.
  repo = makeGitRepo({
    files: { '.releaserc.json': JSON.stringify({ project: 'Torture', version: '1.0.0', phases }, null, 2) },
    prefix: 'rc-torture-',
  });
}, 60_000);

afterAll(() => repo?.cleanup());

interface Session {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
}

function runCli(session: number, killAfterMs: number | undefined): Promise<Session> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [CLI, 'run', '--headless', '--yes', '--repo', repo.dir], {
      cwd: repo.dir,
      env: { ...process.env, TORTURE_SESSION: String(session), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    // The kill is timed from the session's first step line when the plan says so: start-up time
    // varies with the machine's load, and a kill before the lock proves nothing about takeovers.
    let timer: NodeJS.Timeout | undefined;
    let fallback: NodeJS.Timeout | undefined;
    const arm = (ms: number) => (timer ??= setTimeout(() => child.kill('SIGKILL'), ms));
    if (killAfterMs !== undefined && killAfterMs < 0) arm(-killAfterMs);
    if (killAfterMs !== undefined && killAfterMs >= 0) {
      child.stdout.on('data', () => {
        if (/▶/.test(out)) arm(killAfterMs);
      });
      // A session that never reaches a step (everything passed) is still killed in the end.
      fallback = setTimeout(() => arm(0), killAfterMs + 30_000);
    }
    child.once('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (fallback) clearTimeout(fallback);
      res({ code, signal, out });
    });
  });
}

const stateDir = () => join(repo.dir, '.git', 'release-cockpit', '1.0.0');

function readState(): Record<string, { status: string }> | undefined {
  const file = join(stateDir(), 'state.json');
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { state: { steps: Record<string, { status: string }> } };
  const bak = `${file}.bak`;
  if (existsSync(bak)) JSON.parse(readFileSync(bak, 'utf8'));
  return parsed.state.steps;
}

function runs(): { id: string; session: number }[] {
  const file = join(repo.dir, 'ran.txt');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [id, s] = l.split(' ');
      return { id: id!, session: Number(s) };
    });
}

describe('engine torture: kill -9 at random moments', () => {
  it(
    `finishes after ${KILLS} kills, never reruns a step recorded passed, state always parses`,
    async () => {
      const started = Date.now();
      /** step id -> the session after which it was first seen recorded passed */
      const passedAt = new Map<string, number>();
      let kills = 0;
      let takeovers = 0;
      let midStep = 0;
      let session = 0;
      let last: Session | undefined;
      while (true) {
        session++;
        // One kill in five lands during start-up (a negative delay counts from spawn); the others
        // land 0-300 ms after the session's first step started, from mid-step to the next step.
        const early = Math.random() < 0.2;
        const killAfter =
          kills >= KILLS
            ? undefined
            : early
              ? -(20 + Math.floor(Math.random() * 300))
              : Math.floor(Math.random() * 300);
        last = await runCli(session, killAfter);
        if (/Took over a stale lock/.test(last.out)) takeovers++;
        if (last.signal === 'SIGKILL') kills++;
        // After every session, killed or not, the state parses (readState throws otherwise).
        const steps = readState();
        if (last.signal === 'SIGKILL' && Object.values(steps ?? {}).some((s) => s.status === 'running')) midStep++;
        for (const [id, st] of Object.entries(steps ?? {})) {
          if (st.status === 'passed' && !passedAt.has(id)) passedAt.set(id, session);
        }
        if (last.signal === null) break;
        expect(session).toBeLessThan(KILLS * 3 + 20);
      }
      expect(last.code, last.out).toBe(0);
      const steps = readState()!;
      expect(Object.values(steps).every((s) => s.status === 'passed')).toBe(true);
      expect(Object.keys(steps)).toHaveLength(STEPS);
      const all = runs();
      for (const id of Object.keys(steps)) {
        const mine = all.filter((r) => r.id === id);
        expect(mine.length, `${id} never ran`).toBeGreaterThan(0);
        // Recorded passed after session k: no run of it may come from a later session.
        const k = passedAt.get(id)!;
        expect(
          mine.filter((r) => r.session > k),
          `${id} ran again after being recorded passed in session ${k}`,
        ).toEqual([]);
      }
      const reruns = all.length - STEPS;
      expect(kills).toBe(KILLS);
      expect(takeovers).toBeGreaterThan(0);
      expect(midStep).toBeGreaterThan(0);
      // One more run: everything passed, nothing runs again.
      const before = all.length;
      const again = await runCli(session + 1, undefined);
      expect(again.code).toBe(0);
      expect(runs()).toHaveLength(before);
      console.log(
        `torture: ${kills} kills (${midStep} mid-step), ${session} sessions, ${STEPS} steps, ${reruns} re-runs of interrupted steps, ${takeovers} stale-lock takeovers, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    },
    Math.max(420_000, KILLS * 6_000),
  ); // a budget, not a speed check: a session starts in 1–6 s with the machine's load; --long scales it
});
