import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { gitDirs, openStateDir, primeGitDirs, stateDirPath, stateRoot } from '../../src/adapters/state-dir.js';
import { acquireLock } from '../../src/adapters/lock.js';
import { UserError } from '../../src/core/user-error.js';
import { useGitRepos, type TempRepo } from '../helpers/git-repo.js';

const gitRepo = useGitRepos();
const repo = (commit = false): TempRepo => gitRepo({ commit });

describe('state dir', () => {
  it('lives under the git dir, is created 0700 with logs/, and is not in the work tree status', () => {
    const r = repo(true);
    const dir = openStateDir(r.dir, '0.15.0');
    expect(dir).toBe(join(r.dir, '.git', 'release-cockpit', '0.15.0'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(existsSync(join(dir, 'logs'))).toBe(true);
    expect(r.git('status', '--porcelain')).toBe('');
  });

  it('stateDirPath does not create anything', () => {
    const r = repo();
    const dir = stateDirPath(r.dir, '1.0.0');
    expect(existsSync(dir)).toBe(false);
  });

  it("resolves from a subdirectory, and a linked worktree shares the main one's state dir and lock", () => {
    const r = repo(true);
    r.write('sub/x.txt', 'x');
    expect(stateDirPath(join(r.dir, 'sub'), '1.0.0')).toBe(join(r.dir, '.git', 'release-cockpit', '1.0.0'));
    const wt = join(r.dir, '..', `${r.dir.split('/').pop()}-wt`);
    r.git('worktree', 'add', '-q', wt);
    try {
      const dir = openStateDir(wt, '1.0.0');
      expect(dir).toBe(join(r.dir, '.git', 'release-cockpit', '1.0.0'));
      expect(stateRoot(wt)).toBe(stateRoot(r.dir));
      const lock = acquireLock(openStateDir(r.dir, '1.0.0'));
      try {
        expect(() => acquireLock(openStateDir(wt, '1.0.0'))).toThrow(/another release-cockpit/);
      } finally {
        lock.release();
      }
      expect(existsSync(join(wt, 'release-cockpit'))).toBe(false);
    } finally {
      rmSync(wt, { recursive: true, force: true });
    }
  });

  it('answers with one git call in a work tree, and still works in a bare repository (no top level)', () => {
    const r = repo();
    expect(gitDirs(r.dir)).toEqual({ gitDir: join(r.dir, '.git'), commonDir: join(r.dir, '.git'), workTree: r.dir });
    const bare = mkdtempSync(join(tmpdir(), 'rc-bare-'));
    try {
      execFileSync('git', ['init', '-q', '--bare'], { cwd: bare });
      expect(gitDirs(bare)).toEqual({ gitDir: bare, commonDir: bare, workTree: undefined });
      expect(stateDirPath(bare, '1.0.0')).toBe(join(bare, 'release-cockpit', '1.0.0'));
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('primed without blocking, with the tags in the same git process, gitDirs answers without git', async () => {
    const r = repo(true);
    r.git('tag', 'v1.0.0');
    r.git('tag', '-a', '-m', 'x', 'v1.1.0');
    r.write('sub/x.txt', 'x');
    const sub = join(r.dir, 'sub');
    expect(await primeGitDirs(sub, { tags: true })).toEqual(['v1.0.0', 'v1.1.0']);
    expect(await primeGitDirs(sub, { tags: false })).toEqual([]);
    const path = process.env.PATH;
    process.env.PATH = '';
    try {
      expect(gitDirs(sub)).toEqual({ gitDir: join(r.dir, '.git'), commonDir: join(r.dir, '.git'), workTree: r.dir });
    } finally {
      process.env.PATH = path;
    }
    const bare = mkdtempSync(join(tmpdir(), 'rc-bare-'));
    try {
      execFileSync('git', ['init', '-q', '--bare'], { cwd: bare });
      expect(await primeGitDirs(bare, { tags: true })).toBeUndefined();
      expect(gitDirs(bare)).toEqual({ gitDir: bare, commonDir: bare, workTree: undefined });
      rmSync(bare, { recursive: true, force: true });
      expect(await primeGitDirs(bare, { tags: true })).toBeUndefined();
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('refuses a directory that is not a git repository', () => {
    const d = mkdtempSync(join(tmpdir(), 'rc-nogit-'));
    try {
      expect(() => stateDirPath(d, '1.0.0')).toThrow(UserError);
      expect(() => stateDirPath(d, '1.0.0')).toThrow(/not inside a git repository/);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('refuses versions that would escape the directory', () => {
    const r = repo();
    expect(() => stateDirPath(r.dir, '../x')).toThrow(UserError);
    expect(() => stateDirPath(r.dir, 'a/b')).toThrow(UserError);
  });

  it('says how to fix a state dir that cannot be created', () => {
    const r = repo();
    // A file where the directory should be fails even for root (permission bits would not).
    writeFileSync(join(r.dir, '.git', 'release-cockpit'), 'not a directory');
    let err: unknown;
    try {
      openStateDir(r.dir, '1.0.0');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(
      /cannot write the release state in .*release-cockpit\/1\.0\.0 \(ENOTDIR\)/,
    );
    expect((err as UserError).details.hint).toMatch(/permissions/);
  });
});
