// The crate publish queue: pre-flight against the index, one verification of the set, then the
// queue's loop (publish-loop.ts). Controls (pause, retry, skip: queue-controls.ts) are store
// mutations: the running queue wakes on store changes.
import { renderPublishCommand } from '../core/crate-commands.js';
import { IndexError, type SparseIndex } from '../adapters/sparse-index.js';
import { checkIndex, rateLimitWarning } from './publish-preflight.js';
import { newCrateWarnings } from '../core/new-crates.js';
import type { PlannedCrate } from '../core/plan-types.js';
import type { CrateStatus } from '../core/state-types.js';
import type { StepContext, StepOutcome } from './step-types.js';
import { defaultPollMs } from './publish-index-wait.js';
import type { WorkerEnv } from './publish-worker.js';
import { patchCrate } from './crate-state.js';
import { driveQueue } from './publish-loop.js';
import { groupCommands, publishCommands, verifySet } from './verify-set.js';
import { manifestDrift } from './manifest-drift.js';
import { directUploads } from './direct-upload.js';
import { registryMismatch } from './upload-decision.js';
import type { RegistryApi } from '../adapters/registry-api.js';
import type { UnpackedCrate } from '../adapters/scratch-workspace.js';

export interface PublishQueueOptions {
  index: SparseIndex;
  /** The registry's web API: where verified crates are uploaded when cargo's path is not needed. */
  api?: RegistryApi;
  pollMs?: (elapsedMs: number) => number;
  random?: () => number;
}

/** Statuses of a crate the queue was working on when the process died: it starts over from the index. */
const IN_PROGRESS: ReadonlySet<CrateStatus> = new Set([
  'publishing',
  'waiting-index',
  'grace',
  'rate-limited',
  'retrying',
]);
const FINAL: ReadonlySet<CrateStatus> = new Set(['published', 'already-published', 'skipped']);

/** Crates left mid-way by a crash start over (index first); failed ones are retried on a step re-run. */
function prepareStates(ctx: StepContext, crates: PlannedCrate[]): void {
  ctx.store.setState((st) => {
    const cur = st.crates;
    const next = { ...cur };
    for (const c of crates) {
      const s = cur[c.name];
      if (!s) next[c.name] = { status: 'pending', version: c.version, attempts: 0 };
      else if (IN_PROGRESS.has(s.status) || s.status === 'failed')
        next[c.name] = { ...s, status: 'pending', waitUntil: undefined, reason: undefined, cargoPhase: undefined };
    }
    return { crates: next };
  });
}

interface Preflight {
  /** Crates whose version another hand already put on the index (or the registry: onRegistryOnly). */
  alreadyThere: string[];
  onRegistryOnly?: string[];
  toPublish: PlannedCrate[];
}

async function preflight(
  ctx: StepContext,
  w: WorkerEnv,
  crates: PlannedCrate[],
  api?: RegistryApi,
): Promise<Preflight> {
  const check = await checkIndex(ctx, w.index, crates, api);
  ctx.log(
    `pre-flight: ${check.toPublish.length} to publish (${check.newCrates} new crates, ${check.newVersions} new versions), ${check.alreadyThere.length} already on the index`,
  );
  const warning = rateLimitWarning(ctx.plan, check);
  if (warning) ctx.log(`warning: ${warning}`);
  return { alreadyThere: check.alreadyThere, onRegistryOnly: check.onRegistryOnly, toPublish: check.toPublish };
}

/** The index stayed down through every retry: nothing was sent, and a rerun picks up here. */
function preflightFailure(ctx: StepContext, e: IndexError): string {
  const retries = ctx.plan.config.crates.maxRetries;
  return `pre-flight: ${e.message}, still after ${retries} ${retries === 1 ? 'retry' : 'retries'}; nothing was uploaded: run again once the index answers`;
}

async function preflightOrRehearsal(
  ctx: StepContext,
  w: WorkerEnv,
  crates: PlannedCrate[],
  api?: RegistryApi,
): Promise<Preflight | StepOutcome> {
  // Exactly the planned versions, or nothing: a manifest changed since the plan stops the queue here.
  const drifted = manifestDrift(ctx);
  if (drifted) return drifted;
  // cargo would publish where the queue does not look: stopped before anything is uploaded.
  const mismatch = registryMismatch(ctx, crates);
  if (mismatch && !ctx.dryRun) return { status: 'failed', reason: `pre-flight: ${mismatch}; nothing was uploaded` };
  if (mismatch) ctx.log(`warning: ${mismatch}`);
  // Before anything is uploaded (and whatever the index says): a library crate the list forgot.
  for (const w of newCrateWarnings(ctx.plan)) ctx.log(`warning: ${w}`);
  try {
    return await preflight(ctx, w, crates, api);
  } catch (e) {
    if (!(e instanceof IndexError)) throw e;
    if (!ctx.dryRun) return { status: 'failed', reason: preflightFailure(ctx, e) };
    // A rehearsal still shows the commands when the index cannot say what it has.
    ctx.log(`pre-flight: ${e.message}; listing every crate`);
    return {
      alreadyThere: [],
      toPublish: crates.filter((c) => !FINAL.has(ctx.store.getState().crates[c.name]?.status ?? 'pending')),
    };
  }
}

/** A dry run: what the index has, then every command it would run (the set's verification first). */
function rehearsal(ctx: StepContext, pre: Preflight, commands: string[][]): StepOutcome {
  for (const name of pre.alreadyThere) ctx.log(`already on the index: ${name}`);
  for (const argv of commands) ctx.log(`would run: ${argv.join(' ')}`);
  return {
    status: 'passed',
    summary: `dry run: ${pre.toPublish.length} to publish, ${pre.alreadyThere.length} already on the index`,
  };
}

export async function runPublishQueue(ctx: StepContext, opts: PublishQueueOptions): Promise<StepOutcome> {
  const settings = ctx.plan.config.crates;
  const crates = ctx.plan.crates;
  // Validate every name and version before anything reaches argv (or the index).
  for (const c of crates) renderPublishCommand(settings.command, c.name, c.version);
  if (crates.length === 0) return { status: 'skipped', reason: 'no crates to publish' };
  const upload = new Map<string, string[]>();
  const argvFor = (c: PlannedCrate): string[] =>
    upload.get(c.name) ?? renderPublishCommand(settings.command, c.name, c.version);
  const w: WorkerEnv = {
    ctx,
    index: opts.index,
    settings,
    pollMs: opts.pollMs ?? defaultPollMs,
    random: opts.random ?? Math.random,
    argvFor,
  };

  if (!ctx.dryRun) prepareStates(ctx, crates);
  const pre = await preflightOrRehearsal(ctx, w, crates, opts.api);
  if ('status' in pre) return pre;
  const skipped = new Set(
    crates.filter((c) => ctx.store.getState().crates[c.name]?.status === 'skipped').map((c) => c.name),
  );
  const commands = publishCommands(ctx.plan, pre.toPublish, skipped);
  for (const [name, argv] of commands.upload) upload.set(name, argv);
  if (ctx.dryRun)
    return rehearsal(ctx, pre, [...commands.verify.flatMap(groupCommands), ...pre.toPublish.map(argvFor)]);
  for (const name of pre.alreadyThere) {
    const where = pre.onRegistryOnly?.includes(name) ? 'the registry (not yet on its index)' : 'the index';
    ctx.log(`${name}@${ctx.store.getState().crates[name]?.version ?? ''} is already on ${where}: skipped`);
    patchCrate(ctx, name, crates.find((c) => c.name === name)?.version ?? '', {
      status: 'already-published',
      publishedAt: new Date(ctx.now()).toISOString(),
    });
  }

  // Nothing is uploaded before the whole set compiles. The registry's API root is asked meanwhile.
  void opts.api?.apiRoot().catch(() => undefined);
  const verified = new Map<string, UnpackedCrate>();
  const unverified = await verifySet(ctx, commands.verify, verified);
  if (unverified) return unverified;
  const direct = await directUploads(ctx, opts.api, verified, pre.toPublish);
  if (direct) w.direct = direct;

  return driveQueue(w, crates);
}
