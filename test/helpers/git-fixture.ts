// Real git repositories for tests: a work tree with a bare repository on disk as its `origin`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Identity and isolation from the machine's git config (signing, hooks, default branch). */
export const GIT_ENV: Record<string, string> = {
  GIT_AUTHOR_NAME: 'Release Tester',
  GIT_AUTHOR_EMAIL: 'tester@example.com',
  GIT_COMMITTER_NAME: 'Release Tester',
  GIT_COMMITTER_EMAIL: 'tester@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

export interface GitFixture {
  /** The work tree. */
  dir: string;
  /** The bare repository `origin` points to (undefined without a remote). */
  remote?: string;
  env: Record<string, string | undefined>;
  /** Runs git in the work tree (or in `cwd`), returns trimmed stdout. */
  git(args: string[], cwd?: string): string;
  /** Writes the files, commits everything, returns the new HEAD. */
  commit(message: string, files?: Record<string, string>, cwd?: string): string;
  /** Another clone of the remote (to push commits the work tree does not have). */
  clone(): string;
}

export interface GitFixtureOptions {
  remote?: boolean;
  branch?: string;
  /** Files of the first commit. */
  files?: Record<string, string>;
}

export function createGitFixture(tempDir: () => string, opts: GitFixtureOptions = {}): GitFixture {
  const env = { ...process.env, ...GIT_ENV };
  const branch = opts.branch ?? 'main';
  const root = tempDir();
  const dir = join(root, 'work');
  const git = (args: string[], cwd = dir): string =>
    execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const write = (base: string, files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(base, path)), { recursive: true });
      writeFileSync(join(base, path), text);
    }
  };
  const commit = (message: string, files: Record<string, string> = {}, cwd = dir): string => {
    write(cwd, files);
    git(['add', '-A'], cwd);
    git(['commit', '-q', '--allow-empty', '-m', message], cwd);
    return git(['rev-parse', 'HEAD'], cwd);
  };
  mkdirSync(dir);
  git(['init', '-q', '-b', branch]);
  commit('Initial commit', opts.files ?? { 'README.md': '# Fixture\n' });
  let remote: string | undefined;
  if (opts.remote !== false) {
    remote = join(root, 'remote.git');
    git(['init', '-q', '--bare', '-b', branch, remote], root);
    git(['remote', 'add', 'origin', remote]);
    git(['push', '-q', '-u', 'origin', branch]);
  }
  let clones = 0;
  const clone = (): string => {
    if (!remote) throw new Error('this fixture has no remote');
    const target = join(root, `clone-${++clones}`);
    git(['clone', '-q', remote, target], root);
    return target;
  };
  return { dir, remote, env, git, commit, clone };
}
