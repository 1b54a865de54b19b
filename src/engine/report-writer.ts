// Writes the release report (core/release-report.ts) to <state dir>/report.md whenever a run
// stops, whatever the result: the maintainer finds the progress so far beside the state, and
// `release-cockpit status --report` rebuilds the same text from the persisted state and journal.
import { join } from 'node:path';
import { writeFileAtomicSync } from '../adapters/atomic-write.js';
import type { Plan } from '../core/plan-types.js';
import { buildReleaseReport } from '../core/release-report.js';
import type { ReleaseState } from '../core/state-types.js';
import type { JournalEntry } from '../core/journal-types.js';

export const REPORT_FILE = 'report.md';

export function reportFile(stateDir: string): string {
  return join(stateDir, REPORT_FILE);
}

export interface ReportOptions {
  /** owner/name of the GitHub repository, for the release link (the github-release step's `repo` otherwise). */
  repo?: string;
}

function iso(now: string | number | Date): string {
  return typeof now === 'string' ? now : new Date(now).toISOString();
}

/**
 * Writes report.md atomically (a reader never sees half a report, a crash of the process leaves
 * the previous one) with mode 0600 like the rest of the state dir: it names hosts, tags and crates of a
 * release in progress. Returns the path written.
 */
export function writeReleaseReport(
  stateDir: string,
  plan: Plan,
  state: ReleaseState,
  journalEntries: readonly JournalEntry[],
  now: string | number | Date,
  opts: ReportOptions = {},
): string {
  const text = buildReleaseReport({ plan, state, journal: [...journalEntries], now: iso(now), repo: opts.repo });
  const file = reportFile(stateDir);
  // Not fsync'd: the end of every run waits for it, and status --report rebuilds it from the
  // state and journal, which are.
  writeFileAtomicSync(file, text, { mode: 0o600, durable: false });
  return file;
}

/**
 * For the engine at the end of a run: the report is a by-product, so a failure to write it (disk
 * full, state dir removed under us) must not turn a finished release into a failed run. Returns
 * a notice for the maintainer instead of throwing.
 */
export function tryWriteReleaseReport(
  stateDir: string,
  plan: Plan,
  state: ReleaseState,
  journalEntries: readonly JournalEntry[],
  now: string | number | Date,
): string | undefined {
  try {
    writeReleaseReport(stateDir, plan, state, journalEntries, now);
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    const why = code ? `(${code})` : `: ${(e as Error)?.message ?? String(e)}`;
    return `Could not write the release report ${reportFile(stateDir)} ${why}; \`release-cockpit status --report\` rebuilds it from the saved state.`;
  }
}
