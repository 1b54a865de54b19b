// The maintainer's commands on steps (retry, skip, confirm a manual step): state changes the
// runner picks up, saved at once when they decide what an interrupted action did.
import type { Plan } from '../core/plan-types.js';
import { UserError } from '../core/user-error.js';
import { findStep } from '../core/plan-lookup.js';
import type { ReleaseStore } from '../store/release-store.js';
import type { ReleaseState } from '../core/state-types.js';
import type { EngineApi } from './engine-api.js';
import type { Runner } from './runner-types.js';
import { confirmStep, retryStep, skipStep } from './step-state.js';
import type { Journal } from './step-types.js';

export interface StepCommandDeps {
  plan: Plan;
  store: ReleaseStore;
  journal: Journal;
  runner: Runner;
  nowIso(): string;
  /** Runs on from the first unfinished step. */
  start(): void;
}

export function stepCommands(d: StepCommandDeps): Pick<EngineApi, 'retry' | 'skip' | 'confirmManual'> {
  const { plan, store, journal, runner, nowIso } = d;
  const set = (f: (s: ReleaseState) => ReleaseState): void =>
    store.setState((s) => ({ ...f(s), updatedAt: nowIso() }), true);
  const knownStep = (id: string): void => {
    if (!findStep(plan, id)) throw new UserError(`no step \`${id}\` in this release.`);
  };
  return {
    retry(stepId) {
      knownStep(stepId);
      set((s) => retryStep(s, stepId));
      runner.acknowledge(stepId);
    },
    skip(stepId, reason) {
      knownStep(stepId);
      set((s) => skipStep(s, plan, stepId, reason, nowIso()));
      // The maintainer owns what an unsettled intent of a skipped step did.
      for (const i of journal.openIntents().filter((x) => x.step === stepId)) {
        journal.append({
          type: 'reconciled',
          id: i.id,
          action: i.action,
          target: i.target,
          step: stepId,
          verdict: 'unknown',
          detail: `step skipped by the maintainer: ${reason}`,
        });
      }
      store.flush();
    },
    confirmManual(stepId, note) {
      knownStep(stepId);
      set((s) => confirmStep(s, plan, stepId, note, nowIso()));
      store.flush();
      // The runner waited for exactly this confirmation: go on.
      const stop = runner.lastStop();
      if (!runner.isRunning() && stop?.result === 'waiting' && stop.stepId === stepId) d.start();
    },
  };
}
