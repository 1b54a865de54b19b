// A release exists once it started: a step ran, was confirmed or skipped, a crate was acted on,
// or the journal got an entry. Until then its store holds the state in memory only (deferred),
// so opening a cockpit and quitting leaves nothing on disk.
import type { ReleaseStore } from '../store/release-store.js';
import type { FileJournal } from './journal.js';
import type { Journal } from './step-types.js';
import { hasStarted } from '../store/selectors.js';
import type { ReleaseState } from '../core/state-types.js';

/** Subscribes a deferred store: the first change that makes the release exist starts the writes. */
export function activateWhenStarted(store: ReleaseStore): () => void {
  if (store.active) return () => undefined;
  const check = (s: ReleaseState): void => {
    if (store.active || !hasStarted(s)) return;
    unsubscribe();
    store.activate();
    // Listeners run before persist hands the store this change: write it once it has.
    queueMicrotask(() => {
      try {
        store.flush();
      } catch {
        // The next write (or the flush before an irreversible action) reports it.
      }
    });
  };
  const unsubscribe = store.subscribe(check);
  return unsubscribe;
}

/** The journal steps see: an entry makes the release exist; an irreversible action's outcome is flushed with the state. */
export function startingJournal(journal: FileJournal, store: ReleaseStore): Journal {
  return {
    // Fail closed: an intent (the start of an irreversible action) is written only after the state saved.
    append: (e) => {
      store.activate();
      if (e.type === 'intent') store.flush();
      return journal.append(e);
    },
    entries: () => journal.entries(),
    openIntents: () => journal.openIntents(),
    around: async (action, target, step, fn) => {
      store.activate();
      store.flush();
      try {
        return await journal.around(action, target, step, fn);
      } finally {
        store.flush();
      }
    },
  };
}
