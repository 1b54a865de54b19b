// One line per release with state: its result, when, and what it published (from its journal,
// the record of what happened on the registry). Shared by `status --all` and the cockpit's
// history view. Pure: the caller reads the state and the journal.
import type { ReleaseState } from '../core/state-types.js';
import type { JournalEntry } from '../core/journal-types.js';
import { happened } from './journal.js';
import { plural } from '../core/plural.js';

export type ReleaseResult = 'finished' | 'failed' | 'interrupted' | 'in progress';

export interface ReleaseSummary {
  version: string;
  project: string;
  result: ReleaseResult;
  /** The failed or interrupted step (result failed / interrupted). */
  stoppedAt?: string;
  /** ISO: when it last changed. */
  updatedAt: string;
  /** ISO: when its last step ended (finished releases). */
  finishedAt?: string;
  /** name@version of every crate it uploaded (journal), in the order uploaded. */
  published: string[];
  /** name@version of the published crates last confirmed yanked on the index. */
  yanked: string[];
}

/** An upload that happened: a done entry, or an interrupted one reconciliation found had happened. */
export function publishedTargets(entries: JournalEntry[]): string[] {
  const targets = new Set(entries.filter((e) => e.action === 'publish-crate').map((e) => e.target));
  return [...targets].filter((t) => happened(entries, 'publish-crate', t));
}

export function summarizeRelease(state: ReleaseState, entries: JournalEntry[]): ReleaseSummary {
  const steps = Object.entries(state.steps);
  const failed = steps.find(([, s]) => s.status === 'failed');
  const interrupted = steps.find(([, s]) => s.status === 'interrupted');
  const finished = steps.length > 0 && steps.every(([, s]) => s.status === 'passed' || s.status === 'skipped');
  const result: ReleaseResult = finished ? 'finished' : failed ? 'failed' : interrupted ? 'interrupted' : 'in progress';
  const ends = steps
    .map(([, s]) => s.endedAt ?? '')
    .filter((t) => t !== '')
    .sort();
  const published = publishedTargets(entries);
  const yanked = Object.entries(state.crates)
    .filter(([name, c]) => c.yanked === true && published.includes(`${name}@${c.version}`))
    .map(([name, c]) => `${name}@${c.version}`);
  return {
    version: state.version,
    project: state.project,
    result,
    ...((failed ?? interrupted) && { stoppedAt: (failed ?? interrupted)![0] }),
    updatedAt: state.updatedAt,
    ...(finished && ends.length > 0 && { finishedAt: ends.at(-1) }),
    published,
    yanked,
  };
}

/** "5 min ago", "2 h ago", "3 days ago". */
export function ago(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(s)) return 'at an unknown time';
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  const d = Math.round(s / 86_400);
  return `${plural(d, 'day')} ago`;
}

/** "finished 5 min ago", "failed at publish 2 h ago", "in progress, updated just now". */
export function describeResult(r: ReleaseSummary, now: number): string {
  switch (r.result) {
    case 'finished':
      return `finished ${ago(r.finishedAt ?? r.updatedAt, now)}`;
    case 'failed':
    case 'interrupted':
      return `${r.result} at ${r.stoppedAt} ${ago(r.updatedAt, now)}`;
    case 'in progress':
      return `in progress, updated ${ago(r.updatedAt, now)}`;
  }
}

/** The lines of `status --all`: one per release, newest first, with what it published. */
export function formatHistory(releases: ReleaseSummary[], now: number): string {
  if (releases.length === 0) return 'No release has run in this repository yet.\n';
  const width = Math.max(...releases.map((r) => r.version.length));
  const lines = releases.map((r) => {
    const crates = r.published.length === 0 ? 'published no crate' : `published ${plural(r.published.length, 'crate')}`;
    const yanked = r.yanked.length > 0 ? `, ${r.yanked.length} yanked (${r.yanked.join(', ')})` : '';
    return `${r.version.padEnd(width)}  ${describeResult(r, now)}; ${crates}${yanked}`;
  });
  return `${lines.join('\n')}\n`;
}
