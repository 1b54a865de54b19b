// The GitHub CLI, argv only. Tokens reach gh through the environment (GH_TOKEN), never argv.
import { capture, type CaptureOptions } from './capture.js';

export class GhError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GhError';
  }
}

export interface GhRelease {
  tagName: string;
  name: string;
  isDraft: boolean;
  url: string;
  assets: string[];
}

export interface CreateReleaseArgs {
  tag: string;
  title: string;
  notesFile: string;
  latest: boolean;
  files: string[];
  repo?: string;
}

export interface GhOptions extends Omit<CaptureOptions, 'cwd'> {
  /** owner/name when gh cannot infer it from the checkout. */
  repo?: string;
}

/** The child's identity at spawn (the journal's `child` record of an irreversible gh call). */
type Spawned = Pick<CaptureOptions, 'onSpawn'>;

const NOT_FOUND = /release not found/i;
const NO_PR = /no pull requests found/i;

export interface GhPullRequest {
  number: number;
  url: string;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  baseRefName: string;
  headRefName: string;
  /** The head commit (frozen once merged). */
  headRefOid: string;
}

export interface CreatePrArgs {
  base: string;
  head: string;
  title: string;
  body: string;
  repo?: string;
}

export class Gh {
  constructor(
    readonly cwd: string,
    private readonly opts: GhOptions = {},
  ) {}

  private repoArgs(): string[] {
    return this.opts.repo ? ['--repo', this.opts.repo] : [];
  }

  private async run(
    args: string[],
    extra: Spawned = {},
  ): Promise<{ ok: boolean; stdout: string; why: string; argv: string[] }> {
    const argv = ['gh', ...args];
    const res = await capture(argv, { ...this.opts, ...extra, cwd: this.cwd });
    if (res.notFound)
      throw new GhError('gh: command not found on PATH (install the GitHub CLI: https://cli.github.com).');
    const why =
      [res.stderr, res.stdout]
        .join('\n')
        .split('\n')
        .map((l) => l.trim())
        .find(Boolean) ??
      res.error ??
      '';
    return { ok: res.exitCode === 0, stdout: res.stdout, why: why.replace(/\.$/, ''), argv };
  }

  private async must(args: string[], extra: Spawned = {}): Promise<string> {
    const r = await this.run(args, extra);
    if (!r.ok) throw new GhError(`\`${r.argv.join(' ')}\` failed: ${r.why || 'no output'}.`);
    return r.stdout.trim();
  }

  /** The release of a tag, or undefined when GitHub has none ("release not found"). */
  async viewRelease(tag: string): Promise<GhRelease | undefined> {
    const r = await this.run(['release', 'view', tag, '--json', 'tagName,name,isDraft,url,assets', ...this.repoArgs()]);
    if (!r.ok) {
      if (NOT_FOUND.test(r.why)) return undefined;
      throw new GhError(`\`${r.argv.join(' ')}\` failed: ${r.why || 'no output'}.`);
    }
    const v = JSON.parse(r.stdout) as Omit<GhRelease, 'assets'> & { assets?: { name: string }[] | null };
    return {
      tagName: v.tagName,
      name: v.name,
      isDraft: v.isDraft,
      url: v.url,
      assets: (v.assets ?? []).map((a) => a.name),
    };
  }

  /**
   * `--verify-tag`: without it gh would create a missing tag from the default branch, which is
   * never what a release wants. Returns the release URL gh prints.
   */
  static createArgv(a: CreateReleaseArgs): string[] {
    return [
      'gh',
      'release',
      'create',
      a.tag,
      '--verify-tag',
      '--title',
      a.title,
      '--notes-file',
      a.notesFile,
      a.latest ? '--latest' : '--latest=false',
      ...(a.repo ? ['--repo', a.repo] : []),
      ...a.files,
    ];
  }

  async createRelease(a: Omit<CreateReleaseArgs, 'repo'>, extra: Spawned = {}): Promise<string> {
    return this.must(Gh.createArgv({ ...a, repo: this.opts.repo }).slice(1), extra);
  }

  static draftArgv(tag: string, repo?: string): string[] {
    return ['gh', 'release', 'edit', tag, '--draft', ...(repo ? ['--repo', repo] : [])];
  }

  async setDraft(tag: string, extra: Spawned = {}): Promise<void> {
    await this.must(Gh.draftArgv(tag, this.opts.repo).slice(1), extra);
  }

  /** The release's notes as GitHub has them (`gh release view TAG --json body`). */
  async releaseNotes(tag: string): Promise<string> {
    const out = await this.must(['release', 'view', tag, '--json', 'body', ...this.repoArgs()]);
    const body = (JSON.parse(out) as { body?: unknown }).body;
    return typeof body === 'string' ? body : '';
  }

  static editNotesArgv(tag: string, notesFile: string, repo?: string): string[] {
    return ['gh', 'release', 'edit', tag, '--notes-file', notesFile, ...(repo ? ['--repo', repo] : [])];
  }

  async editNotes(tag: string, notesFile: string, extra: Spawned = {}): Promise<void> {
    await this.must(Gh.editNotesArgv(tag, notesFile, this.opts.repo).slice(1), extra);
  }

  static deleteArgv(tag: string, repo?: string): string[] {
    return ['gh', 'release', 'delete', tag, '--yes', ...(repo ? ['--repo', repo] : [])];
  }

  async deleteRelease(tag: string, extra: Spawned = {}): Promise<void> {
    await this.must(Gh.deleteArgv(tag, this.opts.repo).slice(1), extra);
  }

  /** The newest pull request of a head branch (`gh pr view BRANCH`), or undefined when it has none. */
  async viewPr(head: string): Promise<GhPullRequest | undefined> {
    const r = await this.run([
      'pr',
      'view',
      head,
      '--json',
      'number,url,state,baseRefName,headRefName,headRefOid',
      ...this.repoArgs(),
    ]);
    if (!r.ok) {
      if (NO_PR.test(r.why)) return undefined;
      throw new GhError(`\`${r.argv.join(' ')}\` failed: ${r.why || 'no output'}.`);
    }
    return JSON.parse(r.stdout) as GhPullRequest;
  }

  static prCreateArgv(a: CreatePrArgs): string[] {
    return [
      'gh',
      'pr',
      'create',
      '--base',
      a.base,
      '--head',
      a.head,
      '--title',
      a.title,
      '--body',
      a.body,
      ...(a.repo ? ['--repo', a.repo] : []),
    ];
  }

  /** Opens the pull request; returns the URL gh prints. */
  async createPr(a: Omit<CreatePrArgs, 'repo'>, extra: Spawned = {}): Promise<string> {
    const out = await this.must(Gh.prCreateArgv({ ...a, repo: this.opts.repo }).slice(1), extra);
    return out.split('\n').filter(Boolean).at(-1) ?? out;
  }
}
