// Fail closed end to end: the release's state dir is removed while cargo uploads a crate (real
// cargo, the loopback registry holding that upload until the directory is gone). The crate in
// flight finishes; its record cannot be written (the journal notices its file was removed) and no
// other crate is sent. The session ends with exit 1 and one sentence naming the file and the
// errno, no internal error, no stack trace, and writes what it knew back as the state dir: the
// next session resumes with the records. Lost for good, the next session still does not send that
// crate again: the registry's API says it has the version even while the index lags.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { headlessFaultAtUpload, openTinyRelease, type TinyRelease } from './tiny-release.js';

const releases: TinyRelease[] = [];
afterEach(async () => {
  for (const t of releases.splice(0)) await t.close();
});

/** The tiny release publishing `crates`, committed. */
async function tinyRelease(name: string, crates: string[]): Promise<TinyRelease> {
  const t = await openTinyRelease(name);
  releases.push(t);
  const file = join(t.repo, '.releaserc.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as { crates: { publish: string[] } };
  config.crates.publish = crates;
  writeFileSync(file, JSON.stringify(config, null, 2));
  execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-qam', 'publish list', '--allow-empty'], {
    cwd: t.repo,
  });
  return t;
}

/**
 * Removes `dir` while the session may still write into it (its state, its step log): a file
 * created between rm's listing and its rmdir makes ENOTEMPTY, so it tries again, for up to 30 s.
 */
function removeWhileWritten(dir: string): void {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      rmSync(dir, { recursive: true, force: true });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOTEMPTY' || Date.now() > deadline) throw e;
    }
  }
}

/** A session whose state dir is removed while the registry holds the upload of tiny-base. */
function sessionLosingItsStateDir(t: TinyRelease): Promise<{ code: number | null; out: string; err: string }> {
  const stateDir = join(t.repo, '.git', 'release-cockpit', '0.1.0');
  return headlessFaultAtUpload(t, () => removeWhileWritten(stateDir));
}

const noCrash = (text: string): void => expect(text).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)?|Error:/);

describe('the state dir removed mid-queue', () => {
  it('uploads nothing more after the failed save, says so in one sentence with the errno, and a rerun finishes', async () => {
    const t = await tinyRelease('state-dir-lost', ['tiny-base', 'tiny-mid']);
    const stateDir = join(t.repo, '.git', 'release-cockpit', '0.1.0');
    const first = await sessionLosingItsStateDir(t);
    const all = first.out + first.err;
    expect(first.code, all).toBe(1);
    expect(all).toMatch(/Uploading tiny-base v0\.1\.0/);
    // The upload in flight when the dir went away completes; the next crate is never sent.
    expect(Object.fromEntries(t.reg.publishAttempts)).toEqual({ 'tiny-base@0.1.0': 1 });
    const gone = `The state directory ${stateDir} was removed while the release ran: run again to resume (finished work is checked against reality).`;
    const stop = 'nothing irreversible runs after a failed write.';
    // One sentence on stderr: not one "could not save" line per change the queue made meanwhile.
    const back = `The state directory ${stateDir} was removed while the release ran; what this session knew was written back to it: run again to resume.`;
    expect(first.err.trim().split('\n')).toEqual([
      `release-cockpit: could not write the state file ${join(stateDir, 'state.json')} (ENOENT); ${stop} ${back}`,
    ]);
    // Its record of the upload could not be kept: said, not lost in a removed file.
    expect(first.out).toContain(
      `✗ failed: tiny-base: could not write the journal ${join(stateDir, 'journal.jsonl')} (ENOENT); ${stop} ${gone}`,
    );
    noCrash(all);
    // Written back: the upload's record, whose write had failed, is in the journal again (0600).
    const journal = readFileSync(join(stateDir, 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(journal.map((e: { type: string; target: string }) => `${e.type} ${e.target}`)).toEqual(
      expect.arrayContaining(['intent tiny-base@0.1.0', 'uploaded tiny-base@0.1.0']),
    );
    expect(statSync(join(stateDir, 'state.json')).mode & 0o777).toBe(0o600);

    const second = await t.cli('run', '--headless', '--yes');
    expect(second.code, second.out + second.err).toBe(0);
    // The release goes on where it was: its second session, both crates published by it.
    expect(second.out).toContain(`tiny 0.1.0: session 2, state in ${stateDir}`);
    expect(second.out).toContain('Crates on local: 2 published by this release, 0 already there');
    expect(Object.fromEntries(t.reg.publishAttempts)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 });
    expect(await t.onIndex('tiny-mid')).toBe('published');
  }, 240_000);

  it('the next session does not send again what the registry has while its index lags', async () => {
    const t = await tinyRelease('state-dir-lost-lag', ['tiny-base', 'tiny-solo']);
    t.reg.setFaults({ indexDelayMs: 600_000 }); // tiny-base stays off the index for this whole test
    const first = await sessionLosingItsStateDir(t);
    expect(first.code, first.out + first.err).toBe(1);
    expect(Object.fromEntries(t.reg.publishAttempts)).toEqual({ 'tiny-base@0.1.0': 1 });
    noCrash(first.out + first.err);
    expect(await t.onIndex('tiny-base')).toBe('absent');
    // Written back, then lost again for good (the cleaner ran once more): no record of the upload left.
    rmSync(join(t.repo, '.git', 'release-cockpit'), { recursive: true, force: true });

    t.reg.setFaults({ indexDelayMs: 0 });
    const second = await t.cli('run', '--headless', '--yes');
    expect(second.code, second.out + second.err).toBe(0);
    expect(second.out).toContain('tiny-base@0.1.0 is already on the registry (not yet on its index): skipped');
    expect(Object.fromEntries(t.reg.publishAttempts)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-solo@0.1.0': 1 });
    expect(await t.onIndex('tiny-solo')).toBe('published');
  }, 240_000);
});
