// "Update GitHub release notes with issue documentation" (the rollback plan): the release's notes
// as GitHub has them go into a draft the maintainer edits in $EDITOR; the confirmation shows the
// diff, and a yes applies the draft with `gh release edit TAG --notes-file DRAFT`, journaled. The
// notes as they were are kept beside the draft, so applying them again undoes it.
import { GhError } from '../adapters/gh.js';
import { readDraftFile, writeDraftFile } from '../adapters/editor.js';
import { Gh } from '../adapters/gh.js';
import { diffLines } from '../core/line-diff.js';
import type { RollbackResult } from './engine-api.js';
import { rollbackClients, rollbackSettings, type GitRollbackDeps, type GitRollbackFacts } from './rollback-facts.js';
import { recordChild } from './orphans.js';
import { rollbackConfirmation } from './rollback-menu.js';
import type { ConfirmRequest } from './step-types.js';
import { plural } from '../core/plural.js';
import { ROLLBACK_STEP_ID } from '../core/journal-types.js';

export interface NotesDraft {
  /** The draft the maintainer edits: what gets applied. */
  file: string;
  /** The notes as GitHub had them when the draft was made. */
  before: string;
  /** Where those are kept (the undo). */
  beforeFile: string;
}

/** The names (under `<stateDir>/drafts/`) of a tag's notes draft and of the copy of the notes as they were. */
export function notesDraftNames(tag: string): { draft: string; before: string } {
  const safe = tag.replace(/[^A-Za-z0-9._-]/g, '_');
  return { draft: `release-notes-${safe}.md`, before: `release-notes-${safe}.before.md` };
}

/** The draft of the notes, fresh from GitHub; the copy of the notes as they are kept beside it. */
export async function draftNotes(deps: GitRollbackDeps, f: GitRollbackFacts): Promise<NotesDraft> {
  if (!deps.stateDir) throw new Error('editing the release notes needs the release state dir');
  const before = await rollbackClients(deps).gh.releaseNotes(f.tag);
  const names = notesDraftNames(f.tag);
  return {
    file: writeDraftFile(deps.stateDir, names.draft, before),
    before,
    beforeFile: writeDraftFile(deps.stateDir, names.before, before),
  };
}

/** The lines a confirmation shows for a draft: the diff, or that nothing changed yet. */
export function notesDiff(before: string, after: string): string[] {
  const diff = diffLines(before, after);
  return diff.length > 0 ? diff : ['(no change yet: e opens the notes in $EDITOR)'];
}

export function notesConfirmation(f: GitRollbackFacts, deps: GitRollbackDeps, draft: NotesDraft): ConfirmRequest {
  const repo = rollbackSettings(deps.plan).repo;
  const base = rollbackConfirmation('edit-release-notes', f, deps.plan);
  return {
    ...base,
    commands: [Gh.editNotesArgv(f.tag, draft.file, repo)],
    undo: `the notes as they were are kept in ${draft.beforeFile}: gh release edit ${f.tag} --notes-file ${draft.beforeFile}`,
    details: notesDiff(draft.before, readDraftFile(draft.file) ?? draft.before),
    editFile: draft.file,
    editBase: draft.before,
    editFirst: true,
  };
}

/** Applies the saved draft (journaled); an unchanged draft applies nothing. */
export async function applyNotes(
  deps: GitRollbackDeps,
  f: GitRollbackFacts,
  draft: NotesDraft,
): Promise<RollbackResult> {
  const target = `edit-release-notes ${f.tag}`;
  const label = `Edit the notes of the GitHub release ${f.tag}`;
  const text = readDraftFile(draft.file);
  if (text === undefined) return { target, label, ok: false, message: `the draft ${draft.file} cannot be read` };
  if (text === draft.before) return { target, label, ok: false, message: 'the notes are unchanged: nothing applied' };
  try {
    await deps.journal.around('rollback', target, ROLLBACK_STEP_ID, (intent) =>
      rollbackClients(deps).gh.editNotes(f.tag, draft.file, { onSpawn: recordChild(deps.journal, intent) }),
    );
  } catch (e) {
    if (e instanceof GhError) return { target, label, ok: false, message: e.message };
    throw e;
  }
  deps.log?.(`applied ${draft.file} as the notes of ${f.tag} (they were kept in ${draft.beforeFile})`);
  const changed = diffLines(draft.before, text).filter((l) => /^[-+] /.test(l)).length;
  return {
    target,
    label,
    ok: true,
    message: `the notes of ${f.tag} are updated (${plural(changed, 'line')} changed)`,
  };
}
