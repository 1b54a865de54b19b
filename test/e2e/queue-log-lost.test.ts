// The publish step's log stops taking writes while the queue uploads (real cargo and the loopback
// registry): made immutable (chattr +i, every later write fails with EPERM) while the registry
// holds the first upload. The upload in flight completes and the CI output keeps flowing; the
// next crate is never sent, its intent refused with one sentence naming the log, the errno and
// the fix; exit 1, no stack trace; a rerun finishes without sending anything twice. Skipped on a
// file system without the immutable flag.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canChattr } from '../helpers/fs-faults.js';
import { headlessFaultAtUpload, openTinyRelease, type TinyRelease } from './tiny-release.js';

let t: TinyRelease;
let log = '';
beforeAll(async () => {
  if (canChattr) t = await openTinyRelease('queue-log-lost');
  log = t ? join(t.repo, '.git', 'release-cockpit', '0.1.0', 'logs', 'publish.log') : '';
}, 120_000);
afterAll(async () => {
  if (log) spawnSync('chattr', ['-i', log]); // before the repository is removed
  await t?.close();
});

/** A session whose publish log turns immutable at `Uploading tiny-base` (the upload held till then). */
const sessionLosingItsLog = () =>
  headlessFaultAtUpload(t, () => expect(spawnSync('chattr', ['+i', log]).status).toBe(0));

describe.skipIf(!canChattr)('the publish log lost mid-queue', () => {
  it('uploads nothing more once the log cannot be written, says so in one sentence, and a rerun finishes', async () => {
    const first = await sessionLosingItsLog();
    const all = first.out + first.err;
    expect(first.code, all).toBe(1);
    // The upload in flight completes and is said; the next crate is never sent.
    expect(first.out).toMatch(/Uploaded tiny-base v0\.1\.0/);
    expect(Object.fromEntries(t.reg.publishAttempts)).toEqual({ 'tiny-base@0.1.0': 1 });
    expect(first.out).toContain(
      `the step log ${log} cannot be written (EPERM): the output goes on here but is not kept.`,
    );
    expect(first.out).toContain(
      `✗ failed: tiny-mid: could not write the step log ${log} (EPERM); nothing irreversible runs after a failed write. Check the owner, the permissions and the immutable flag (lsattr ${log}), then run again to resume.`,
    );
    expect(all).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)?|Error:/);

    expect(spawnSync('chattr', ['-i', log]).status).toBe(0);
    const second = await t.cli('run', '--headless', '--yes');
    expect(second.code, second.out + second.err).toBe(0);
    expect(Object.fromEntries(t.reg.publishAttempts)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 });
    expect(await t.onIndex('tiny-mid')).toBe('published');
  }, 240_000);
});
