// The lagging-index reproduction as the fault probe ran it: SIGTERM to `run --headless --yes` right
// after the upload of tiny-base starts (`Uploading tiny-base`), the registry storing that upload a
// moment later, and a rerun at once. The index shows the upload 8 s after it is stored (the probe's
// 1.5 s is shorter than the rerun's start-up on a loaded machine). The rerun must not take the
// registry's or the index's "absent" for "not done": the registry's own count of upload requests
// stays at one per version, and no journaled verdict contradicts what the registry stored and
// when. Both upload paths: the queue's own request, and cargo's (the token only in cargo's
// credentials file), whose killed cargo leaves its request in the registry's hands just the same.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { falseVerdicts, type TortureEntry } from './torture-verdicts.js';
import { openTinyRelease, tokenInCredentialsOnly, type TinyRelease } from './tiny-release.js';

/** A session sent SIGTERM as soon as the upload of tiny-base reached the registry; its exit code. */
function terminatedAtUpload(t: TinyRelease): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [t.cliPath, 'run', '--headless', '--yes', '--repo', t.repo], {
      env: { ...t.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let sent = false;
    // Once the upload started and its request reached the registry: a SIGTERM that beat the request
    // body (a loaded machine) would leave nothing in the registry's hands, another case.
    const maybeTerminate = (): void => {
      if (sent || !/Uploading tiny-base v0\.1\.0/.test(out) || !t.reg.publishAttempts.has('tiny-base@0.1.0')) return;
      sent = true;
      child.kill('SIGTERM');
    };
    const onData = (d: Buffer): void => {
      out += d.toString();
      maybeTerminate();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const watch = setInterval(maybeTerminate, 5);
    child.on('close', (code) => {
      clearInterval(watch);
      resolve({ code, out });
    });
  });
}

/** The registry holds the request `holdMs` before storing it; the rerun starts at once. */
async function sigtermThenRerun(t: TinyRelease, holdMs: number): Promise<void> {
  t.reg.setFaults({ indexDelayMs: 8000, slowUpload: { times: 1, ms: holdMs, crates: ['tiny-base'] } });
  const first = await terminatedAtUpload(t);
  expect(first.code, first.out).toBe(143);

  const second = await t.cli('run', '--headless', '--yes');
  expect(second.code, second.out + second.err).toBe(0);
  expect(Object.fromEntries(t.reg.publishAttempts)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 });
  expect(Object.fromEntries(t.reg.uploads)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 });

  const journal = readFileSync(join(t.repo, '.git/release-cockpit/0.1.0/journal.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as TortureEntry);
  const verdicts = journal.filter((e) => e.type === 'reconciled' && e.target === 'tiny-base@0.1.0');
  expect(verdicts.length).toBeGreaterThan(0);
  expect(falseVerdicts(journal, t.reg.uploadLog)).toEqual([]);
}

describe('SIGTERM right after the upload starts, rerun at once, index 8 s behind', () => {
  let t: TinyRelease | undefined;
  afterAll(() => t?.close());

  it("the queue's own request: sends no upload twice and takes no false verdict", async () => {
    t = await openTinyRelease('sigterm-at-upload');
    await sigtermThenRerun(t, 500);
  }, 240_000);

  it("cargo's request, the registry still holding it when the rerun asks: sent once, no false verdict", async () => {
    await t?.close();
    t = await openTinyRelease('sigterm-at-upload-cargo');
    tokenInCredentialsOnly(t.env);
    // Longer than the rerun's start-up on any machine: the registry's API says "absent" at first.
    await sigtermThenRerun(t, 3000);
  }, 240_000);
});
