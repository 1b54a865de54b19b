// One line of journal.jsonl. Every irreversible action writes `intent` before and `done` (or
// `failed`) after; an intent without an outcome is reconciled against reality on resume, and
// what reality said is the typed `verdict` of the `reconciled` entry, never a sentence.

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
  | 'rollback'
  | 'yank-python';

/**
 * Did an interrupted action happen? `unknown`: nothing could tell (a `reconciled` entry with it
 * means the maintainer chose to go on without knowing: retry or skip).
 */
/** The step rollback actions (yank, unyank, tag and GitHub actions, notes) are journaled under: no plan step has it. */
export const ROLLBACK_STEP_ID = 'rollback';

export type Verdict = 'done' | 'not-done' | 'unknown';

interface EntryBase {
  /** ISO timestamp. */
  ts: string;
  /** Pairs every later entry of the action with its intent. */
  id: string;
  action: JournalAction;
  /** What it acts on, e.g. "micromegas-auth@0.15.0", "v0.15.0", "origin". */
  target: string;
  step?: string;
  /** Free-form, for people only (never read back by code); never secrets (masked before writing). */
  detail?: string;
}

export type JournalEntry =
  | (EntryBase & { type: 'done' | 'failed' | 'note' })
  /**
   * `inProcess`: this process sends the request itself (no child outlives a kill of it), so the
   * registry may still be handling a request whose sender is gone.
   */
  | (EntryBase & { type: 'intent'; inProcess?: true })
  /** The registry acknowledged the upload (cargo printed `Uploaded`): it happened, whatever the index says yet. */
  | (EntryBase & { type: 'uploaded' })
  | (EntryBase & { type: 'reconciled'; verdict: Verdict })
  /** The maintainer says they did it by hand (a web action such as a PyPI yank): nothing here could. */
  | (EntryBase & { type: 'confirmed'; by: 'maintainer' })
  /** The process doing the irreversible action: a later session waits for it or stops it (an orphan). */
  | (EntryBase & {
      type: 'child';
      pid: number;
      pgid?: number;
      /** Its start stamp (adapters/process-identity.ts): a reused pid is told apart from the orphan. */
      start?: string;
    });

export type JournalEntryType = JournalEntry['type'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a caller appends: the journal stamps `ts` and, for an intent, a fresh `id`. */
export type NewJournalEntry = DistributiveOmit<JournalEntry, 'ts' | 'id'> & { id?: string };

/** Entries that close an intent: after one of these nothing about it is open. */
export const CLOSING: ReadonlySet<JournalEntryType> = new Set(['done', 'failed', 'reconciled']);
