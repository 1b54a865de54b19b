// Whether a step's action can be taken back: the one rule that plan, runner, cockpit and dry run
// all read (through PlannedStep.irreversible, which the plan fills from here).

/**
 * Kinds whose action reaches the outside world and cannot be taken back, whatever the config says.
 * The others act locally (a tag is deleted with `git tag -d`, an edit or a commit undone with git)
 * unless the config says otherwise.
 */
export const ALWAYS_IRREVERSIBLE_KINDS: ReadonlySet<string> = new Set([
  'publish-crates',
  'publish-python',
  'git-push',
  'github-release',
  'github-pr',
]);

/** What the rule reads of a step's config (any kind). */
export interface IrreversibleInput {
  kind: string;
  /** The config's `"irreversible": true`, honoured on every kind. */
  irreversible?: boolean;
  /** bump-version pushes its commit when set. */
  push?: boolean;
}

/** An irreversible step is confirmed first (cockpit modal or --yes), journalled, and only printed in a dry run. */
export function isIrreversible(step: IrreversibleInput): boolean {
  if (ALWAYS_IRREVERSIBLE_KINDS.has(step.kind)) return true;
  if (step.irreversible === true) return true;
  return step.kind === 'bump-version' && step.push === true;
}

/** The rollback menu's actions beside yank and unyank. */
export const ROLLBACK_ACTION_IDS = [
  'delete-tag',
  'draft-github-release',
  'delete-github-release',
  'revert-bump',
  'edit-release-notes',
  'yank-python',
  'prepare-patch',
] as const;

export type RollbackActionId = (typeof ROLLBACK_ACTION_IDS)[number];

/**
 * Rollback actions nothing takes back: a deleted GitHub release loses its notes, assets and
 * download counts (a new one can be made for the tag, not the same one). Every other action's
 * confirmation says what undoes it instead of "This cannot be undone": a deleted tag is pushed
 * again from its commit, a draft published again, a yank (crates.io or PyPI) undone, a revert
 * dropped before it is pushed, edited notes put back from the copy kept of them.
 */
export const IRREVERSIBLE_ROLLBACK_ACTIONS: ReadonlySet<RollbackActionId> = new Set(['delete-github-release']);

export function isIrreversibleRollback(id: RollbackActionId): boolean {
  return IRREVERSIBLE_ROLLBACK_ACTIONS.has(id);
}
