// The last finished release, for the rollback menu when the release the cockpit runs has
// published nothing (after the post-release bump the cockpit is on the next version). Its engine
// (lock, state, journal) is opened only while acting on it: an idle cockpit holds no lock but its own.
import type { EngineApi } from '../engine/engine-api.js';
import type { Modal, RollbackModal } from './modals/modal-types.js';
import type { ReleaseShelf } from './release-shelf.js';

export interface PreviousRelease {
  version: string;
  /** "finished 5 min ago", as of now (epoch ms). */
  describe(now: number): string;
  /** Opens its engine, runs fn with it, closes it (the lock is released) whatever fn did. */
  withEngine<T>(fn: (engine: EngineApi) => Promise<T>): Promise<T>;
}

export type RollbackCall = <T>(fn: (engine: EngineApi) => Promise<T>) => Promise<T>;

/** The engine a rollback menu acts through: its own release's (another than the cockpit's), else the cockpit's. */
export function rollbackCall(
  engine: EngineApi,
  previous: PreviousRelease | undefined,
  m: Modal | undefined,
  history?: ReleaseShelf,
): RollbackCall {
  const other = m?.kind === 'rollback' ? m.release?.version : undefined;
  if (other === undefined || other === engine.plan.version) return (fn) => fn(engine);
  if (previous?.version === other) return (fn) => previous.withEngine(fn);
  if (history) return (fn) => history.withEngine(other, fn);
  return (fn) => fn(engine);
}

/** The menu switched over to the last finished release. */
export function onPreviousRelease(m: RollbackModal, previous: PreviousRelease, now: number): RollbackModal {
  return { ...m, release: { version: previous.version, label: previous.describe(now) } };
}
