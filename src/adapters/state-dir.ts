// Where a release keeps its state: <common git dir>/release-cockpit/<version>/. Inside the git
// directory it is never committed, never shown by `git status`, and survives `git clean -fdx`. The
// *common* git dir (`git rev-parse --git-common-dir`) is shared by every linked worktree, so two
// worktrees of one repository see one state and one lock (a per-worktree dir let both publish).
import { execFileSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  rmdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../core/user-error.js';
import { capture } from './capture.js';
import { DIR_QUERY, GIT_QUIET_ENV, gitDirsArgs, type GitDirsAnswer } from './git-dirs-query.js';

export interface GitDirs {
  /** Absolute git directory (e.g. /repo/.git, or /repo/.git/worktrees/x in a worktree). */
  gitDir: string;
  /** Absolute common git directory, shared by linked worktrees (/repo/.git in all of them). */
  commonDir: string;
  /** Absolute work tree root; undefined in a bare repository. */
  workTree?: string;
}

// A command asks several times (lock, state, logs); where a directory's git dirs are does not
// change while it runs, so each answer found costs one git process per run, not one per question.
const known = new Map<string, GitDirs>();

export function gitDirs(repo: string): GitDirs {
  const cwd = resolve(repo);
  const cached = known.get(cwd);
  if (cached !== undefined && isDirectory(cwd)) return cached;
  const found = askGitDirs(cwd);
  known.set(cwd, found);
  return found;
}

function askGitDirs(cwd: string): GitDirs {
  if (!isDirectory(cwd))
    throw new UserError(`${cwd} is not a directory.`, { hint: 'Pass --repo DIR with the repository to release.' });
  // One process for both answers (every command start pays for it); a bare repository has no
  // top level, and then the two questions are asked apart.
  try {
    const [gitDir, commonDir, workTree] = git(cwd, [...DIR_QUERY, '--show-toplevel']).split('\n');
    if (gitDir && commonDir && workTree) return { gitDir, commonDir, workTree };
  } catch {
    // Not a repository, no git, or bare: the questions below tell which.
  }
  let answer: string[];
  try {
    answer = git(cwd, DIR_QUERY).split('\n');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError('git: command not found on PATH.', {
        hint: 'release-cockpit keeps its state in the git directory: install git.',
      });
    }
    throw new UserError(`${cwd} is not inside a git repository.`, {
      hint: 'release-cockpit keeps its state in the git directory: run it inside the repository or pass --repo DIR.',
    });
  }
  const gitDir = answer[0] ?? '';
  const commonDir = answer[1] ?? gitDir;
  let workTree: string | undefined;
  try {
    workTree = git(cwd, ['rev-parse', '--show-toplevel']);
  } catch {
    workTree = undefined; // bare repository
  }
  return { gitDir, commonDir, workTree };
}

/**
 * Asks git where the repository's directories are without blocking, with the tag names in the
 * same process when `tags` (each git start costs a fork of this process): gitDirs() then answers
 * from memory. The tags, or undefined when this did not find the directories (not a repository,
 * a bare one, no git): gitDirs() then asks again and says why, the caller lists the tags apart.
 * `asked`: the same question (tags included) asked already of this repo (askGitDirsEarly).
 */
export async function primeGitDirs(
  repo: string,
  opts: { tags: boolean },
  asked?: Promise<GitDirsAnswer>,
): Promise<string[] | undefined> {
  const cwd = resolve(repo);
  const res = await (asked ?? capture(['git', ...gitDirsArgs(opts.tags)], { cwd, env: GIT_QUIET_ENV }));
  const [gitDir, commonDir, workTree, ...tags] = res.stdout.split('\n');
  if (res.exitCode !== 0 || !gitDir || !commonDir || !workTree) return undefined;
  known.set(cwd, { gitDir, commonDir, workTree });
  return opts.tags ? tags.filter(Boolean) : [];
}

/** Where every release of this repository keeps its state dir. */
export function stateRoot(repo: string): string {
  return join(gitDirs(repo).commonDir, 'release-cockpit');
}

/** The state dir of `version`, without creating it (status and dry runs read, never write). */
export function stateDirPath(repo: string, version: string): string {
  checkVersion(version);
  const { commonDir, workTree } = gitDirs(repo);
  const dir = join(commonDir, 'release-cockpit', version);
  if (workTree && isInside(workTree, dir) && !isInside(join(workTree, '.git'), dir)) {
    // $GIT_DIR pointing into the work tree would make the state committable.
    throw new UserError(`the state directory ${dir} would be inside the work tree ${workTree}.`, {
      hint: 'Unset GIT_DIR or use a regular .git directory.',
    });
  }
  return dir;
}

/** Creates (0700) and returns the state dir of `version`, with its logs/ folder. */
export function openStateDir(repo: string, version: string): string {
  const dir = stateDirPath(repo, version);
  try {
    mkdirSync(join(dir, 'logs'), { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    accessSync(dir, constants.W_OK);
    accessSync(join(dir, 'logs'), constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(`cannot write the release state in ${dir} (${code}).`, {
      hint: `Check the owner and permissions of ${join(dir, '..')} (ls -ld); it must be writable by ${process.env.USER ?? 'you'}.`,
    });
  }
  return dir;
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function checkVersion(version: string): void {
  // It becomes a path segment: no separators, no "..".
  if (!/^[0-9A-Za-z][0-9A-Za-z.+_-]*$/.test(version) || version.includes('..')) {
    throw new UserError(`\`${version}\` is not a usable release version.`, { hint: 'Expected something like 0.15.0.' });
  }
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The state dir of a release as an engine opens it: whether it existed and had a saved state. */
export function releaseDirPresence(
  repo: string,
  version: string,
  stateFileName = 'state.json',
): { existed: boolean; hasState: boolean } {
  const dir = stateDirPath(repo, version);
  return { existed: isDirectory(dir), hasState: existsSync(join(dir, stateFileName)) };
}

/**
 * Removes the state dir a session created but never used (the release never started), and the
 * state root above it when no other release has one: opening and quitting leaves nothing.
 */
export function discardStateDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  try {
    rmdirSync(dirname(dir)); // only when empty
  } catch {
    // another release's state is there, or it is already gone
  }
}

/** The release directories under the repository's state root (one per version that has state). */
export function listReleaseDirs(repo: string): { version: string; dir: string }[] {
  const root = stateRoot(repo);
  try {
    return readdirSync(root).map((version) => ({ version, dir: join(root, version) }));
  } catch {
    return [];
  }
}

/** When a file was last written (epoch ms), for a state whose own timestamp is unreadable. */
export function modifiedMs(file: string): number {
  return statSync(file).mtimeMs;
}
