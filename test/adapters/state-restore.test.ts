// The removed state dir written back from a session's memory (src/adapters/state-restore.ts): only
// when it is gone and its repository's git dir is not, never over a directory a session made
// meanwhile, files 0600 in a 0700 directory.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreStateDir } from '../../src/adapters/state-restore.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-restore-');
const FILES = { 'state.json': '{"state":{}}\n', 'journal.jsonl': '{"type":"intent"}\n' };

describe('restoreStateDir', () => {
  it('writes the files back as the removed dir (and its removed state root), 0600 in 0700, with logs/', () => {
    const git = tempDir(); // stands for <repo>/.git
    const dir = join(git, 'release-cockpit', '0.1.0');
    expect(restoreStateDir(dir, FILES)).toBe(true);
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(FILES['state.json']);
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8')).toBe(FILES['journal.jsonl']);
    expect(statSync(join(dir, 'state.json')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(existsSync(join(dir, 'logs'))).toBe(true);
    expect(readdirSync(join(git, 'release-cockpit'))).toEqual(['0.1.0']); // no restore-* left behind
  });

  it('leaves a state dir a session made meanwhile as it is', () => {
    const dir = join(tempDir(), 'release-cockpit', '0.1.0');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'lock'), 'theirs');
    expect(restoreStateDir(dir, FILES)).toBe(false);
    expect(readdirSync(dir)).toEqual(['lock']);
  });

  it('leaves an empty state dir a session made meanwhile as it is (rename would replace it)', () => {
    const dir = join(tempDir(), 'release-cockpit', '0.1.0');
    mkdirSync(dir, { recursive: true });
    expect(restoreStateDir(dir, FILES)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a write that fails leaves neither the dir nor its restore-* sibling', () => {
    const root = join(tempDir(), 'release-cockpit');
    expect(restoreStateDir(join(root, '0.1.0'), { ...FILES, 'no-such-dir/x': 'x' })).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });

  it('writes back a state without a journal (no entry known)', () => {
    const dir = join(tempDir(), 'release-cockpit', '0.1.0');
    expect(restoreStateDir(dir, { 'state.json': FILES['state.json'] })).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['logs', 'state.json']);
  });

  it('writes nothing when the repository itself is gone (no stray tree)', () => {
    const gone = join(tempDir(), 'repo', '.git');
    const dir = join(gone, 'release-cockpit', '0.1.0');
    expect(restoreStateDir(dir, FILES)).toBe(false);
    expect(existsSync(gone)).toBe(false);
  });
});
