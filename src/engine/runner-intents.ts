// Open journal intents and the runner: each is settled by its step kind's reconcile before that
// step may run again (never publish twice); an unknown outcome stops the step until the
// maintainer takes it on (an explicit retry or skip).
import type { PlannedStep } from '../core/plan-types.js';
import { findStep } from '../core/plan-lookup.js';
import type { JournalEntry } from '../core/journal-types.js';
import { reconciledEntry } from './journal.js';
import { verdictOf } from './runner-asks.js';
import type { RunnerDeps } from './runner-types.js';

export interface IntentSettler {
  /** Settles open intents (of one step, or all); returns those still unknown. `wait`: the step is about to run again. */
  reconcile(stepId?: string, wait?: boolean): Promise<JournalEntry[]>;
  /** True once the step's open intents are settled (or acknowledged): it may run. */
  settle(step: PlannedStep): Promise<boolean>;
}

export function createIntentSettler(deps: RunnerDeps, acknowledged: ReadonlySet<string>): IntentSettler {
  const { plan, store, journal } = deps;

  async function reconcile(stepId?: string, wait = false): Promise<JournalEntry[]> {
    const unknown: JournalEntry[] = [];
    const open = journal.openIntents().filter((i) => stepId === undefined || i.step === stepId);
    if (open.length === 0) return unknown;
    for (const intent of open) {
      const verdict = await verdictOf(deps, findStep(plan, intent.step), intent, wait);
      if (verdict === 'unknown') unknown.push(intent);
      else journal.append(reconciledEntry(intent, verdict));
    }
    store.flush();
    return unknown;
  }

  async function settle(step: PlannedStep): Promise<boolean> {
    const unknown = await reconcile(step.id, true);
    if (unknown.length === 0) return true;
    if (acknowledged.has(step.id)) {
      for (const i of unknown) {
        journal.append({
          type: 'reconciled',
          id: i.id,
          action: i.action,
          target: i.target,
          step: i.step,
          verdict: 'unknown',
          detail: 'outcome unknown; the maintainer chose to go on',
        });
      }
      return true;
    }
    const what = unknown.map((i) => `${i.action} ${i.target}`).join(', ');
    deps.notice(
      `${step.phaseId}/${step.id}: cannot tell whether ${what} happened before the interruption; check by hand, then retry or skip it in the cockpit.`,
    );
    return false;
  }

  return { reconcile, settle };
}
