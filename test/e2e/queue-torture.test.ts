// kill -9 of `release-cockpit run --headless --yes` aimed at the upload→visible window: each session
// is killed 0–1.5 s after cargo prints `Uploading X` (the registry takes 0.4 s to answer an upload,
// and its index shows a version 2.5 s after: the kill lands before the answer, between the answer
// and the index, or just after), and restarted at once until the release finishes; then again with
// a fresh registry until the kills are spent. cargo outlives each kill (an orphan the next session
// must wait for). The registry's own records are the truth: every version received exactly one upload
// request (0 re-sent), no reconcile verdict contradicts them (0 false), every dependency was
// visible before a dependent was uploaded. QUEUE_TORTURE_KILLS raises the number of kills.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCargoEnv } from '../../src/sandbox/cargo-env.js';
import { startRegistry, type Registry } from '../../src/sandbox/registry-server.js';
import type { ReleaseState } from '../../src/core/state-types.js';
import { MICROMEGAS_CRATES, writeMicromegasWorkspace } from '../sandbox/micromegas-crates.js';
import { orderViolations, sharedTargetDir, TOKEN } from '../sandbox/queue-harness.js';
import { falseVerdicts, type TortureEntry } from './torture-verdicts.js';
import { copyCli } from '../helpers/cli.js';

const KILLS = Math.max(20, Number(process.env.QUEUE_TORTURE_KILLS ?? 20));
/** Each session of the direct-upload torture verifies (compiles) the set again: fewer kills. */
const DIRECT_KILLS = Math.max(6, Math.round(KILLS / 3));
const INDEX_DELAY_MS = 2500;
const UPLOAD_MS = 400;
/** How long after `Uploading` a kill may land. */
const AIM_MS = 1500;
/** A release that needs more sessions than this is stuck, not tortured. */
const MAX_SESSIONS_PER_RELEASE = 60;
const cliDir = mkdtempSync(join(tmpdir(), 'rc-torture-cli-'));
const CLI = join(cliDir, 'cli.js');

beforeAll(() => {
  // A private copy of the bundle built by test/global-setup.ts.
  copyCli(cliDir);
}, 120_000);
afterAll(() => rmSync(cliDir, { recursive: true, force: true }));

interface Session {
  code: number | null;
  killed: boolean;
  /** Killed after `Uploading X` and before cargo said `Uploaded X`. */
  midUpload: boolean;
  output: string;
}

/** One run; with `aim`, killed a random 0..AIM_MS after the first `Uploading` line. */
function session(repo: string, env: Record<string, string | undefined>, aim: boolean): Promise<Session> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'run', '--headless', '--yes', '--repo', repo], {
      env: { ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    let midUpload = false;
    let armed = !aim;
    const onData = (d: Buffer): void => {
      output += d.toString();
      const sending = armed ? null : / Uploading (\S+) v/.exec(output);
      if (!sending) return;
      armed = true;
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) {
          killed = true;
          midUpload = !output.includes(` Uploaded ${sending[1]} v`);
          child.kill('SIGKILL');
        }
      }, Math.random() * AIM_MS);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => resolve({ code, killed, midUpload, output }));
  });
}

interface Tally {
  kills: number;
  midUpload: number;
  /** Sessions that found the previous one's cargo still running and waited for it. */
  orphanWaits: number;
  releases: number;
  reSent: number;
  verdicts: number;
  falseVerdicts: string[];
}

function readJournal(repo: string): TortureEntry[] {
  return readFileSync(join(repo, '.git/release-cockpit/0.15.0/journal.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as TortureEntry);
}

/** What the registry and the state say at the end of one release: problems, empty when right. */
function checkRelease(reg: Registry, repo: string, tally: Tally): void {
  const reSent = [...reg.publishAttempts].filter(([, n]) => n !== 1);
  tally.reSent += reSent.reduce((sum, [, n]) => sum + n - 1, 0);
  expect(reSent.map(([k, n]) => `${k} received ${n} upload requests`)).toEqual([]);
  expect([...reg.uploads.keys()].sort()).toEqual(MICROMEGAS_CRATES.map((c) => `${c}@0.15.0`).sort());
  expect(orderViolations(reg, new Set(MICROMEGAS_CRATES))).toEqual([]);

  const journal = readJournal(repo);
  const verdicts = journal.filter((e) => e.type === 'reconciled' && e.action === 'publish-crate');
  tally.verdicts += verdicts.length;
  const wrong = falseVerdicts(journal, reg.uploadLog);
  tally.falseVerdicts.push(...wrong);
  expect(wrong).toEqual([]);

  const stateDir = join(repo, '.git/release-cockpit/0.15.0');
  const state = (JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as { state: ReleaseState }).state;
  for (const c of MICROMEGAS_CRATES) expect(state.crates[c]?.status, c).toBe('published');
  for (const c of MICROMEGAS_CRATES) {
    expect(
      journal.some((e) => e.action === 'publish-crate' && e.target === `${c}@0.15.0` && e.type === 'done'),
      c,
    ).toBe(true);
  }
}

/**
 * One release of the 12 crates, killed at uploads while `kills` are left, run until it finishes.
 * `direct`: verify-first on, so the queue uploads the verified crates itself (no cargo child outlives
 * a kill); otherwise no compiling, and cargo uploads (a session killed there would verify again).
 */
async function tortureOneRelease(tally: Tally, kills: number, direct: boolean): Promise<void> {
  const reg = await startRegistry({
    token: TOKEN,
    faults: { indexDelayMs: INDEX_DELAY_MS, slowUpload: { times: Infinity, ms: UPLOAD_MS } },
  });
  const repo = writeMicromegasWorkspace(
    direct
      ? { indexUrl: reg.indexUrl, git: true, concurrency: 2 }
      : {
          indexUrl: reg.indexUrl,
          git: true,
          concurrency: 2,
          verifyFirst: false,
          command: ['cargo', 'publish', '--no-verify', '-p', '{crate}'],
        },
  );
  const cargo = makeCargoEnv({
    registryIndexUrl: reg.indexUrl,
    token: TOKEN,
    targetDir: sharedTargetDir('queue-torture'),
  });
  try {
    let last: Session | undefined;
    for (let n = 0; n < MAX_SESSIONS_PER_RELEASE; n++) {
      last = await session(repo, cargo.env, tally.kills < kills);
      if (direct && /verify-first: \d+ crates verified/.test(last.output))
        expect(last.output).toMatch(/uploads: \d+ verified \.crate files? straight to /);
      if (/from the previous session \(pid \d+\) is still running/.test(last.output)) tally.orphanWaits += 1;
      if (!last.killed) break;
      tally.kills += 1;
      if (last.midUpload) tally.midUpload += 1;
    }
    expect(last?.output).toMatch(/Micromegas 0\.15\.0: done/);
    expect(last?.code, last?.output).toBe(0);
    tally.releases += 1;
    checkRelease(reg, repo, tally);
  } finally {
    await reg.close();
    rmSync(repo, { recursive: true, force: true });
    rmSync(cargo.cargoHome, { recursive: true, force: true });
  }
}

const newTally = (): Tally => ({
  kills: 0,
  midUpload: 0,
  orphanWaits: 0,
  releases: 0,
  reSent: 0,
  verdicts: 0,
  falseVerdicts: [],
});

describe('queue torture', () => {
  it(
    `${KILLS} kill -9 aimed at cargo's upload, index 2.5 s behind: no upload re-sent, no false verdict, dependencies visible first`,
    async () => {
      const tally = newTally();
      while (tally.kills < KILLS) await tortureOneRelease(tally, KILLS, false);
      process.stdout.write(
        `queue torture: ${tally.kills} kills (${tally.midUpload} before the registry answered) over ${tally.releases} releases of ${MICROMEGAS_CRATES.length} crates; ` +
          `${tally.orphanWaits} waits for an orphan cargo; ${tally.reSent} uploads re-sent; ${tally.falseVerdicts.length} false verdicts of ${tally.verdicts}\n`,
      );
      expect(tally.kills).toBeGreaterThanOrEqual(KILLS);
    },
    Math.max(600_000, KILLS * 15_000),
  ); // the --long mode scales the budget with the kills

  it(
    `${DIRECT_KILLS} kill -9 aimed at the queue's own upload requests (no child outlives them): no upload re-sent, no false verdict`,
    async () => {
      const tally = newTally();
      while (tally.kills < DIRECT_KILLS) await tortureOneRelease(tally, DIRECT_KILLS, true);
      process.stdout.write(
        `queue torture, direct uploads: ${tally.kills} kills (${tally.midUpload} before the registry answered) over ${tally.releases} releases; ` +
          `${tally.reSent} uploads re-sent; ${tally.falseVerdicts.length} false verdicts of ${tally.verdicts}\n`,
      );
      expect(tally.orphanWaits).toBe(0);
      expect(tally.kills).toBeGreaterThanOrEqual(DIRECT_KILLS);
    },
    Math.max(600_000, DIRECT_KILLS * 40_000),
  );
});
