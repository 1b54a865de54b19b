// Step kind `publish-crates`: the crate queue (publish-queue.ts) over the configured registry.
import { renderCrateCommand } from '../../core/crate-commands.js';
import { createSparseIndex, IndexError, type SparseIndex } from '../../adapters/sparse-index.js';
import type { Plan, PlannedStep } from '../../core/plan-types.js';
import type { JournalEntry } from '../journal-types.js';
import { publishConfirmation } from '../publish-preflight.js';
import { runPublishQueue, type PublishQueueOptions } from '../publish-queue.js';
import { publishCommands } from '../verify-set.js';
import type { StepContext, StepHandler, StepOutcome } from '../step-types.js';

/** One index request; the wait for a new version is indexTimeoutSeconds, polled. */
const INDEX_REQUEST_TIMEOUT_MS = 15_000;

export function indexFor(plan: Plan): SparseIndex {
  const { registry, indexTimeoutSeconds } = plan.config.crates;
  return createSparseIndex({ indexUrl: registry.index, timeoutMs: Math.min(INDEX_REQUEST_TIMEOUT_MS, indexTimeoutSeconds * 1000) });
}

/** "name@version" -> parts (versions may carry "@"-free build metadata only). */
export function parseTarget(target: string): { name: string; version: string } | undefined {
  const at = target.lastIndexOf('@');
  if (at <= 0) return undefined;
  return { name: target.slice(0, at), version: target.slice(at + 1) };
}

/** Did a publish whose intent has no outcome happen? The index decides. */
export async function reconcilePublish(index: SparseIndex, intent: JournalEntry): Promise<'done' | 'not-done' | 'unknown'> {
  const t = parseTarget(intent.target);
  if (!t) return 'unknown';
  try {
    index.invalidate(t.name);
    return (await index.status(t.name, t.version)) === 'absent' ? 'not-done' : 'done';
  } catch (e) {
    if (e instanceof IndexError) return 'unknown';
    throw e;
  }
}

export interface PublishCratesOptions {
  /** Tests and the bench inject a faster poll or a fixed jitter. */
  queue?: Omit<PublishQueueOptions, 'index'>;
  index?: (plan: Plan) => SparseIndex;
}

export function createPublishCratesHandler(opts: PublishCratesOptions = {}): StepHandler {
  const makeIndex = opts.index ?? indexFor;
  return {
    kind: 'publish-crates',
    ownJournal: () => true,
    commands(_step: PlannedStep, plan: Plan): string[][] {
      const { verify, upload } = publishCommands(plan, plan.crates);
      return [...verify.map((g) => g.argv), ...plan.crates.map((c) => upload.get(c.name) ?? renderCrateCommand(plan.config.crates.command, c.name, c.version))];
    },
    run(ctx: StepContext): Promise<StepOutcome> {
      return runPublishQueue(ctx, { ...opts.queue, index: makeIndex(ctx.plan) });
    },
    confirmation(ctx: StepContext) {
      return publishConfirmation(ctx, makeIndex(ctx.plan));
    },
    rehearse(ctx: StepContext): Promise<StepOutcome> {
      return runPublishQueue({ ...ctx, dryRun: true }, { ...opts.queue, index: makeIndex(ctx.plan) });
    },
    reconcile(ctx: StepContext, intent: JournalEntry) {
      if (intent.action !== 'publish-crate') return Promise.resolve('unknown' as const);
      return reconcilePublish(makeIndex(ctx.plan), intent);
    },
  };
}

export const publishCratesStep: StepHandler = createPublishCratesHandler();
