// Fail closed end to end: the release's state dir is removed while cargo uploads the first crate
// (real cargo, the loopback registry holding that upload 3 s). The crate in flight finishes; the
// next crate is never sent, since its intent waits for a saved state that cannot be written. The
// session ends with exit 1 and one sentence naming the file and the errno, no internal error, no
// stack trace; a rerun finishes the release without sending anything twice.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTinyRelease, type TinyRelease } from './tiny-release.js';

let t: TinyRelease;
beforeAll(async () => {
  t = await openTinyRelease('state-dir-lost');
}, 120_000);
afterAll(() => t?.close());

/** A session whose state dir is removed as soon as cargo prints `Uploading tiny-base`. */
function sessionLosingItsStateDir(stateDir: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [t.cliPath, 'run', '--headless', '--yes', '--repo', t.repo], {
      env: { ...t.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let removed = false;
    const removeOnce = (): void => {
      if (removed || !/Uploading tiny-base v0\.1\.0/.test(out + err)) return;
      removed = true;
      rmSync(stateDir, { recursive: true, force: true });
    };
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      removeOnce();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      removeOnce();
    });
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('the state dir removed mid-queue', () => {
  it('uploads nothing more after the failed save, says so in one sentence with the errno, and a rerun finishes', async () => {
    const stateDir = join(t.repo, '.git', 'release-cockpit', '0.1.0');
    t.reg.setFaults({ slowUpload: { times: 1, ms: 3000, crates: ['tiny-base'] } });
    const first = await sessionLosingItsStateDir(stateDir);
    const all = first.out + first.err;
    expect(first.code, all).toBe(1);
    expect(all).toMatch(/Uploading tiny-base v0\.1\.0/);
    // The upload in flight when the dir went away completes; the next crate is never sent.
    expect(Object.fromEntries(t.reg.publishAttempts)).toEqual({ 'tiny-base@0.1.0': 1 });
    const sentence = `could not write the state file ${join(stateDir, 'state.json')} (ENOENT); nothing irreversible runs after a failed write.`;
    // One sentence on stderr: not one "could not save" line per change the queue made meanwhile.
    expect(first.err.trim().split('\n')).toEqual([
      `release-cockpit: ${sentence} The state directory ${stateDir} was removed while the release ran: run again to resume (finished work is checked against reality).`,
    ]);
    expect(first.out).toContain(`✗ failed: tiny-mid: ${sentence}`);
    expect(all).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)?|Error:/);

    const second = await t.cli('run', '--headless', '--yes');
    expect(second.code, second.out + second.err).toBe(0);
    expect(Object.fromEntries(t.reg.publishAttempts)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 });
    expect(await t.onIndex('tiny-mid')).toBe('published');
  }, 240_000);
});
