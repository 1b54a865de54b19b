// The editor adapter with a real "editor": a node script that appends a line to the file it is
// given (and records its argv), chosen through $VISUAL / $EDITOR like a maintainer's own.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftPath, draftsDir, editDraft, editorArgv, openInEditor } from '../../src/adapters/editor.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-editor-');

/** Appends "edited by <name>" to its last argument; writes its other arguments to <file>.argv. */
function editorScript(dir: string, name = 'ed', exitCode = 0): string {
  const path = join(dir, `${name}.mjs`);
  writeFileSync(
    path,
    [
      "import { appendFileSync, writeFileSync } from 'node:fs';",
      'const args = process.argv.slice(2);',
      'const file = args[args.length - 1];',
      `appendFileSync(file, 'edited by ${name}\\n');`,
      "writeFileSync(file + '.argv', JSON.stringify(args.slice(0, -1)));",
      `process.exit(${exitCode});`,
    ].join('\n'),
  );
  return path;
}

const env = (vars: Record<string, string>): Record<string, string | undefined> => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  ...vars,
});

describe('editorArgv', () => {
  it('prefers $VISUAL, then $EDITOR, then vi, split on whitespace (no quoting)', () => {
    expect(editorArgv({ VISUAL: 'code --wait', EDITOR: 'nano' })).toEqual(['code', '--wait']);
    expect(editorArgv({ VISUAL: '   ', EDITOR: ' emacs  -nw ' })).toEqual(['emacs', '-nw']);
    expect(editorArgv({})).toEqual(['vi']);
    expect(editorArgv({ EDITOR: "'/My Apps/ed'" })).toEqual(["'/My", "Apps/ed'"]);
  });
});

describe('openInEditor', () => {
  it('runs $EDITOR with its own arguments then the file, and waits for it', () => {
    const dir = tempDir();
    const file = join(dir, 'draft.md');
    writeFileSync(file, '## 1.0.0\n');
    const r = openInEditor(file, env({ EDITOR: `${process.execPath} ${editorScript(dir)} --flag` }));
    expect(r).toEqual({ ok: true });
    expect(readFileSync(file, 'utf8')).toBe('## 1.0.0\nedited by ed\n');
    expect(JSON.parse(readFileSync(`${file}.argv`, 'utf8'))).toEqual(['--flag']);
  });

  it('uses $VISUAL over $EDITOR', () => {
    const dir = tempDir();
    const file = join(dir, 'draft.md');
    writeFileSync(file, '');
    openInEditor(
      file,
      env({
        VISUAL: `${process.execPath} ${editorScript(dir, 'visual')}`,
        EDITOR: `${process.execPath} ${editorScript(dir, 'editor')}`,
      }),
    );
    expect(readFileSync(file, 'utf8')).toBe('edited by visual\n');
  });

  it('says which editor is missing and how to choose one', () => {
    const dir = tempDir();
    expect(openInEditor(join(dir, 'x.md'), env({ EDITOR: 'vim-that-is-not-there' }))).toEqual({
      ok: false,
      message: 'vim-that-is-not-there: command not found on PATH; set $EDITOR',
    });
    // No $VISUAL / $EDITOR and no vi on PATH: the default is named.
    expect(openInEditor(join(dir, 'x.md'), { PATH: dir })).toEqual({
      ok: false,
      message: 'vi: command not found on PATH; set $EDITOR',
    });
  });

  it('reports a non-zero exit', () => {
    const dir = tempDir();
    const file = join(dir, 'draft.md');
    writeFileSync(file, '');
    const script = editorScript(dir, 'quitter', 3);
    expect(openInEditor(file, env({ EDITOR: `${process.execPath} ${script}` }))).toEqual({
      ok: false,
      message: `${process.execPath} exited with code 3`,
    });
  });
});

describe('editDraft', () => {
  it('opens a file of the drafts folder and returns it as saved', () => {
    const state = tempDir();
    const file = draftPath(state, 'changelog');
    expect(file).toBe(join(draftsDir(state), 'changelog.md'));
    expect(statSync(draftsDir(state)).mode & 0o777).toBe(0o700);
    writeFileSync(file, '## 1.0.0\n');
    const r = editDraft(file, env({ EDITOR: `${process.execPath} ${editorScript(state)}` }), draftsDir(state));
    expect(r).toEqual({ ok: true, text: '## 1.0.0\nedited by ed\n' });
  });

  it('still returns what was saved when the editor exits with an error', () => {
    const state = tempDir();
    const file = draftPath(state, 'changelog');
    writeFileSync(file, '');
    const r = editDraft(file, env({ EDITOR: `${process.execPath} ${editorScript(state, 'cq', 1)}` }), draftsDir(state));
    expect(r).toEqual({ ok: false, message: `${process.execPath} exited with code 1`, text: 'edited by cq\n' });
  });

  it('refuses any file outside the drafts folder, without starting the editor', () => {
    const state = tempDir();
    mkdirSync(draftsDir(state), { recursive: true });
    const outside = join(state, 'state.json');
    writeFileSync(outside, '{}');
    const e = env({ EDITOR: `${process.execPath} ${editorScript(state)}` });
    for (const f of [outside, join(draftsDir(state), '..', 'state.json'), draftsDir(state), 'drafts/changelog.md']) {
      expect(editDraft(f, e, draftsDir(state))).toEqual({ ok: false, message: `not a draft of this release: ${f}` });
    }
    expect(readFileSync(outside, 'utf8')).toBe('{}');
  });

  it('says so when the draft cannot be read back', () => {
    const state = tempDir();
    const file = draftPath(state, 'changelog');
    writeFileSync(file, 'x');
    // An "editor" that deletes the file: it exits 0, and there is nothing to read.
    expect(editDraft(file, env({ EDITOR: 'rm -f' }), draftsDir(state))).toEqual({
      ok: false,
      message: `the draft ${file} cannot be read (ENOENT)`,
    });
  });
});
