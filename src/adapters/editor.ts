// The maintainer's text editor, for reviewing a draft (the changelog section) before it is used.
// The editor gets the terminal: it is spawned synchronously with inherited stdio, so the event
// loop is frozen while it runs and nothing of the cockpit (frames, timers, key reading) can draw
// over it or steal its keys. The caller hands the terminal over first (tui-mode's suspend).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { writeFileAtomicSync } from './atomic-write.js';

export interface EditorResult {
  /** The editor ran and exited 0. */
  ok: boolean;
  message?: string;
}

export interface EditedDraft extends EditorResult {
  /** The file as saved when the editor closed; absent when it cannot be read. */
  text?: string;
}

type Env = Record<string, string | undefined>;

/** Drafts the maintainer may edit live here, one file per step: `<stateDir>/drafts/<step-id>.md`. */
export function draftsDir(stateDir: string): string {
  return join(stateDir, 'drafts');
}

/** The draft file of a step; creates the drafts folder (0700: drafts are nobody else's business). */
export function draftPath(stateDir: string, stepId: string): string {
  const dir = draftsDir(stateDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return join(dir, `${stepId}.md`);
}

/** Writes a draft the maintainer may edit (0600) under `<stateDir>/drafts/`; returns its path. */
export function writeDraftFile(stateDir: string, name: string, text: string): string {
  const file = join(draftsDir(stateDir), name);
  mkdirSync(draftsDir(stateDir), { recursive: true, mode: 0o700 });
  writeFileAtomicSync(file, text, { mode: 0o600 });
  return file;
}

/** A draft as saved, or undefined when it cannot be read. */
export function readDraftFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The editor command: $VISUAL, else $EDITOR, else vi, split on whitespace. Quoting is not
 * supported (`EDITOR="code --wait"` works, `EDITOR="'/My Apps/ed'"` does not): a path with spaces
 * needs a wrapper script on PATH.
 */
export function editorArgv(env: Env): string[] {
  for (const name of ['VISUAL', 'EDITOR'] as const) {
    const words = (env[name] ?? '')
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '');
    if (words.length > 0) return words;
  }
  return ['vi'];
}

/** Runs the editor on `file` and waits for it. Never throws: a missing editor is a message. */
export function openInEditor(file: string, env: Env): EditorResult {
  const [cmd, ...args] = editorArgv(env);
  const r = spawnSync(cmd!, [...args, file], { stdio: 'inherit', env });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, message: `${cmd}: command not found on PATH; set $EDITOR` };
    if (code === 'EACCES') return { ok: false, message: `${cmd}: permission denied; set $EDITOR` };
    return { ok: false, message: `${cmd} could not start: ${r.error.message}` };
  }
  if (r.signal) return { ok: false, message: `${cmd} was killed by ${r.signal}` };
  if (r.status !== 0) return { ok: false, message: `${cmd} exited with code ${r.status}` };
  return { ok: true };
}

/**
 * Opens a draft in the editor and reads it back. Only files inside `dir` are opened: the path
 * comes through the UI, and the engine must not become a way to edit (or read) anything else.
 * The draft is read back whatever the exit code: an editor quit with an error may still have saved.
 */
export function editDraft(file: string, env: Env, dir: string): EditedDraft {
  const path = resolve(file);
  const rel = relative(resolve(dir), path);
  if (!isAbsolute(file) || rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    return { ok: false, message: `not a draft of this release: ${file}` };
  }
  const result = openInEditor(path, env);
  try {
    return { ...result, text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, message: result.message ?? `the draft ${path} cannot be read (${code})` };
  }
}
