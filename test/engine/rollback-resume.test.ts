// Rollback actions killed mid-way (they belong to no step): the next session settles their open
// intents like a step's. The killed session is real code on a real repo: its journal stops
// reaching the disk the moment its command (a slowed `gh`, its own process group) is journaled,
// exactly what a kill -9 leaves; the command itself runs on and acts, as an orphan does.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openStateDir } from '../../src/adapters/state-dir.js';
import { openEngine } from '../../src/engine/engine.js';
import { runGitRollback } from '../../src/engine/git-rollback.js';
import { openJournal } from '../../src/engine/journal.js';
import type { JournalEntry } from '../../src/core/journal-types.js';
import { readStandInLog, standInEnv, standInsDir } from '../../src/sandbox/stand-ins/stand-ins.js';
import { createGitFixture } from '../helpers/git-fixture.js';
import { makePlan } from '../helpers/make-plan.js';
import { isGoneWithin } from '../helpers/process.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-rollback-resume-');

/** A released repo (tag pushed, GitHub release): `gh release delete|edit` waits for the file $GH_GATE first. */
function released() {
  const fx = createGitFixture(tempDir, { files: { VERSION: '0.15.0\n' } });
  const plan = makePlan({
    repo: fx.dir,
    version: '0.15.0',
    next: '0.16.0',
    phases: [
      {
        id: 'ship',
        steps: [
          { id: 'tag', kind: 'git-tag' },
          { id: 'gh', kind: 'github-release', repo: 'o/r' },
        ],
      },
    ],
  });
  const dir = tempDir();
  const slow = join(dir, 'slow-bin');
  mkdirSync(slow);
  writeFileSync(
    join(slow, 'gh'),
    `#!/bin/sh\ncase "$1 $2" in "release delete"|"release edit") while [ ! -e "$GH_GATE" ]; do sleep 0.05; done;; esac\nexec "${join(standInsDir(), 'gh')}" "$@"\n`,
  );
  chmodSync(join(slow, 'gh'), 0o755);
  const log = join(dir, 'calls.jsonl');
  const base = standInEnv({ log, base: fx.env });
  const env = { ...base, PATH: `${slow}${delimiter}${base.PATH}` };
  fx.git(['tag', '-a', 'v0.15.0', '-m', 'v0.15.0']);
  fx.git(['push', '-q', 'origin', 'v0.15.0']);
  writeFileSync(join(dir, 'notes.md'), '## What changed\n- faster queries\n');
  execFileSync('gh', ['release', 'create', 'v0.15.0', '--repo', 'o/r', '--notes-file', join(dir, 'notes.md')], {
    cwd: fx.dir,
    env,
  });
  const deletes = () => readStandInLog(log).filter((c) => c.argv[0] === 'release' && c.argv[1] === 'delete');
  const gate = join(dir, 'gate');
  return { fx, plan, env: { ...env, GH_GATE: gate }, deletes, open: () => writeFileSync(gate, '') };
}

/**
 * Starts `delete-github-release` and "kills" its session as soon as its gh is journaled: nothing
 * the session writes afterwards reaches the journal file. Its gh acts once r.open() is called.
 */
async function killedDuringDelete(r: ReturnType<typeof released>) {
  const stateDir = openStateDir(r.fx.dir, '0.15.0');
  const journal = openJournal(stateDir);
  const acting = runGitRollback('delete-github-release', {
    plan: r.plan,
    repo: r.fx.dir,
    journal,
    env: r.env,
    stateDir,
  });
  let child: JournalEntry | undefined;
  for (const end = Date.now() + 30_000; !child && Date.now() < end;) {
    child = journal.entries().find((e) => e.type === 'child');
    if (!child) await new Promise((res) => setTimeout(res, 10));
  }
  journal.close();
  expect(child?.type).toBe('child');
  return { pid: child?.type === 'child' ? child.pid : 0, acting };
}

const outputOf = (b: { size: number; slice(s: number, n: number): { text: string }[] }) =>
  b.slice(0, b.size).map((l) => l.text);

const rollbackEntries = (entries: JournalEntry[]) =>
  entries
    .filter((e) => e.action === 'rollback')
    .map((e) => (e.type === 'reconciled' ? `${e.type} ${e.verdict}` : e.type));

describe('a rollback action interrupted by a kill', () => {
  it('is reconciled when the next session opens: its gh finished, so the verdict is done', async () => {
    const r = released();
    const { acting } = await killedDuringDelete(r);
    r.open();
    await acting; // the orphan gh ends: the release is deleted, the journal on disk never hears of it
    const engine = await openEngine({ repo: r.fx.dir, plan: r.plan, env: r.env, yes: true });
    try {
      expect(rollbackEntries(engine.journal.entries())).toEqual(['intent', 'child', 'reconciled done']);
      expect(engine.journal.openIntents()).toEqual([]);
      expect(r.deletes()).toHaveLength(1);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('waits for its orphan before the same action runs again, and does not run it twice', async () => {
    const r = released();
    const { pid, acting } = await killedDuringDelete(r);
    const engine = await openEngine({ repo: r.fx.dir, plan: r.plan, env: r.env, yes: true });
    try {
      // Still running at open: no verdict yet, the intent stays open and the output says why.
      expect(engine.journal.openIntents().map((i) => i.target)).toEqual(['delete-github-release v0.15.0']);
      expect(outputOf(engine.output.get('rollback'))).toContainEqual(
        `rollback delete-github-release v0.15.0: its command from the previous session (pid ${pid}) is still running`,
      );
      // The orphan acts a moment after the action is asked for again: the action waits for it.
      const again = engine.runRollbackAction('delete-github-release');
      setTimeout(r.open, 300);
      const res = await again;
      expect(res).toEqual({
        target: 'delete-github-release v0.15.0',
        label: 'Delete the GitHub release v0.15.0',
        ok: true,
        message: 'already done: the interrupted attempt had done it before it was stopped',
      });
      expect(await isGoneWithin(pid)).toBe(true);
      expect(r.deletes()).toHaveLength(1);
      expect(rollbackEntries(engine.journal.entries())).toEqual(['intent', 'child', 'reconciled done']);
    } finally {
      r.open();
      await engine.close();
      await acting;
    }
  }, 60_000);
});
