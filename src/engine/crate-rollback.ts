// Yank / unyank of crates this release published: journal intent/done, the configured yank
// command, then the index must confirm before CrateState.yanked changes. A version this
// release did not publish is refused unless forced.
import { happened } from './journal.js';
import { patchCrate, type CrateStateDeps } from './crate-state.js';
import { runCargo } from '../adapters/cargo.js';
import { recordChild } from './orphans.js';
import { freshIndexStatus, settleRollback, unsettledMessage, yankVerdict } from './rollback-reconcile.js';
import { assertCrateName, yankArgv } from '../core/crate-commands.js';
import type { IndexStatus, SparseIndex } from '../adapters/sparse-index.js';
import type { Plan } from '../core/plan-types.js';
import { didYouMeanSuffix } from '../core/did-you-mean.js';
import type { ReleaseState } from '../core/state-types.js';
import type { StoreApi } from 'zustand/vanilla';
import type { RegistryCrateStatus, RollbackResult } from './engine-api.js';
import type { CrateRollback, EngineServices } from './engine-services.js';
import type { JournalAction } from '../core/journal-types.js';
import type { ConfirmRequest, StepContext } from './step-types.js';
import { plural } from '../core/plural.js';
import { ROLLBACK_STEP_ID } from '../core/journal-types.js';
import { indexFor } from './steps/publish-crates.js';

export interface CrateRollbackDeps {
  plan: Plan;
  store: StoreApi<ReleaseState>;
  index: SparseIndex;
  /** A context for the rollback output (exec, log, journal, confirm, env, clock). */
  ctx: StepContext;
  pollMs?: number;
}

export interface YankOptions {
  undo?: boolean;
  /** Allow a version this release did not publish. */
  force?: boolean;
}

function versionOf(deps: CrateRollbackDeps, name: string): string | undefined {
  return deps.store.getState().crates[name]?.version ?? deps.plan.crates.find((c) => c.name === name)?.version;
}

/** A done entry, or an interrupted publish that reconciliation found had happened. */
function publishedByUs(deps: CrateRollbackDeps, target: string): boolean {
  return happened(deps.ctx.journal.entries(), 'publish-crate', target);
}

function indexStatus(deps: CrateRollbackDeps, name: string, version: string): Promise<IndexStatus | 'unknown'> {
  return freshIndexStatus(deps.index, name, version);
}

/**
 * The release's crates (planned, or acted on earlier) that this release published or the index
 * has (a foreign version can still be yanked with force), with what the index says now.
 */
export async function registryStatus(deps: CrateRollbackDeps): Promise<RegistryCrateStatus[]> {
  const names = [...new Set([...deps.plan.crates.map((c) => c.name), ...Object.keys(deps.store.getState().crates)])];
  const all = await Promise.all(
    names.map(async (name) => {
      const version = versionOf(deps, name) ?? '';
      return {
        name,
        version,
        onIndex: await indexStatus(deps, name, version),
        publishedByThisRelease: publishedByUs(deps, `${name}@${version}`),
      };
    }),
  );
  return all.filter((c) => c.publishedByThisRelease || c.onIndex !== 'absent');
}

/** Where a confirmed yank or unyank is recorded (CrateState.yanked). */
function crateState(deps: CrateRollbackDeps): CrateStateDeps {
  return { store: deps.store, now: () => deps.ctx.now() };
}

async function awaitIndex(
  deps: CrateRollbackDeps,
  name: string,
  version: string,
  want: 'yanked' | 'published',
): Promise<boolean> {
  const deadline = deps.ctx.now() + deps.plan.config.crates.indexTimeoutSeconds * 1000;
  for (;;) {
    if ((await indexStatus(deps, name, version)) === want) return true;
    if (deps.ctx.now() >= deadline || deps.ctx.signal.aborted) return false;
    await deps.ctx.sleep(deps.pollMs ?? 250, deps.ctx.signal);
  }
}

interface Ready {
  name: string;
  version: string;
  target: string;
  argv: string[];
}

/** Everything that can be said before asking: a result (refused, already there) or the command to run. */
async function prepare(deps: CrateRollbackDeps, name: string, opts: YankOptions): Promise<RollbackResult | Ready> {
  const verb = opts.undo ? 'unyank' : 'yank';
  try {
    assertCrateName(name);
  } catch (e) {
    return { target: name, ok: false, message: (e as Error).message };
  }
  const version = versionOf(deps, name);
  if (!version) {
    const known = new Set([...Object.keys(deps.store.getState().crates), ...deps.plan.crates.map((c) => c.name)]);
    return {
      target: name,
      ok: false,
      message: `${name} is not a crate of this release${didYouMeanSuffix(name, known)}`,
    };
  }
  const target = `${name}@${version}`;
  if (!publishedByUs(deps, target) && !opts.force) {
    return {
      target,
      ok: false,
      message: `refused: this release did not publish ${target} (use --force to ${verb} it anyway)`,
    };
  }
  let argv: string[] | undefined;
  try {
    argv = yankArgv(deps.plan.config.crates, name, version, opts.undo === true);
  } catch (e) {
    return { target, ok: false, message: (e as Error).message };
  }
  if (!argv)
    return {
      target,
      ok: false,
      message: `crates.yankCommand is not cargo yank, so how to undo it is unknown: set crates.unyankCommand in the config`,
    };
  // A yank of a killed session: its cargo waited for, then the index says whether it happened.
  const settled = await settleRollback(
    deps.ctx,
    (i) => i.target === target && (i.action === 'yank-crate' || i.action === 'unyank-crate'),
    async (i) => yankVerdict(i.action, await indexStatus(deps, name, version)),
  );
  const unsettled = settled && unsettledMessage(settled);
  if (unsettled) return { target, ok: false, message: unsettled };
  const before = await indexStatus(deps, name, version);
  if (before === 'absent') return { target, ok: false, message: `${target} is not on the index` };
  if (before === 'unknown') return { target, ok: false, message: `the index cannot be reached; nothing was ${verb}ed` };
  if ((before === 'yanked') === !opts.undo) {
    patchCrate(crateState(deps), name, version, { yanked: before === 'yanked' });
    return { target, ok: true, message: `${target} is already ${opts.undo ? 'not yanked' : 'yanked'}` };
  }
  return { name, version, target, argv };
}

/** The one question for a batch: every command, and for a yank the release version typed. */
export function yankConfirmation(
  plan: Plan,
  ready: readonly { target: string; argv: string[] }[],
  undo: boolean,
): ConfirmRequest {
  const what = ready.length === 1 ? ready[0]!.target : `${plural(ready.length, 'crate')} at ${plan.version}`;
  return {
    title: `${undo ? 'Unyank' : 'Yank'} ${what}`,
    commands: ready.map((r) => r.argv),
    details: undo
      ? ['New dependency resolutions will pick these versions again.']
      : [
          'Yanked versions stay downloadable for lockfiles that already pin them; new dependency resolutions skip them.',
        ],
    undo: undo
      ? 'yank again: y in the rollback menu (or release-cockpit rollback --yank NAME)'
      : 'unyank: u in the rollback menu (or release-cockpit rollback --unyank NAME)',
    ...(undo ? {} : { typed: plan.version }),
  };
}

/** Journal intent, the command, then the index must show it before the state changes. */
async function act(deps: CrateRollbackDeps, ready: Ready, undo: boolean): Promise<RollbackResult> {
  const { name, version, target, argv } = ready;
  const verb = undo ? 'unyank' : 'yank';
  const action: JournalAction = undo ? 'unyank-crate' : 'yank-crate';
  const intent = deps.ctx.journal.append({
    type: 'intent',
    action,
    target,
    step: ROLLBACK_STEP_ID,
    detail: argv.join(' '),
  });
  const run = await runCargo(deps.ctx.exec, argv, {
    env: deps.ctx.env,
    signal: deps.ctx.signal,
    onSpawn: recordChild(deps.ctx.journal, intent),
  });
  if (!run.ok) {
    if (run.result.cancelled) return { target, ok: false, message: 'cancelled; the index decides on the next attempt' };
    const message = run.failure?.message ?? `${verb} failed`;
    deps.ctx.journal.append({ type: 'failed', id: intent.id, action, target, step: ROLLBACK_STEP_ID, detail: message });
    return { target, ok: false, message: `${verb} failed: ${message}` };
  }
  if (!(await awaitIndex(deps, name, version, undo ? 'published' : 'yanked'))) {
    // Left open on purpose: the next attempt settles it against the index.
    return { target, ok: false, message: `${verb} ran, but the index does not show it yet; check again later` };
  }
  deps.ctx.journal.append({
    type: 'done',
    id: intent.id,
    action,
    target,
    step: ROLLBACK_STEP_ID,
    detail: 'confirmed on the index',
  });
  patchCrate(crateState(deps), name, version, { yanked: !undo });
  deps.ctx.log(`${undo ? 'Unyanked' : 'Yanked'} ${target} (confirmed on the index)`);
  return { target, ok: true, message: `${undo ? 'unyanked' : 'yanked'} ${target}` };
}

/**
 * One confirmation for the whole batch (the crates that can be acted on), then one crate at a
 * time in the order given: a refusal or failure does not stop the others. Results in that order.
 */
export async function yankCrates(
  deps: CrateRollbackDeps,
  names: string[],
  opts: YankOptions = {},
): Promise<RollbackResult[]> {
  const undo = opts.undo === true;
  const prepared: (RollbackResult | Ready)[] = [];
  for (const name of names) prepared.push(await prepare(deps, name, opts));
  const ready = prepared.filter((p): p is Ready => 'argv' in p);
  const ok = ready.length > 0 && (await deps.ctx.confirm(yankConfirmation(deps.plan, ready, undo)));
  const out: RollbackResult[] = [];
  for (const p of prepared) {
    if (!('argv' in p)) out.push(p);
    else if (!ok) out.push({ target: p.target, ok: false, message: 'not confirmed; nothing was done' });
    else out.push(await act(deps, p, undo));
  }
  return out;
}

/** Runs fn with rollback deps over the engine's services (a "rollback" output buffer and log). */
export async function withRollbackDeps<T>(
  services: EngineServices,
  fn: (d: CrateRollbackDeps) => Promise<T>,
): Promise<T> {
  const ctx = services.context(ROLLBACK_STEP_ID);
  try {
    return await fn({ plan: services.plan, store: services.store, index: indexFor(services.plan, ctx.env), ctx });
  } finally {
    services.store.flush();
    await ctx.dispose();
  }
}

/** Yank, unyank and the registry view over the engine's services. */
export function createCrateRollback(services: EngineServices): CrateRollback {
  return {
    registryStatus: () => withRollbackDeps(services, (d) => registryStatus(d)),
    yank: (crates, o) => withRollbackDeps(services, (d) => yankCrates(d, crates, { force: o?.force ?? false })),
    unyank: (crates, o) =>
      withRollbackDeps(services, (d) => yankCrates(d, crates, { undo: true, force: o?.force ?? false })),
  };
}
