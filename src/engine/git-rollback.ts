// The git/GitHub half of the rollback menu: delete the tag (local and remote), turn the GitHub
// release into a draft or delete it, revert the version bump commit, prepare a patch release.
// What is available comes from reality (git, `git ls-remote`, `gh release view`), probed
// asynchronously into facts; the menu itself is computed synchronously from those facts.
// Every action is journaled (action 'rollback').
import semver from 'semver';
import { Gh, GhError } from '../adapters/gh.js';
import { Git, GitError } from '../adapters/git.js';
import type { Plan } from '../core/plan-types.js';
import { releaseTags } from '../core/release-tags.js';
import { bumpCommitMessage } from '../core/version-bump.js';
import type { RollbackAction, RollbackResult } from './engine-api.js';
import type { EngineServices, GitRollback } from './engine-services.js';
import type { Journal } from './step-types.js';

export interface GitRollbackDeps {
  plan: Plan;
  /** Absolute repo path. */
  repo: string;
  journal: Journal;
  /** Child environment (GH_TOKEN travels here). */
  env: Record<string, string | undefined>;
  log?(text: string): void;
  signal?: AbortSignal;
}

export interface GitRollbackFacts {
  tag: string;
  /** Every tag of the release (the release tag first, then the extraTags of git-tag steps). */
  tags: string[];
  remote: string;
  /** The release's tags that exist locally / on the remote (undefined: the remote could not be asked). */
  localTags: string[];
  remoteTags: string[] | undefined;
  tagLocal: boolean;
  /** undefined: the remote could not be asked. */
  tagRemote: boolean | undefined;
  /** null: no release; undefined: not known (no github-release step, or gh failed). */
  release: { isDraft: boolean; url: string } | null | undefined;
  /** Why `release` is unknown. */
  releaseUnknown?: string;
  bump?: { hash: string; subject: string };
  bumpReverted: boolean;
  /** The version a patch release would carry. */
  patch?: string;
}

export type GitRollbackId = RollbackAction['id'];

/** How long the menu trusts its last look at git and GitHub. */
const FACTS_MAX_AGE_MS = 10_000;

const ROLLBACK_IDS: readonly GitRollbackId[] = [
  'delete-tag',
  'draft-github-release',
  'delete-github-release',
  'revert-bump',
  'prepare-patch',
];

export interface GitRollbackResult extends RollbackResult {
  /** prepare-patch: the commands to run next. */
  commands?: string[][];
}

function settings(plan: Plan): { remote: string; repo?: string; hasRelease: boolean } {
  const steps = plan.phases.flatMap((p) => p.steps.map((s) => s.config));
  const push = steps.find((c) => c.kind === 'git-push');
  const tag = steps.find((c) => c.kind === 'git-tag');
  const release = steps.find((c) => c.kind === 'github-release');
  const remote = (push?.kind === 'git-push' && push.remote) || (tag?.kind === 'git-tag' && tag.remote) || 'origin';
  return {
    remote,
    repo: release?.kind === 'github-release' ? release.repo : undefined,
    hasRelease: release !== undefined,
  };
}

const clients = (deps: GitRollbackDeps) => ({
  git: new Git(deps.repo, { env: deps.env, signal: deps.signal }),
  gh: new Gh(deps.repo, { env: deps.env, signal: deps.signal, repo: settings(deps.plan).repo }),
});

/** The bump subject prefix: "Bump version to 0.16.0" (the bump-version step's wording). */
export function bumpPrefix(plan: Plan): string {
  return bumpCommitMessage(plan.next).replace(/ for next development cycle$/, '');
}

export async function probeGitRollback(deps: GitRollbackDeps): Promise<GitRollbackFacts> {
  const { plan } = deps;
  const { remote, hasRelease } = settings(plan);
  const { git, gh } = clients(deps);
  const tag = plan.tag;
  const tags = releaseTags(plan);
  const filterAsync = async (pred: (t: string) => Promise<boolean>) => {
    const flags = await Promise.all(tags.map(pred));
    return tags.filter((_, i) => flags[i]);
  };
  const [localTags, remoteTags, bumps, releaseProbe] = await Promise.all([
    filterAsync((t) => git.tagExists(t)),
    git
      .remoteExists(remote)
      .then((has) => (has ? filterAsync((t) => git.remoteTagExists(remote, t)) : []))
      .catch(() => undefined),
    git.findCommits(bumpPrefix(plan)),
    hasRelease
      ? gh.viewRelease(tag).then(
          (r) => ({ release: r ? { isDraft: r.isDraft, url: r.url } : null }),
          (e: unknown) => ({ release: undefined, why: e instanceof GhError ? e.message : String(e) }),
        )
      : Promise.resolve({ release: undefined, why: 'the plan has no github-release step' }),
  ]);
  const bump = bumps[0];
  const reverted = bump ? (await git.findCommits(`Revert "${bump.subject}"`)).length > 0 : false;
  return {
    tag,
    tags,
    remote,
    localTags,
    remoteTags,
    tagLocal: localTags.length > 0,
    tagRemote: remoteTags === undefined ? undefined : remoteTags.length > 0,
    release: releaseProbe.release,
    ...('why' in releaseProbe && releaseProbe.why ? { releaseUnknown: releaseProbe.why } : {}),
    ...(bump ? { bump } : {}),
    bumpReverted: reverted,
    ...(semver.valid(plan.version) ? { patch: semver.inc(plan.version, 'patch') ?? undefined } : {}),
  };
}

/** The menu, from facts: every action, with why it is disabled when it is. */
export function gitRollbackActions(f: GitRollbackFacts): RollbackAction[] {
  const noRelease =
    f.release === undefined
      ? `the GitHub release could not be checked (${f.releaseUnknown ?? 'unknown'})`
      : f.release === null
        ? `there is no GitHub release for ${f.tag}`
        : undefined;
  const where = [f.tagLocal && 'locally', f.tagRemote && `on ${f.remote}`].filter(Boolean).join(' and ');
  const names = f.tags.length > 1 ? `tags ${f.tags.join(', ')}` : `tag ${f.tag}`;
  const action = (id: GitRollbackId, title: string, disabledReason: string | undefined): RollbackAction =>
    disabledReason ? { id, title, disabledReason } : { id, title };
  return [
    action(
      'delete-tag',
      `Delete ${names}${where ? ` (${where})` : ''}`,
      f.tagLocal || f.tagRemote ? undefined : `the ${names} ${f.tags.length > 1 ? 'were' : 'was'} never created`,
    ),
    action(
      'draft-github-release',
      `Turn the GitHub release ${f.tag} into a draft`,
      noRelease ?? (f.release?.isDraft ? 'the GitHub release is already a draft' : undefined),
    ),
    action('delete-github-release', `Delete the GitHub release ${f.tag}`, noRelease),
    action(
      'revert-bump',
      f.bump ? `Revert "${f.bump.subject}" (${f.bump.hash.slice(0, 7)})` : 'Revert the version bump commit',
      !f.bump
        ? 'no version bump commit was found'
        : f.bumpReverted
          ? 'the version bump was already reverted'
          : undefined,
    ),
    action(
      'prepare-patch',
      f.patch ? `Prepare patch release ${f.patch}` : 'Prepare a patch release',
      f.patch ? undefined : 'the release version is not a semver version',
    ),
  ];
}

/** The commands an action runs, for the confirmation modal. */
export function gitRollbackCommands(id: GitRollbackId, f: GitRollbackFacts, plan: Plan): string[][] {
  const repo = settings(plan).repo;
  switch (id) {
    case 'delete-tag':
      return [
        ...(f.remoteTags ?? []).map((t) => ['git', 'push', f.remote, '--delete', `refs/tags/${t}`]),
        ...f.localTags.map((t) => ['git', 'tag', '-d', t]),
      ];
    case 'draft-github-release':
      return [Gh.draftArgv(f.tag, repo)];
    case 'delete-github-release':
      return [Gh.deleteArgv(f.tag, repo)];
    case 'revert-bump':
      return f.bump ? [['git', 'revert', '--no-edit', f.bump.hash]] : [];
    case 'prepare-patch':
      return patchCommands(f);
  }
}

function patchCommands(f: GitRollbackFacts): string[][] {
  if (!f.patch) return [];
  const base = f.tagLocal ? f.tag : 'HEAD';
  return [
    ['git', 'switch', '-c', `release/v${f.patch}`, base],
    ['release-cockpit', 'bump', '--to', f.patch, '--commit'],
    ['release-cockpit', 'run'],
  ];
}

/** Runs one action (probing first unless facts are given), journaled; never throws for an expected failure. */
export async function runGitRollback(
  id: GitRollbackId,
  deps: GitRollbackDeps,
  known?: GitRollbackFacts,
): Promise<GitRollbackResult> {
  const f = known ?? (await probeGitRollback(deps));
  const entry = gitRollbackActions(f).find((a) => a.id === id);
  const target =
    id === 'prepare-patch'
      ? `${id} ${f.patch ?? ''}`.trim()
      : id === 'revert-bump'
        ? `${id} ${f.bump?.hash.slice(0, 7) ?? ''}`.trim()
        : `${id} ${f.tag}`;
  if (!entry || entry.disabledReason)
    return { target, ok: false, message: entry?.disabledReason ?? `unknown rollback action ${id}` };
  const { git, gh } = clients(deps);
  const log = deps.log ?? (() => {});
  try {
    return await deps.journal.around('rollback', target, undefined, async (): Promise<GitRollbackResult> => {
      switch (id) {
        case 'delete-tag': {
          for (const t of f.remoteTags ?? []) await git.deleteRemoteTag(f.remote, t);
          for (const t of f.localTags) await git.deleteTag(t);
          const gone = [...new Set([...(f.remoteTags ?? []), ...f.localTags])];
          log(
            `deleted ${gone.length > 1 ? 'tags' : 'tag'} ${gone.join(', ')}${f.tagRemote ? ` on ${f.remote}` : ''}${f.tagLocal ? `${f.tagRemote ? ' and' : ''} locally` : ''}`,
          );
          return { target, ok: true, message: `deleted ${gone.length > 1 ? 'tags' : 'tag'} ${gone.join(', ')}` };
        }
        case 'draft-github-release':
          await gh.setDraft(f.tag);
          return { target, ok: true, message: `the GitHub release ${f.tag} is a draft now` };
        case 'delete-github-release':
          await gh.deleteRelease(f.tag);
          return { target, ok: true, message: `deleted the GitHub release ${f.tag} (the tag is kept)` };
        case 'revert-bump': {
          await git.revertCommit(f.bump?.hash ?? '');
          const head = (await git.headCommit()).slice(0, 7);
          return { target, ok: true, message: `reverted "${f.bump?.subject}" as ${head}; push it when ready` };
        }
        case 'prepare-patch': {
          const commands = patchCommands(f);
          for (const c of commands) log(`next: ${c.join(' ')}`);
          return {
            target: f.patch ?? '',
            ok: true,
            message: `patch release ${f.patch}: ${commands.map((c) => c.join(' ')).join(', then ')}`,
            commands,
          };
        }
      }
    });
  } catch (e) {
    if (e instanceof GitError || e instanceof GhError) return { target, ok: false, message: e.message };
    throw e;
  }
}

/**
 * The tag and GitHub release actions: actions() answers from the last probe of git and
 * GitHub, probing first when there is none or it is stale (an engine that never shows the menu
 * never asks GitHub); every action refreshes it, and run() probes again, so a stale menu never acts
 * on a stale fact.
 */
export function createGitRollback(services: EngineServices): GitRollback {
  /** Runs fn with deps over a "rollback" step context: its env, its output buffer and log. */
  const withDeps = async <T>(fn: (d: GitRollbackDeps) => Promise<T>): Promise<T> => {
    const ctx = services.context('rollback');
    try {
      return await fn({
        plan: services.plan,
        repo: services.repo,
        journal: services.journal,
        env: ctx.env,
        log: (t) => ctx.log(t),
      });
    } finally {
      await ctx.dispose();
    }
  };
  let facts: GitRollbackFacts | undefined;
  let probedAt = 0;
  let pending: Promise<void> | undefined;
  let generation = 0;
  // The newest probe wins: one started before an action must not overwrite what follows it.
  const refresh = (): Promise<void> => {
    const mine = ++generation;
    const p: Promise<void> = withDeps(probeGitRollback)
      .then(
        (f) => {
          if (mine !== generation) return;
          facts = f;
          probedAt = Date.now();
        },
        (e: unknown) =>
          services.notice(
            `Could not check the tag and the GitHub release for the rollback menu: ${(e as Error).message}`,
          ),
      )
      .finally(() => void (pending === p && (pending = undefined)));
    pending = p;
    return p;
  };
  return {
    async actions() {
      // Steps run while the menu is closed: facts older than FACTS_MAX_AGE_MS are asked again.
      if (pending) await pending;
      else if (!facts || Date.now() - probedAt > FACTS_MAX_AGE_MS) await refresh();
      if (facts) return gitRollbackActions(facts);
      return ROLLBACK_IDS.map((id) => ({
        id,
        title: id,
        disabledReason: 'git and GitHub could not be checked (see the notice)',
      }));
    },
    async run(id) {
      try {
        return await withDeps(async (d) => {
          const f = await probeGitRollback(d);
          const title = gitRollbackActions(f).find((a) => a.id === id)?.title ?? id;
          if (!(await services.confirm({ title, commands: gitRollbackCommands(id, f, services.plan) })))
            return { target: id, ok: false, message: 'not confirmed' };
          return runGitRollback(id, d, f);
        });
      } finally {
        services.store.flush();
        await refresh();
      }
    },
  };
}
