// Step kind `publish-crates`: the crate queue (publish-queue.ts) over the configured registry.
import { renderPublishCommand } from '../../core/crate-commands.js';
import { createRegistryApi, type RegistryApi } from '../../adapters/registry-api.js';
import { createSparseIndex, type SparseIndex } from '../../adapters/sparse-index.js';
import type { Plan, PlannedStep } from '../../core/plan-types.js';
import type { JournalEntry } from '../../core/journal-types.js';
import { registryFetch } from '../http-route.js';
import { publishConfirmation } from '../publish-preflight.js';
import { runPublishQueue, type PublishQueueOptions } from '../publish-queue.js';
import { reconcilePublish } from '../publish-reconcile.js';
import { groupCommands, publishCommands } from '../verify-set.js';
import type { StepContext, StepHandler, StepOutcome } from '../step-types.js';

/** One index request; the wait for a new version is indexTimeoutSeconds, polled. */
const INDEX_REQUEST_TIMEOUT_MS = 15_000;

type Env = Record<string, string | undefined>;

/** The registry's index, asked through the proxy cargo would use (http-route.ts). */
export function indexFor(plan: Plan, env: Env = process.env): SparseIndex {
  const { registry, indexTimeoutSeconds } = plan.config.crates;
  return createSparseIndex({
    indexUrl: registry.index,
    timeoutMs: Math.min(INDEX_REQUEST_TIMEOUT_MS, indexTimeoutSeconds * 1000),
    fetchImpl: registryFetch(plan.repo, env),
  });
}

/** The registry's web API (crates.io and the loopback registry have one): the authority on uploads. */
export function apiFor(plan: Plan, env: Env = process.env): RegistryApi {
  const { registry, indexTimeoutSeconds } = plan.config.crates;
  return createRegistryApi({
    indexUrl: registry.index,
    timeoutMs: Math.min(INDEX_REQUEST_TIMEOUT_MS, indexTimeoutSeconds * 1000),
    fetchImpl: registryFetch(plan.repo, env),
  });
}

export interface PublishCratesOptions {
  /** Tests and the bench inject a faster poll or a fixed jitter. */
  queue?: Omit<PublishQueueOptions, 'index'>;
  index?: (plan: Plan, env: Env) => SparseIndex;
  /** null: a registry without an API (reconcile then waits on the index alone). */
  api?: ((plan: Plan, env: Env) => RegistryApi) | null;
}

export function createPublishCratesHandler(opts: PublishCratesOptions = {}): StepHandler {
  const makeIndex = opts.index ?? indexFor;
  return {
    kind: 'publish-crates',
    ownJournal: () => true,
    commands(_step: PlannedStep, plan: Plan): string[][] {
      const { verify, upload } = publishCommands(plan, plan.crates);
      return [
        ...verify.flatMap(groupCommands),
        ...plan.crates.map(
          (c) => upload.get(c.name) ?? renderPublishCommand(plan.config.crates.command, c.name, c.version),
        ),
      ];
    },
    run(ctx: StepContext): Promise<StepOutcome> {
      const api = opts.api === null ? undefined : (opts.api ?? apiFor)(ctx.plan, ctx.env);
      return runPublishQueue(ctx, { ...opts.queue, index: makeIndex(ctx.plan, ctx.env), ...(api ? { api } : {}) });
    },
    confirmation(ctx: StepContext) {
      return publishConfirmation(ctx, makeIndex(ctx.plan, ctx.env));
    },
    rehearse(ctx: StepContext): Promise<StepOutcome> {
      return runPublishQueue({ ...ctx, dryRun: true }, { ...opts.queue, index: makeIndex(ctx.plan, ctx.env) });
    },
    reconcile(ctx: StepContext, intent: JournalEntry, o?: { wait: boolean }) {
      if (intent.action !== 'publish-crate') return Promise.resolve('unknown' as const);
      const api = opts.api === null ? undefined : (opts.api ?? apiFor)(ctx.plan, ctx.env);
      return reconcilePublish(ctx, { index: makeIndex(ctx.plan, ctx.env), api, random: opts.queue?.random }, intent, {
        wait: o?.wait ?? false,
      });
    },
  };
}

export const publishCratesStep: StepHandler = createPublishCratesHandler();
