// What the rollback menu knows before it offers anything: the release's tags (local, on the
// remote, the commit each points to), the GitHub release, the version bump commit, the Python
// package this release uploaded. Asked of git, `git ls-remote`, `gh release view` and the
// journal, asynchronously; the menu is computed synchronously from these facts.
import semver from 'semver';
import { Gh, GhError } from '../adapters/gh.js';
import { Git } from '../adapters/git.js';
import type { Plan } from '../core/plan-types.js';
import { configsOfKind } from '../core/plan-lookup.js';
import { releaseTags } from '../core/release-tags.js';
import { bumpCommitMessage } from '../core/version-bump.js';
import type { Journal, StepContext } from './step-types.js';

export interface GitRollbackDeps {
  plan: Plan;
  /** Absolute repo path. */
  repo: string;
  journal: Journal;
  /** Child environment (GH_TOKEN travels here). */
  env: Record<string, string | undefined>;
  /** Where drafts go (the release notes to edit): `<stateDir>/drafts/`. */
  stateDir?: string;
  log?(text: string): void;
  signal?: AbortSignal;
}

/** The deps of a rollback action run over a (rollback) step context: its env, output and signal. */
export function rollbackDepsOf(ctx: StepContext): GitRollbackDeps {
  const { plan, repo, journal, env, stateDir, signal } = ctx;
  return { plan, repo, journal, env, stateDir, signal, log: (t) => ctx.log(t) };
}

/** The Python package this release uploaded (publish-python), and whether its yank was recorded. */
export interface PythonFacts {
  package: string;
  version: string;
  /** The JSON API base the upload was checked against. */
  index: string;
  /** This release's journal has the upload done. */
  uploaded: boolean;
  /** When the maintainer recorded yanking it by hand (ISO), if they did. */
  yankedAt?: string;
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
  /** The commit the release tag points to (to recreate it after a delete), when it exists locally. */
  tagCommit?: string;
  /** null: no release; undefined: not known (no github-release step, or gh failed). */
  release: { isDraft: boolean; url: string } | null | undefined;
  /** Why `release` is unknown. */
  releaseUnknown?: string;
  bump?: { hash: string; subject: string };
  bumpReverted: boolean;
  /** The version a patch release would carry. */
  patch?: string;
  /** undefined: the plan has no publish-python step. */
  python?: PythonFacts;
}

export function rollbackSettings(plan: Plan): { remote: string; repo?: string; hasRelease: boolean } {
  const [push] = configsOfKind(plan, 'git-push');
  const [tag] = configsOfKind(plan, 'git-tag');
  const [release] = configsOfKind(plan, 'github-release');
  return { remote: push?.remote || tag?.remote || 'origin', repo: release?.repo, hasRelease: release !== undefined };
}

export const rollbackClients = (deps: GitRollbackDeps) => ({
  git: new Git(deps.repo, { env: deps.env, signal: deps.signal }),
  gh: new Gh(deps.repo, { env: deps.env, signal: deps.signal, repo: rollbackSettings(deps.plan).repo }),
});

/** The bump subject prefix: "Bump version to 0.16.0" (the bump-version step's wording). */
export function bumpPrefix(plan: Plan): string {
  return bumpCommitMessage(plan.next).replace(/ for next development cycle$/, '');
}

/** The Python package's facts from the plan and the journal (no IO). */
export function pythonFacts(plan: Plan, journal: Journal): PythonFacts | undefined {
  const [cfg] = configsOfKind(plan, 'publish-python');
  if (cfg === undefined) return undefined;
  const target = `${cfg.package}@${plan.version}`;
  const entries = journal.entries().filter((e) => e.target === target);
  const uploaded = entries.some((e) => e.action === 'publish-python' && (e.type === 'done' || e.type === 'uploaded'));
  const yank = entries.filter((e) => e.action === 'yank-python' && e.type === 'confirmed').at(-1);
  return {
    package: cfg.package,
    version: plan.version,
    index: cfg.index,
    uploaded,
    ...(yank ? { yankedAt: yank.ts } : {}),
  };
}

export async function probeGitRollback(deps: GitRollbackDeps): Promise<GitRollbackFacts> {
  const { plan } = deps;
  const { remote, hasRelease } = rollbackSettings(plan);
  const { git, gh } = rollbackClients(deps);
  const tag = plan.tag;
  const tags = releaseTags(plan);
  const filterAsync = async (pred: (t: string) => Promise<boolean>) => {
    const flags = await Promise.all(tags.map(pred));
    return tags.filter((_, i) => flags[i]);
  };
  const [localTags, remoteTags, bumps, releaseProbe, tagCommit] = await Promise.all([
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
    git.tagTarget(tag),
  ]);
  const bump = bumps[0];
  const reverted = bump ? (await git.findCommits(`Revert "${bump.subject}"`)).length > 0 : false;
  const python = pythonFacts(plan, deps.journal);
  return {
    tag,
    tags,
    remote,
    localTags,
    remoteTags,
    tagLocal: localTags.length > 0,
    tagRemote: remoteTags === undefined ? undefined : remoteTags.length > 0,
    ...(tagCommit ? { tagCommit } : {}),
    release: releaseProbe.release,
    ...('why' in releaseProbe && releaseProbe.why ? { releaseUnknown: releaseProbe.why } : {}),
    ...(bump ? { bump } : {}),
    bumpReverted: reverted,
    ...(semver.valid(plan.version) ? { patch: semver.inc(plan.version, 'patch') ?? undefined } : {}),
    ...(python ? { python } : {}),
  };
}
