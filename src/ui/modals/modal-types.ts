// The modals the app can stack. The top one receives the keys.
import type { RegistryCrateStatus, RollbackAction, RollbackResult } from '../../engine/engine-api.js';
import type { ConfirmRequest } from '../../engine/step-types.js';
import type { EngineApi } from '../../engine/engine-api.js';
import type { CompletionSummary } from '../../core/completion.js';
import type { HistoryEntry } from '../release-shelf.js';

export type SkipTarget = { type: 'step'; id: string; title: string } | { type: 'crate'; name: string };

export type RegistryLoad =
  { status: 'loading' } | { status: 'ready'; crates: RegistryCrateStatus[] } | { status: 'error'; message: string };

export interface RollbackModal {
  kind: 'rollback';
  /** Another release than the cockpit's (the last finished one, when this one published nothing). */
  release?: { version: string; label: string };
  load: RegistryLoad;
  actions: RollbackAction[];
  /** The other actions are being checked with git and GitHub. */
  actionsLoading?: boolean;
  cursor: number;
  /** Names of the selected crates. */
  selected: string[];
  /** What is running now ("yanking 2 crates"), when something is. */
  busy?: string;
  results: RollbackResult[];
}

/** The releases of this repository (h): enter opens one's rollback menu. */
export interface HistoryModal {
  kind: 'history';
  load: { status: 'loading' } | { status: 'ready'; releases: HistoryEntry[] } | { status: 'error'; message: string };
  cursor: number;
}

export type Modal =
  | { kind: 'help'; scroll: number }
  | {
      kind: 'confirm';
      request: ConfirmRequest;
      text: string;
      resolve: (ok: boolean) => void;
      scroll?: number;
      pasted?: boolean;
      /** The engine that asked (another release's, from the history): its editor opens the draft. */
      asker?: Pick<EngineApi, 'editInEditor'>;
    }
  | { kind: 'skip-reason'; target: SkipTarget; text: string }
  | { kind: 'search'; text: string }
  | { kind: 'quit'; stepTitle?: string }
  | { kind: 'resume'; scroll: number; registry: RegistryLoad }
  | { kind: 'completion'; scroll: number; summary?: CompletionSummary; error?: string }
  | RollbackModal
  | HistoryModal;

/** Modals that edit a line of text. */
export function isTextModal(m: Modal | undefined): boolean {
  return (
    m !== undefined &&
    (m.kind === 'skip-reason' || m.kind === 'search' || (m.kind === 'confirm' && m.request.typed !== undefined))
  );
}

export function modalText(m: Modal | undefined): string {
  return m && (m.kind === 'skip-reason' || m.kind === 'search' || m.kind === 'confirm') ? m.text : '';
}
