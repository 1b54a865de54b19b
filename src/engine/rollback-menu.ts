// The rollback menu from facts (pure): every action with why it is unavailable, the commands it
// runs, and its confirmation, which says what undoes it unless core/irreversible.ts says nothing
// does. Web actions (a PyPI yank) and a patch release are steps for the maintainer, not commands.
import { Gh } from '../adapters/gh.js';
import { isIrreversibleRollback, type RollbackActionId } from '../core/irreversible.js';
import type { Plan } from '../core/plan-types.js';
import { pypiYankSteps } from '../core/pypi-yank.js';
import type { RollbackAction } from './engine-api.js';
import { rollbackSettings, type GitRollbackFacts } from './rollback-facts.js';
import type { ConfirmRequest } from './step-types.js';

function releaseUnavailable(f: GitRollbackFacts): string | undefined {
  if (f.release === undefined) return `the GitHub release could not be checked (${f.releaseUnknown ?? 'unknown'})`;
  return f.release === null ? `there is no GitHub release for ${f.tag}` : undefined;
}

function pythonUnavailable(f: GitRollbackFacts): string | undefined {
  const py = f.python;
  if (!py) return 'the plan has no publish-python step';
  if (!py.uploaded) return `this release did not upload ${py.package} ${py.version}`;
  return py.yankedAt ? `recorded as yanked on ${py.yankedAt.slice(0, 16).replace('T', ' ')} UTC` : undefined;
}

/** The menu, from facts: every action, with why it is disabled when it is. */
export function gitRollbackActions(f: GitRollbackFacts): RollbackAction[] {
  const noRelease = releaseUnavailable(f);
  const where = [f.tagLocal && 'locally', f.tagRemote && `on ${f.remote}`].filter(Boolean).join(' and ');
  const names = f.tags.length > 1 ? `tags ${f.tags.join(', ')}` : `tag ${f.tag}`;
  const action = (id: RollbackActionId, title: string, disabledReason: string | undefined): RollbackAction =>
    disabledReason ? { id, title, disabledReason } : { id, title };
  const py = f.python;
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
    action('edit-release-notes', `Edit the notes of the GitHub release ${f.tag} (in $EDITOR)`, noRelease),
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
      'yank-python',
      py
        ? `Yank ${py.package} ${py.version} on PyPI (by hand: how, then record it)`
        : 'Yank the Python package on PyPI',
      pythonUnavailable(f),
    ),
    action(
      'prepare-patch',
      f.patch ? `Patch release ${f.patch}: the steps (nothing runs)` : 'Patch release: the steps',
      f.patch ? undefined : 'the release version is not a semver version',
    ),
  ];
}

/** The commands an action runs (none for the steps done by hand). */
export function gitRollbackCommands(id: RollbackActionId, f: GitRollbackFacts, plan: Plan): string[][] {
  const repo = rollbackSettings(plan).repo;
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
    case 'edit-release-notes':
    case 'yank-python':
    case 'prepare-patch':
      return [];
  }
}

/** What takes a reversible action back (see core/irreversible.ts for the ones nothing does). */
export function undoText(id: RollbackActionId, f: GitRollbackFacts, plan: Plan): string {
  const repo = rollbackSettings(plan).repo;
  switch (id) {
    case 'delete-tag':
      return f.tagCommit
        ? `make it again at ${f.tagCommit.slice(0, 12)}: git tag -a ${f.tag} ${f.tagCommit.slice(0, 12)} -m ${f.tag}, then git push ${f.remote} refs/tags/${f.tag}`
        : `make it again at the commit it named (git tag ${f.tag} COMMIT), then git push ${f.remote} refs/tags/${f.tag}`;
    case 'draft-github-release':
      return `publish it again: gh release edit ${f.tag} --draft=false${repo ? ` --repo ${repo}` : ''}`;
    case 'revert-bump':
      return 'drop the revert before you push it: git reset --keep HEAD~1 (once pushed, revert the revert)';
    case 'edit-release-notes':
      return 'the notes as they were are kept beside the draft; the same action puts them back';
    case 'yank-python':
      return 'un-yank it on the same page ("Options", then "Un-yank")';
    case 'prepare-patch':
      return 'nothing changes: these are steps for you to take';
    case 'delete-github-release':
      return 'nothing: a new release can be made for the tag, not this one';
  }
}

/** The patch release, as steps: branch from the tag, bring the fix, bump, open the cockpit on it. */
export function patchSteps(f: GitRollbackFacts): string[] {
  if (!f.patch) return [];
  const base = f.tagLocal ? f.tag : `the commit of ${f.tag}`;
  return [
    `git switch -c release/v${f.patch} ${f.tagLocal ? f.tag : 'COMMIT'}   (a branch from ${base})`,
    'commit the fix on it, or git cherry-pick COMMIT from main',
    `release-cockpit bump --to ${f.patch} --commit`,
    `release-cockpit   (the cockpit opens on the patch release ${f.patch})`,
  ];
}

/** The question an action asks before it acts (edit-release-notes adds its draft: notes-rollback.ts). */
export function rollbackConfirmation(id: RollbackActionId, f: GitRollbackFacts, plan: Plan): ConfirmRequest {
  const title = gitRollbackActions(f).find((a) => a.id === id)?.title ?? id;
  const req: ConfirmRequest = { title, commands: gitRollbackCommands(id, f, plan) };
  if (!isIrreversibleRollback(id)) req.undo = undoText(id, f, plan);
  else req.details = [`Undo: ${undoText(id, f, plan)}.`];
  if (id === 'yank-python' && f.python) {
    const py = f.python;
    req.manual = {
      steps: pypiYankSteps(py.index, py.package, py.version),
      yes: 'I yanked it: record it in the journal',
    };
  }
  if (id === 'prepare-patch') req.manual = { steps: patchSteps(f), yes: 'close' };
  return req;
}
