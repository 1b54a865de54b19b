// The one git process that tells where a repository keeps its directories (where releases keep
// their state) and, when asked, its tags: state-dir.ts's question. The cockpit's entry asks it
// before the cockpit's code is loaded (askGitDirsEarly), so git runs while that code loads.
import { resolve } from 'node:path';

export const DIR_QUERY = ['rev-parse', '--absolute-git-dir', '--path-format=absolute', '--git-common-dir'];
/** git never waits for a password in the background. */
export const GIT_QUIET_ENV = { GIT_TERMINAL_PROMPT: '0' };

/** The git dir, the common dir and the top level, one a line; then the tag names when `tags`. */
export function gitDirsArgs(tags: boolean): string[] {
  return [...DIR_QUERY, '--show-toplevel', ...(tags ? ['--symbolic', '--tags'] : [])];
}

/** What git answered the query of gitDirsArgs(true). */
export interface GitDirsAnswer {
  exitCode: number;
  stdout: string;
}

/**
 * Starts the query (tags included) in `repo` at once and resolves with git's answer; never
 * rejects: a git that could not start answers exit code -1 (state-dir.ts then asks again and
 * says why). node:child_process is taken only here, when called: the entry's other modes
 * (`--version`, `help`) do not load it.
 */
export function askGitDirsEarly(repo: string): Promise<GitDirsAnswer> {
  return new Promise((done) => {
    try {
      const { execFile } = process.getBuiltinModule('node:child_process');
      const opts = { cwd: resolve(repo), env: { ...process.env, ...GIT_QUIET_ENV }, maxBuffer: 256 * 1024 * 1024 };
      execFile('git', gitDirsArgs(true), opts, (error, stdout) =>
        done({ exitCode: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout }),
      );
    } catch {
      done({ exitCode: -1, stdout: '' });
    }
  });
}
