// Orphans end to end: `run --headless --yes` is killed with -9 while cargo is in the middle of an upload
// (the registry holds it 6 s, and its index shows it 3 s later). cargo leads its own process group, so it goes on uploading. The next
// session must find it (journaled pid + start stamp), wait for it, and only then decide: the
// upload is done, never sent a second time (the registry's own count of PUT requests says so).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGoneWithin, isProcessAlive } from '../helpers/process.js';
import { openTinyRelease, tokenInCredentialsOnly, type TinyRelease } from './tiny-release.js';

let t: TinyRelease;
beforeAll(async () => {
  t = await openTinyRelease('orphan-cargo');
  tokenInCredentialsOnly(t.env);
}, 120_000);
afterAll(() => t?.close());

/** Starts a session and kill -9s it as soon as cargo prints `Uploading tiny-base`. */
function killedAtUpload(): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [t.cliPath, 'run', '--headless', '--yes', '--repo', t.repo], {
      env: { ...t.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (/Uploading tiny-base v0\.1\.0/.test(out)) child.kill('SIGKILL');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', () => resolve(out));
  });
}

describe('an orphan cargo of a killed session', () => {
  it('is waited for before the verdict: its upload is not sent again', async () => {
    t.reg.setFaults({ indexDelayMs: 3000, slowUpload: { times: 1, ms: 6000, crates: ['tiny-base'] } });
    const first = await killedAtUpload();
    expect(first).toMatch(/Uploading tiny-base v0\.1\.0/);
    const journal = readFileSync(join(t.repo, '.git/release-cockpit/0.1.0/journal.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; target: string; pid?: number });
    const child = journal.find((e) => e.type === 'child' && e.target === 'tiny-base@0.1.0');
    expect(child?.pid).toBeGreaterThan(0);
    // The cockpit is gone; its cargo is not, and the registry has not stored the crate yet.
    expect(isProcessAlive(child!.pid!)).toBe(true);
    expect(t.reg.uploads.get('tiny-base@0.1.0')).toBeUndefined();

    const second = await t.cli('run', '--headless', '--yes');
    expect(second.code, second.out + second.err).toBe(0);
    expect(Object.fromEntries(t.reg.publishAttempts)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 });
    expect(Object.fromEntries(t.reg.uploads)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 });
    expect(second.out).toContain(
      `publish-crate tiny-base@0.1.0: its command from the previous session (pid ${child!.pid}) is still running; waiting up to 15 s for it to end`,
    );
    expect(second.out).toMatch(new RegExp(`pid ${child!.pid} has ended`));
    expect(await isGoneWithin(child!.pid!)).toBe(true);
  }, 120_000);
});
