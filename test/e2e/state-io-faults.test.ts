// Real IO faults on the release's own files, through the built CLI: a full disk under the state
// dir (a 48 KiB tmpfs mounted in a private mount namespace, gone with the process), and a journal
// or state file made immutable (chattr +i). Each ends in exit 1 with one sentence naming the file,
// the errno and the fix, never an internal error, and the irreversible step never runs. Skipped
// where the machine allows neither (no user namespaces, a file system without the flag).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canChattr, runHeadless } from '../helpers/fs-faults.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';

const marks = mkdtempSync(join(tmpdir(), 'rc-io-marks-'));
const PUSHED = join(marks, 'pushed');
const repos: TempRepo[] = [];
const immutable: string[] = [];
afterEach(() => {
  for (const f of immutable.splice(0)) spawnSync('chattr', ['-i', f]);
  for (const r of repos.splice(0)) r.cleanup();
  rmSync(PUSHED, { force: true });
});

/** A check that floods its log, then an irreversible step that refuses until ALLOW_PUSH is set. */
function release(): { r: TempRepo; stateDir: string } {
  const push = `if (!process.env.ALLOW_PUSH) process.exit(3); require('fs').writeFileSync(${JSON.stringify(PUSHED)}, 'yes')`;
  const flood = "for (let i = 0; i < 3000; i++) console.log('line ' + i + ' ' + 'x'.repeat(40))";
  const config = {
    project: 'Demo',
    version: '1.0.0',
    phases: [
      { id: 'checks', title: 'Checks', steps: [{ id: 'flood', kind: 'run', run: ['node', '-e', flood] }] },
      {
        id: 'ship',
        title: 'Ship',
        steps: [{ id: 'push', kind: 'run', run: ['node', '-e', push], irreversible: true }],
      },
    ],
  };
  const r = makeGitRepo({ commit: true, files: { '.releaserc.json': JSON.stringify(config, null, 2) } });
  repos.push(r);
  return { r, stateDir: join(r.dir, '.git', 'release-cockpit', '1.0.0') };
}

function run(r: TempRepo, env: Record<string, string> = {}, wrap: string[] = []) {
  return runHeadless(r.dir, { env, wrap });
}

const canUnshare = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=16k tmpfs /mnt']).status === 0;

function noCrash(text: string): void {
  expect(text).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)?|\bError:/);
}

describe('IO faults on the state', () => {
  it.skipIf(!canUnshare)(
    'a full disk under the state dir: one sentence with ENOSPC, exit 1, nothing irreversible runs',
    () => {
      const { r, stateDir } = release();
      // The mount lives in a private namespace: it is gone when the CLI exits, whatever happens.
      const mount = `mkdir -p "$0" && mount -t tmpfs -o size=48k tmpfs "$0" && exec "$@"`;
      const p = run(r, { ALLOW_PUSH: '1' }, ['unshare', '-rm', 'sh', '-c', mount, stateDir]);
      expect(p.code, p.out + p.err).toBe(1);
      expect(p.err.trim().split('\n')).toEqual([
        `release-cockpit: could not write the state file ${join(stateDir, 'state.json')} (ENOSPC); nothing irreversible runs after a failed write. The disk is full: free some space, then run again to resume.`,
      ]);
      noCrash(p.out + p.err);
      expect(existsSync(PUSHED)).toBe(false);
    },
  );

  it.skipIf(!canChattr)(
    'an immutable journal: the irreversible step fails with the file, EPERM and the fix; nothing runs',
    () => {
      const { r, stateDir } = release();
      expect(run(r).code).toBe(1); // push refused: the release has its state and journal
      const journal = join(stateDir, 'journal.jsonl');
      expect(spawnSync('chattr', ['+i', journal]).status).toBe(0);
      immutable.push(journal);
      const p = run(r, { ALLOW_PUSH: '1' });
      expect(p.code, p.out + p.err).toBe(1);
      expect(p.out).toContain(
        `✗ failed: could not write the journal ${journal} (EPERM); nothing irreversible runs after a failed write. Check the owner, the permissions and the immutable flag (lsattr ${journal}), then run again to resume.`,
      );
      noCrash(p.out + p.err);
      expect(existsSync(PUSHED)).toBe(false);

      spawnSync('chattr', ['-i', journal]);
      const fixed = run(r, { ALLOW_PUSH: '1' });
      expect(fixed.code, fixed.out + fixed.err).toBe(0);
      expect(existsSync(PUSHED)).toBe(true);
    },
  );

  it.skipIf(!canChattr)('an immutable state file: one sentence with EPERM and lsattr, exit 1, nothing runs', () => {
    const { r, stateDir } = release();
    expect(run(r).code).toBe(1);
    const state = join(stateDir, 'state.json');
    expect(spawnSync('chattr', ['+i', state]).status).toBe(0);
    immutable.push(state);
    const p = run(r, { ALLOW_PUSH: '1' });
    expect(p.code, p.out + p.err).toBe(1);
    expect(p.err.trim().split('\n')).toEqual([
      `release-cockpit: could not write the state file ${state} (EPERM); nothing irreversible runs after a failed write. Check the owner, the permissions and the immutable flag (lsattr ${state}), then run again to resume.`,
    ]);
    noCrash(p.out + p.err);
    expect(existsSync(PUSHED)).toBe(false);
  });
});
