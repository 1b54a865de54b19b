// Git plumbing, argv only. Every failure becomes a GitError whose message is one sentence naming
// the command and git's own explanation. Read-only helpers never change the work tree.
import { highestTag } from '../core/template.js';
import { capture, type CaptureOptions, type Captured } from './capture.js';

export class GitError extends Error {
  constructor(
    message: string,
    readonly argv: string[],
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitCommit {
  hash: string;
  subject: string;
  body: string;
}

export interface SyncStatus {
  /** e.g. "origin/main". */
  remoteBranch: string;
  /** False when the branch does not exist on the remote (nothing to be behind of). */
  exists: boolean;
  ahead: number;
  behind: number;
}

export interface RemoteRef {
  /** The object the ref names (the tag object for an annotated tag). */
  object: string;
  /** The commit it finally points to (peeled). */
  commit: string;
}

export interface BranchStatus {
  branch?: string;
  /** Commits on the branch its upstream does not have. */
  ahead?: number;
}

export type GitOptions = Omit<CaptureOptions, 'cwd'>;

/**
 * The line of git's output that explains a failure: the first fatal/error/"! [rejected]" line,
 * because git states the cause before its consequence ("error: Your local changes ..." before
 * "fatal: revert failed", "! [rejected] ..." before "error: failed to push some refs").
 */
function explain(stderr: string, stdout: string): string {
  const lines = `${stderr}\n${stdout}`
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  const key = lines.find((l) => /^(fatal:|error:|! )/.test(l)) ?? lines.at(-1);
  return key ? key.replace(/^! /, '').replace(/[.:]$/, '') : 'no output';
}

export class Git {
  constructor(
    readonly cwd: string,
    private readonly opts: GitOptions = {},
  ) {}

  /** Runs git; never throws for a non-zero exit. */
  async raw(args: string[], extra: Pick<CaptureOptions, 'onSpawn'> = {}): Promise<Captured> {
    // No credential prompt may block a headless run: fail instead.
    const env = { ...this.opts.env, GIT_TERMINAL_PROMPT: '0' };
    const res = await capture(['git', ...args], { ...this.opts, ...extra, env, cwd: this.cwd });
    if (res.notFound) throw new GitError('git: command not found on PATH.', ['git', ...args], '');
    return res;
  }

  /** Runs git and returns stdout without its final newline; throws a one-sentence GitError on failure. */
  async run(args: string[], extra: Pick<CaptureOptions, 'onSpawn'> = {}): Promise<string> {
    const res = await this.raw(args, extra);
    if (res.exitCode !== 0) {
      const argv = ['git', ...args];
      throw new GitError(`\`${argv.join(' ')}\` failed: ${explain(res.stderr, res.stdout)}.`, argv, res.stderr);
    }
    return res.stdout.replace(/\n$/, '');
  }

  /** Tracked files with changes (untracked files, such as build outputs, do not make a tree dirty). */
  async dirtyFiles(): Promise<string[]> {
    const out = await this.run(['status', '--porcelain', '--untracked-files=no']);
    return out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3));
  }

  /** Which of these paths have changes, untracked files included (a new changelog counts). */
  async changedPaths(paths: string[]): Promise<string[]> {
    const out = await this.run(['status', '--porcelain', '--', ...paths]);
    return out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3));
  }

  /** Everything not committed, tracked changes and untracked files apart, in one `git status` call. */
  async treeChanges(): Promise<{ tracked: string[]; untracked: string[] }> {
    const out = await this.run(['status', '--porcelain']);
    const lines = out.split('\n').filter(Boolean);
    return {
      tracked: lines.filter((l) => !l.startsWith('??')).map((l) => l.slice(3)),
      untracked: lines.filter((l) => l.startsWith('??')).map((l) => l.slice(3)),
    };
  }

  async isClean(): Promise<boolean> {
    return (await this.dirtyFiles()).length === 0;
  }

  /** The checked-out branch, or undefined on a detached HEAD. */
  async currentBranch(): Promise<string | undefined> {
    const res = await this.raw(['symbolic-ref', '--short', '-q', 'HEAD']);
    return res.exitCode === 0 ? res.stdout.trim() : undefined;
  }

  /**
   * The checked-out branch and how many of its commits its upstream lacks, in one git process
   * (each start of git costs a fork of this process): undefined where unknown (detached HEAD, no
   * upstream, an upstream gone, no git).
   */
  async branchStatus(): Promise<BranchStatus> {
    // Only the branches at HEAD's commit: upstream:track counts commits for every ref listed.
    const format = '%(HEAD)%00%(refname:short)%00%(upstream)%00%(upstream:track,nobracket)';
    const res = await this.raw(['for-each-ref', '--points-at=HEAD', `--format=${format}`, 'refs/heads/']);
    if (res.exitCode !== 0) return {};
    const current = res.stdout.split('\n').find((l) => l.startsWith('*\0'));
    if (current === undefined) return {};
    const [, branch = '', upstream = '', track = ''] = current.split('\0');
    if (upstream === '' || track === 'gone') return { branch };
    return { branch, ahead: Number(/\bahead (\d+)/.exec(track)?.[1] ?? 0) };
  }

  async headCommit(): Promise<string> {
    return this.run(['rev-parse', 'HEAD']);
  }

  async remoteExists(remote: string): Promise<boolean> {
    return (await this.run(['remote'])).split('\n').includes(remote);
  }

  /** `git remote get-url`, or undefined when the remote is not configured. */
  async remoteUrl(remote: string): Promise<string | undefined> {
    const res = await this.raw(['remote', 'get-url', remote]);
    return res.exitCode === 0 ? res.stdout.trim() : undefined;
  }

  /** Fetches the branch from the remote, then counts commits on each side. */
  async syncStatus(remote: string, branch: string): Promise<SyncStatus> {
    const remoteBranch = `${remote}/${branch}`;
    const head = await this.remoteRef(remote, `refs/heads/${branch}`);
    if (!head) return { remoteBranch, exists: false, ahead: 0, behind: 0 };
    await this.run(['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:refs/remotes/${remoteBranch}`]);
    const counts = await this.run(['rev-list', '--left-right', '--count', `HEAD...refs/remotes/${remoteBranch}`]);
    const [ahead, behind] = counts.split(/\s+/).map(Number);
    return { remoteBranch, exists: true, ahead: ahead ?? 0, behind: behind ?? 0 };
  }

  /** The commit of a local branch, or undefined when there is no such branch. */
  async branchCommit(branch: string): Promise<string | undefined> {
    const res = await this.raw(['rev-parse', '-q', '--verify', `refs/heads/${branch}^{commit}`]);
    return res.exitCode === 0 ? res.stdout.trim() : undefined;
  }

  async tagExists(tag: string): Promise<boolean> {
    return (await this.raw(['rev-parse', '-q', '--verify', `refs/tags/${tag}`])).exitCode === 0;
  }

  /** The commit a local tag points to (peeled), or undefined when there is no such tag. */
  async tagTarget(tag: string): Promise<string | undefined> {
    const res = await this.raw(['rev-parse', '-q', '--verify', `refs/tags/${tag}^{commit}`]);
    return res.exitCode === 0 ? res.stdout.trim() : undefined;
  }

  /** A ref on the remote (`git ls-remote`), peeled for annotated tags; undefined when absent. */
  async remoteRef(remote: string, ref: string): Promise<RemoteRef | undefined> {
    const out = await this.run(['ls-remote', remote, ref, `${ref}^{}`]);
    let object: string | undefined;
    let peeled: string | undefined;
    for (const line of out.split('\n')) {
      const [sha, name] = line.split('\t');
      if (name === ref) object = sha;
      if (name === `${ref}^{}`) peeled = sha;
    }
    return object ? { object, commit: peeled ?? object } : undefined;
  }

  async remoteTag(remote: string, tag: string): Promise<RemoteRef | undefined> {
    return this.remoteRef(remote, `refs/tags/${tag}`);
  }

  async remoteTagExists(remote: string, tag: string): Promise<boolean> {
    return (await this.remoteTag(remote, tag)) !== undefined;
  }

  /** Annotated when a message is given, lightweight otherwise. */
  async createTag(tag: string, message?: string, extra: Pick<CaptureOptions, 'onSpawn'> = {}): Promise<void> {
    await this.run(message === undefined ? ['tag', tag] : ['tag', '-a', tag, '-m', message], extra);
  }

  /** The argv createTag runs (for confirmations and dry runs). */
  static createTagArgv(tag: string, message?: string): string[] {
    return message === undefined ? ['git', 'tag', tag] : ['git', 'tag', '-a', tag, '-m', message];
  }

  /** The argv pushing a full ref name (refs/tags/T, or refs/heads/B to the same name). */
  static pushArgv(remote: string, ref: string): string[] {
    return ['git', 'push', remote, ref.startsWith('refs/heads/') ? `${ref}:${ref}` : ref];
  }

  async pushRef(remote: string, ref: string, extra: Pick<CaptureOptions, 'onSpawn'> = {}): Promise<void> {
    await this.run(Git.pushArgv(remote, ref).slice(1), extra);
  }

  async pushTag(remote: string, tag: string, extra: Pick<CaptureOptions, 'onSpawn'> = {}): Promise<void> {
    await this.pushRef(remote, `refs/tags/${tag}`, extra);
  }

  async pushBranch(remote: string, branch: string): Promise<void> {
    await this.pushRef(remote, `refs/heads/${branch}`);
  }

  async deleteTag(tag: string): Promise<void> {
    await this.run(['tag', '-d', tag]);
  }

  async deleteRemoteTag(remote: string, tag: string, extra: Pick<CaptureOptions, 'onSpawn'> = {}): Promise<void> {
    await this.run(['push', remote, '--delete', `refs/tags/${tag}`], extra);
  }

  /** Commits after `since` (all of history when undefined), newest first, optionally limited to paths. */
  async log(since: string | undefined, paths: string[] = []): Promise<GitCommit[]> {
    const range = since ? `${since}..HEAD` : 'HEAD';
    const args = ['log', '--format=%H%x1f%s%x1f%b%x1e', range];
    if (paths.length) args.push('--', ...paths);
    const out = await this.run(args);
    return out
      .split('\x1e')
      .map((rec) => rec.replace(/^\n/, ''))
      .filter((rec) => rec.includes('\x1f'))
      .map((rec) => {
        const [hash = '', subject = '', body = ''] = rec.split('\x1f');
        return { hash, subject, body: body.trim() };
      });
  }

  async tags(): Promise<string[]> {
    return (await this.run(['tag', '--list'])).split('\n').filter(Boolean);
  }

  /** The highest tag (by semver) written with tagFormat, optionally strictly below a version. */
  async latestTag(tagFormat: string, below?: string): Promise<string | undefined> {
    return highestTag(await this.tags(), tagFormat, below);
  }

  /** The repo-relative files of a commit or tag (`git ls-tree -r --name-only`). */
  async filesAt(rev: string): Promise<Set<string>> {
    return new Set((await this.run(['ls-tree', '-r', '--name-only', rev])).split('\n').filter(Boolean));
  }

  /** Commits reachable from HEAD whose subject starts with `prefix`, newest first. */
  async findCommits(prefix: string): Promise<{ hash: string; subject: string }[]> {
    const out = await this.run(['log', '--format=%H%x1f%s', '--fixed-strings', `--grep=${prefix}`]);
    return out
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [hash = '', subject = ''] = l.split('\x1f');
        return { hash, subject };
      })
      .filter((c) => c.subject.startsWith(prefix));
  }

  async revertCommit(hash: string): Promise<void> {
    await this.run(['revert', '--no-edit', hash]);
  }

  /** Commits exactly these paths (other staged or modified files are left alone). */
  async commitFiles(paths: string[], message: string): Promise<void> {
    await this.run(['add', '--', ...paths]);
    await this.run(['commit', '--quiet', '-m', message, '--', ...paths]);
  }
}
