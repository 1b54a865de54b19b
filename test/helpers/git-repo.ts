// Throwaway git repositories for tests that need a real git dir (state dir, worktrees, e2e).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

export interface TempRepo {
  dir: string;
  git(...args: string[]): string;
  write(rel: string, text: string): void;
  cleanup(): void;
}

export function makeGitRepo(
  opts: { files?: Record<string, string>; commit?: boolean; prefix?: string } = {},
): TempRepo {
  // realpath: macOS /tmp is a symlink and git reports resolved paths.
  const dir = realpathSync(mkdtempSync(join(tmpdir(), opts.prefix ?? 'rc-repo-')));
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const write = (rel: string, text: string): void => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  git('init', '-q', '-b', 'main');
  for (const [rel, text] of Object.entries(opts.files ?? {})) write(rel, text);
  if (opts.commit) {
    git('add', '-A');
    git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'initial', '--allow-empty');
  }
  return { dir, git, write, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Registers an afterEach cleanup (call at the top of a test file); returns makeGitRepo, whose repositories it removes. */
export function useGitRepos(): (opts?: Parameters<typeof makeGitRepo>[0]) => TempRepo {
  const repos: TempRepo[] = [];
  afterEach(() => {
    for (const r of repos.splice(0)) r.cleanup();
  });
  return (opts) => {
    const r = makeGitRepo(opts);
    repos.push(r);
    return r;
  };
}
