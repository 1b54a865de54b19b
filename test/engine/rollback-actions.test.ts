// The rollback actions beside yank: the GitHub release notes edited in $EDITOR and applied
// with `gh release edit --notes-file` after a confirmation showing the diff (the gh stand-in
// records the exact argv); the PyPI yank as steps for the maintainer, recorded in the journal as
// theirs; and every confirmation says what undoes it unless core/irreversible.ts says nothing does.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLLBACK_ACTION_IDS, isIrreversibleRollback } from '../../src/core/irreversible.js';
import { openEngine } from '../../src/engine/engine.js';
import {
  gitRollbackActions,
  probeGitRollback,
  rollbackConfirmation,
  runGitRollback,
  type GitRollbackDeps,
} from '../../src/engine/git-rollback.js';
import { openJournal } from '../../src/engine/journal.js';
import { ROLLBACK_STEP_ID } from '../../src/core/journal-types.js';
import type { ConfirmRequest } from '../../src/engine/step-types.js';
import { readStandInLog, standInEnv } from '../../src/sandbox/stand-ins/stand-ins.js';
import { createGitFixture } from '../helpers/git-fixture.js';
import { makePlan } from '../helpers/make-plan.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-rollback-actions-');

/** A released repo: tag pushed, GitHub release with notes (gh stand-in), a Python step in the plan. */
function released() {
  const fx = createGitFixture(tempDir, { files: { VERSION: '0.15.0\n' } });
  const plan = makePlan({
    repo: fx.dir,
    project: 'Micromegas',
    version: '0.15.0',
    next: '0.16.0',
    phases: [
      {
        id: 'ship',
        steps: [
          { id: 'tag', kind: 'git-tag' },
          { id: 'push', kind: 'git-push' },
          { id: 'pypi', kind: 'publish-python', cwd: '.', package: 'micromegas' },
          { id: 'gh', kind: 'github-release', repo: 'o/r' },
        ],
      },
    ],
  });
  const dir = tempDir();
  const log = join(dir, 'calls.jsonl');
  const env = { ...standInEnv({ log, base: fx.env }), GH_TOKEN: 'token' };
  fx.git(['tag', '-a', 'v0.15.0', '-m', 'v0.15.0']);
  fx.git(['push', '-q', 'origin', 'v0.15.0']);
  writeFileSync(join(dir, 'notes.md'), '## What changed\n- faster queries\n- a new tracing crate\n');
  const gh = (args: string[]) => execFileSync('gh', args, { cwd: fx.dir, env, encoding: 'utf8' });
  gh(['release', 'create', 'v0.15.0', '--repo', 'o/r', '--notes-file', join(dir, 'notes.md')]);
  return { fx, plan, env, log, dir, gh };
}

describe('the rest of the rollback plan', () => {
  it('every confirmation says what undoes it, unless the action is irreversible', async () => {
    const { fx, plan, env } = released();
    const deps: GitRollbackDeps = { plan, repo: fx.dir, journal: openJournal(null), env };
    const facts = await probeGitRollback(deps);
    for (const id of ROLLBACK_ACTION_IDS) {
      const req = rollbackConfirmation(id, facts, plan);
      if (isIrreversibleRollback(id)) expect(req.undo, id).toBeUndefined();
      else expect(req.undo, id).toMatch(/\S/);
    }
    expect(rollbackConfirmation('delete-tag', facts, plan).undo).toBe(
      `make it again at ${facts.tagCommit!.slice(0, 12)}: git tag -a v0.15.0 ${facts.tagCommit!.slice(0, 12)} -m v0.15.0, then git push origin refs/tags/v0.15.0`,
    );
    expect(rollbackConfirmation('draft-github-release', facts, plan).undo).toBe(
      'publish it again: gh release edit v0.15.0 --draft=false --repo o/r',
    );
  });

  it('edits the release notes in $EDITOR, shows the diff, applies them with gh release edit --notes-file', async () => {
    const { fx, plan, env, log, dir, gh } = released();
    // The maintainer's editor: replaces a line and adds one (a real process, run by the engine).
    const editor = join(dir, 'edit.cjs');
    writeFileSync(
      editor,
      `const fs = require('fs'); const f = process.argv[2];
       fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('- faster queries', '- faster queries (broken on ARM: see #412)') + '\\n**Known issue**: use 0.15.1\\n');`,
    );
    const engine = await openEngine({ repo: fx.dir, plan, env: { ...env, VISUAL: `${process.execPath} ${editor}` } });
    const asked: ConfirmRequest[] = [];
    engine.setConfirmHandler(async (req) => {
      asked.push(req);
      // What the cockpit does on a question with editFirst: the editor, then the diff.
      expect((await engine.editInEditor(req.editFile!)).ok).toBe(true);
      return true;
    });
    try {
      const res = await engine.runRollbackAction('edit-release-notes');
      expect(res).toEqual({
        target: 'edit-release-notes v0.15.0',
        label: 'Edit the notes of the GitHub release v0.15.0',
        ok: true,
        message: 'the notes of v0.15.0 are updated (4 lines changed)',
      });
      const draft = join(engine.stateDir, 'drafts', 'release-notes-v0.15.0.md');
      const before = join(engine.stateDir, 'drafts', 'release-notes-v0.15.0.before.md');
      expect(asked).toEqual([
        {
          title: 'Edit the notes of the GitHub release v0.15.0 (in $EDITOR)',
          commands: [['gh', 'release', 'edit', 'v0.15.0', '--notes-file', draft, '--repo', 'o/r']],
          undo: `the notes as they were are kept in ${before}: gh release edit v0.15.0 --notes-file ${before}`,
          details: ['(no change yet: e opens the notes in $EDITOR)'],
          editFile: draft,
          editBase: '## What changed\n- faster queries\n- a new tracing crate\n',
          editFirst: true,
        },
      ]);
      const calls = readStandInLog(log).filter((c) => c.argv[1] === 'edit');
      expect(calls.map((c) => c.argv)).toEqual([
        ['release', 'edit', 'v0.15.0', '--notes-file', draft, '--repo', 'o/r'],
      ]);
      expect(JSON.parse(gh(['release', 'view', 'v0.15.0', '--repo', 'o/r', '--json', 'body'])).body).toBe(
        '## What changed\n- faster queries (broken on ARM: see #412)\n- a new tracing crate\n\n**Known issue**: use 0.15.1\n',
      );
      expect(readFileSync(before, 'utf8')).toBe('## What changed\n- faster queries\n- a new tracing crate\n');
      expect(
        engine.journal
          .entries()
          .filter((e) => e.action === 'rollback')
          .map((e) => `${e.type} ${e.step} ${e.target}`),
      ).toEqual([
        'intent rollback edit-release-notes v0.15.0',
        'child rollback edit-release-notes v0.15.0',
        'done rollback edit-release-notes v0.15.0',
      ]);
    } finally {
      await engine.close();
    }
  });

  it('applies nothing when the notes come back unchanged or the answer is no', async () => {
    const { fx, plan, env, log } = released();
    const engine = await openEngine({ repo: fx.dir, plan, env });
    try {
      engine.setConfirmHandler(async () => true);
      expect(await engine.runRollbackAction('edit-release-notes')).toMatchObject({
        ok: false,
        message: 'the notes are unchanged: nothing applied',
      });
      engine.setConfirmHandler(async () => false);
      expect(await engine.runRollbackAction('edit-release-notes')).toMatchObject({
        ok: false,
        message: 'not confirmed; nothing was applied',
      });
      expect(readStandInLog(log).filter((c) => c.argv[1] === 'edit')).toEqual([]);
      expect(engine.journal.entries().filter((e) => e.action === 'rollback')).toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it('the PyPI yank: exact steps for the manage page, then the maintainer’s word in the journal', async () => {
    const { fx, plan, env } = released();
    const journal = openJournal(null);
    const deps: GitRollbackDeps = { plan, repo: fx.dir, journal, env };
    const pyAction = async () => gitRollbackActions(await probeGitRollback(deps)).find((a) => a.id === 'yank-python');
    expect((await pyAction())?.disabledReason).toBe('this release did not upload micromegas 0.15.0');
    const intent = journal.append({ type: 'intent', action: 'publish-python', target: 'micromegas@0.15.0' });
    journal.append({ type: 'done', id: intent.id, action: 'publish-python', target: 'micromegas@0.15.0' });
    expect(await pyAction()).toEqual({
      id: 'yank-python',
      title: 'Yank micromegas 0.15.0 on PyPI (by hand: how, then record it)',
    });
    const req = rollbackConfirmation('yank-python', await probeGitRollback(deps), plan);
    expect(req).toMatchObject({
      commands: [],
      undo: 'un-yank it on the same page ("Options", then "Un-yank")',
      manual: {
        steps: [
          'Open https://pypi.org/manage/project/micromegas/release/0.15.0/ signed in as an owner or maintainer of micromegas.',
          'Press "Options", then "Yank", type 0.15.0 and give the reason (shown to anyone who installs it).',
          'After that pip skips micromegas 0.15.0 unless it is pinned exactly (micromegas==0.15.0); the files stay downloadable.',
        ],
        yes: 'I yanked it: record it in the journal',
      },
    });
    expect(await runGitRollback('yank-python', deps)).toMatchObject({ ok: true, target: 'micromegas@0.15.0' });
    const recorded = journal.entries().at(-1)!;
    expect(recorded).toMatchObject({
      type: 'confirmed',
      by: 'maintainer',
      action: 'yank-python',
      target: 'micromegas@0.15.0',
      step: ROLLBACK_STEP_ID,
    });
    expect((await pyAction())?.disabledReason).toMatch(/^recorded as yanked on \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  });
});
