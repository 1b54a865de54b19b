// A session killed with -9 while its own upload request (the verified .crate through the
// registry's publish API) is in the registry's hands: no child outlives it, the registry stores
// the upload after the sender is gone, and the journal holds an intent without a verdict. The
// next session must not take the API's "absent" (the request still in flight) for "not done": it
// waits for the upload to show, never sends it again (the registry's own count of PUT requests).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTinyRelease, type TinyRelease } from './tiny-release.js';

let t: TinyRelease;
beforeAll(async () => {
  t = await openTinyRelease('kill-during-request');
}, 120_000);
afterAll(() => t?.close());

/** Starts a session and kill -9s it once the registry has received tiny-base's upload request. */
function killedInRequest(): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [t.cliPath, 'run', '--headless', '--yes', '--repo', t.repo], {
      env: { ...t.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d: Buffer): void => void (out += d.toString());
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const watch = setInterval(() => {
      if (t.reg.publishAttempts.has('tiny-base@0.1.0')) child.kill('SIGKILL');
    }, 5);
    child.on('close', () => {
      clearInterval(watch);
      resolve(out);
    });
  });
}

describe('a session killed during its own upload request', () => {
  it('leaves an intent the next session reconciles as done once the upload shows: it is not sent again', async () => {
    // The registry holds the request 5 s: the kill lands well inside it, whatever the load.
    t.reg.setFaults({ indexDelayMs: 1000, slowUpload: { times: 1, ms: 5000, crates: ['tiny-base'] } });
    // Its output may die unflushed with it: the journal says which path it took.
    await killedInRequest();
    const journal = readFileSync(join(t.repo, '.git/release-cockpit/0.1.0/journal.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; target: string; inProcess?: boolean; detail?: string });
    const ofBase = journal.filter((e) => e.target === 'tiny-base@0.1.0');
    expect(ofBase.map((e) => e.type)).toEqual(['intent']);
    expect(ofBase[0]?.inProcess).toBe(true);
    expect(ofBase[0]?.detail).toMatch(/^PUT http:\/\/127\.0\.0\.1:\d+\/api\/v1\/crates\/new /);
    // The registry has the request and has not answered it yet.
    expect(t.reg.uploads.get('tiny-base@0.1.0')).toBeUndefined();

    const second = await t.cli('run', '--headless', '--yes');
    expect(second.code, second.out + second.err).toBe(0);
    expect(Object.fromEntries(t.reg.publishAttempts)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 });
    expect(Object.fromEntries(t.reg.uploads)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 });
    expect(second.out).toContain('tiny-base@0.1.0: the previous session may have uploaded it; waiting up to');
  }, 120_000);
});
