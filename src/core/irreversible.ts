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
