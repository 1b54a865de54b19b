// Every release of the repository that ran anything, summarized from its saved state and its
// journal (what it published): `status --all` and the cockpit's history view. Read-only, no lock.
import { openJournal } from '../engine/journal.js';
import { summarizeRelease, type ReleaseSummary } from '../engine/release-history.js';
import { listReleases } from './release-lookup.js';

/** Newest first. Unreadable releases are left out when `tolerant` (the cockpit must open anyway). */
export function releaseSummaries(repo: string, tolerant = false): ReleaseSummary[] {
  return listReleases(repo, tolerant).map((r) => {
    const journal = openJournal(r.dir, { readOnly: true });
    try {
      return summarizeRelease(r.state, journal.entries());
    } finally {
      journal.close();
    }
  });
}
