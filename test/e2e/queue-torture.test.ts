// kill -9 of `release-cockpit run --headless --yes` at random moments while the queue publishes
// the 12 Micromegas crates with real cargo, restarted after each kill until it finishes. At the
// end the registry must have every crate exactly once, and every dependency must have been
// visible in its index before a dependent was uploaded. TORTURE_KILLS raises the number of kills.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCargoEnv } from '../../src/sandbox/cargo-env.js';
import { startRegistry } from '../../src/sandbox/registry-server.js';
import type { ReleaseState } from '../../src/store/state-types.js';
import { MICROMEGAS_CRATES, writeMicromegasWorkspace } from '../sandbox/micromegas-crates.js';
import { duplicateUploads, orderViolations, sharedTargetDir, TOKEN } from '../sandbox/queue-harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KILLS = Math.max(20, Number(process.env.TORTURE_KILLS ?? 20));
// A session may finish the queue before its kill lands: aim higher than the minimum asserted.
const KILL_TARGET = Math.ceil(KILLS * 1.25);
const INDEX_DELAY_MS = 400;
const cliDir = mkdtempSync(join(tmpdir(), 'rc-torture-cli-'));
const CLI = join(cliDir, 'cli.js');

beforeAll(() => {
  // A private copy of the bundle built by test/global-setup.ts.
  copyFileSync(join(ROOT, 'dist/cli.js'), CLI);
}, 120_000);
afterAll(() => rmSync(cliDir, { recursive: true, force: true }));

interface Session {
  code: number | null;
  signal: NodeJS.Signals | null;
  killed: boolean;
  output: string;
}

/** One run; killed `killAfter(ms)` after the queue's pre-flight line when that returns a number. */
function session(
  repo: string,
  env: Record<string, string | undefined>,
  killAfter: () => number | undefined,
): Promise<Session> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'run', '--headless', '--yes', '--repo', repo], {
      env: { ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    let armed = false;
    const onData = (d: Buffer): void => {
      output += d.toString();
      if (armed || !output.includes('pre-flight:')) return;
      armed = true;
      const ms = killAfter();
      if (ms === undefined) return;
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) {
          killed = true;
          child.kill('SIGKILL');
        }
      }, ms);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code, signal) => resolve({ code, signal, killed, output }));
  });
}

describe('queue torture', () => {
  it(
    `survives at least ${KILLS} kill -9 during the queue: each crate uploaded once, dependencies visible first`,
    async () => {
      const reg = await startRegistry({ token: TOKEN, indexDelayMs: INDEX_DELAY_MS });
      const repo = writeMicromegasWorkspace({ indexUrl: reg.indexUrl, git: true, concurrency: 2 });
      const cargo = makeCargoEnv({
        registryIndexUrl: reg.indexUrl,
        token: TOKEN,
        targetDir: sharedTargetDir('queue-torture'),
      });
      try {
        let kills = 0;
        let sessions = 0;
        let last: Session | undefined;
        // Random moments spread over what is left of the queue, so the kills do not run out of
        // queue before they run out of count: each window is the remaining work shared out.
        const killAfter = (): number | undefined => {
          if (kills >= KILL_TARGET) return undefined;
          const now = Date.now();
          const remaining = MICROMEGAS_CRATES.length - reg.uploadLog.filter((u) => u.visibleAt <= now).length;
          const window = Math.min(4000, Math.max(150, (remaining * (INDEX_DELAY_MS + 500)) / (KILL_TARGET - kills)));
          return Math.random() * window;
        };
        while (sessions < KILL_TARGET * 3) {
          sessions += 1;
          last = await session(repo, cargo.env, killAfter);
          if (last.killed) {
            kills += 1;
            continue;
          }
          break;
        }
        expect(last?.output).toMatch(/Micromegas 0\.15\.0: done/);
        expect(last?.code, last?.output).toBe(0);
        expect(kills).toBeGreaterThanOrEqual(KILLS);

        expect(duplicateUploads(reg)).toEqual([]);
        expect([...reg.uploads.keys()].sort()).toEqual(MICROMEGAS_CRATES.map((c) => `${c}@0.15.0`).sort());
        expect(orderViolations(reg, new Set(MICROMEGAS_CRATES))).toEqual([]);

        const stateDir = join(repo, '.git/release-cockpit/0.15.0');
        const state = (JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as { state: ReleaseState }).state;
        for (const c of MICROMEGAS_CRATES) expect(state.crates[c]?.status, c).toBe('published');
        const journal = readFileSync(join(stateDir, 'journal.jsonl'), 'utf8')
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as { type: string; action: string; target: string });
        for (const c of MICROMEGAS_CRATES) {
          expect(
            journal.some((e) => e.action === 'publish-crate' && e.target === `${c}@0.15.0` && e.type === 'done'),
            c,
          ).toBe(true);
        }
      } finally {
        await reg.close();
        rmSync(repo, { recursive: true, force: true });
        rmSync(cargo.cargoHome, { recursive: true, force: true });
      }
    },
    Math.max(300_000, KILL_TARGET * 10_000),
  ); // the --long mode scales the budget with the kills
});
