import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args.js';
import { runHeadless } from '../../src/cli/run-mode.js';
import { dirtyTreeProblem } from '../../src/core/clean-tree.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';

const repos: TempRepo[] = [];
/** The irreversible action's own output line (the start line shows its argv, which holds the word too). */
const PUSHED = /^\d\d:\d\d:\d\d {5}pushed$/m;
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

// A reversible step first (it runs on a dirty tree), then the irreversible one the check guards.
function repo(): TempRepo {
  const config = {
    project: 'Demo',
    version: '1.0.0',
    phases: [
      {
        id: 'checks',
        title: 'Checks',
        steps: [{ id: 'test', kind: 'run', run: ['node', '-e', "console.log('tested')"] }],
      },
      {
        id: 'ship',
        title: 'Ship',
        steps: [
          { id: 'push', kind: 'run', title: 'Push', run: ['node', '-e', "console.log('pushed')"], irreversible: true },
        ],
      },
    ],
  };
  const r = makeGitRepo({
    commit: true,
    files: { '.releaserc.json': JSON.stringify(config, null, 2), 'lib.rs': 'fn a() {}\n' },
  });
  repos.push(r);
  return r;
}

async function headless(r: TempRepo, flags: string[]) {
  let out = '';
  let err = '';
  const code = await runHeadless(parseArgs(['run', '--headless', '--repo', r.dir, ...flags]), {
    out: { write: (s: string) => (out += s), isTTY: false },
    err: { write: (s: string) => (err += s) },
    env: { PATH: process.env.PATH },
  });
  return { code, out, err, all: out + err };
}

describe('clean-tree check before an irreversible step', () => {
  it('names tracked changes and untracked files, the first few and how many more', () => {
    expect(dirtyTreeProblem({ tracked: [], untracked: [] }, 'Push')).toBeUndefined();
    const s = dirtyTreeProblem({ tracked: ['a.rs'], untracked: ['b', 'c', 'd', 'e', 'f'] }, 'Push');
    expect(s).toBe(
      'the working tree is not clean before "Push": 1 changed tracked file (a.rs) and 5 untracked files (b, c, d, and 2 more); ' +
        'commit them, stash them (`git stash --include-untracked`), or add build outputs to .gitignore, then rerun',
    );
  });

  it('a changed tracked file stops the run before the irreversible action; committed, a rerun with --yes finishes', async () => {
    const r = repo();
    writeFileSync(join(r.dir, 'lib.rs'), 'fn b() {}\n');
    const first = await headless(r, ['--yes']);
    expect(first.code).toBe(1);
    expect(first.all).toContain('1 changed tracked file (lib.rs)');
    expect(first.all).toContain('commit them, stash them');
    expect(first.out).toContain('tested'); // the reversible step ran
    expect(first.out).not.toMatch(PUSHED);
    r.git('-c', 'commit.gpgsign=false', 'commit', '-qam', 'fix');
    const second = await headless(r, ['--yes']);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(PUSHED);
  });

  it('an untracked file stops it too and is named; removed, a rerun with --yes finishes', async () => {
    const r = repo();
    writeFileSync(join(r.dir, 'notes.txt'), 'scratch\n');
    const first = await headless(r, ['--yes']);
    expect(first.code).toBe(1);
    expect(first.all).toContain('1 untracked file (notes.txt)');
    expect(first.out).not.toMatch(PUSHED);
    rmSync(join(r.dir, 'notes.txt'));
    const second = await headless(r, ['--yes']);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(PUSHED);
  });

  it('a check that failed, then fixed and committed: a rerun with --yes retries it and finishes', async () => {
    const r = repo();
    const check = {
      id: 'test',
      kind: 'run',
      run: ['node', '-e', "process.exit(require('fs').existsSync('fixed.txt') ? 0 : 3)"],
    };
    const config = JSON.parse(readFileSync(join(r.dir, '.releaserc.json'), 'utf8')) as {
      phases: { steps: unknown[] }[];
    };
    config.phases[0]!.steps = [check];
    r.write('.releaserc.json', JSON.stringify(config, null, 2));
    r.git('-c', 'commit.gpgsign=false', 'commit', '-qam', 'a check that fails');
    const first = await headless(r, ['--yes']);
    expect(first.code).toBe(1);
    expect(first.out).toContain('node exited with code 3');
    r.write('fixed.txt', 'yes\n');
    r.git('add', 'fixed.txt');
    r.git('-c', 'commit.gpgsign=false', 'commit', '-qm', 'fix');
    const second = await headless(r, ['--yes']);
    expect(second.code).toBe(0);
    expect(second.all).toContain('retrying it (--yes)');
    expect(second.out).toMatch(PUSHED);
  });

  it('the dry run reports the dirty tree as a problem line and still shows what would run', async () => {
    const r = repo();
    writeFileSync(join(r.dir, 'notes.txt'), 'scratch\n');
    const { all } = await headless(r, ['--dry-run']);
    expect(all).toMatch(
      /problem: ship\/push: the working tree is not clean before "Push": 1 untracked file \(notes\.txt\)/,
    );
    expect(all).toContain('would run: node -e');
  });
});
