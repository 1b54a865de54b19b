// What the engine hands its parts beyond the runner (the rollback commands): the release's
// services, and the shape of the rollback commands they build.
import type { Plan } from '../core/plan-types.js';
import type { OutputHub } from '../store/output-types.js';
import type { ReleaseStore } from '../store/release-store.js';
import type { RegistryCrateStatus, RollbackAction, RollbackResult } from './engine-api.js';
import type { ScopedContext } from './step-context.js';
import type { ConfirmRequest, Journal } from './step-types.js';

export interface EngineServices {
  plan: Plan;
  store: ReleaseStore;
  journal: Journal;
  output: OutputHub;
  repo: string;
  stateDir: string;
  dryRun: boolean;
  yes: boolean;
  /** A step context whose output goes to that id's buffer and log (a planned step, or e.g. "rollback"). */
  context(stepId: string, signal?: AbortSignal): ScopedContext;
  /** Asks the host (cockpit modal, or --yes) like an irreversible step does. */
  confirm(req: ConfirmRequest): Promise<boolean>;
  notice(text: string): void;
  /** The engine's clock. */
  now(): number;
}

/** The crate half of the rollback menu (crate-rollback.ts). */
export interface CrateRollback {
  registryStatus(): Promise<RegistryCrateStatus[]>;
  yank(crates: string[], opts?: { force?: boolean }): Promise<RollbackResult[]>;
  unyank(crates: string[], opts?: { force?: boolean }): Promise<RollbackResult[]>;
}

/** The git and GitHub half of the rollback menu (git-rollback.ts). */
export interface GitRollback {
  actions(): Promise<RollbackAction[]>;
  run(id: RollbackAction['id']): Promise<RollbackResult>;
}
