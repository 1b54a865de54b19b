// One line of journal.jsonl. Every irreversible action writes `intent` before and `done`
// (or `failed`) after; an intent without an outcome is reconciled against reality on resume.

export type JournalAction =
  | 'publish-crate'
  | 'yank-crate'
  | 'unyank-crate'
  | 'publish-python'
  | 'git-tag'
  | 'git-push'
  | 'github-release'
  | 'github-pr'
  | 'run' // an irreversible `run` step
  | 'step' // a step marked irreversible whose kind journals nothing itself (the runner does)
  | 'rollback';

export interface JournalEntry {
  /** ISO timestamp. */
  ts: string;
  type: 'intent' | 'done' | 'failed' | 'reconciled' | 'note';
  /** Pairs the outcome with its intent. */
  id: string;
  action: JournalAction;
  /** What it acts on, e.g. "micromegas-auth@0.15.0", "v0.15.0", "origin". */
  target: string;
  step?: string;
  /** Free-form, never secrets (masked before writing). */
  detail?: string;
}
