// Did an interrupted publish happen? In order of authority: the journal's `uploaded` (cargo said
// the registry took it), the registry's API (crates.io answers from its database; its "absent" is
// final only once a request that may have been sent is old enough not to be in flight any more), then the
// sparse index, which lags: an intent younger than indexTimeoutSeconds is never called "not done" from an
// index that does not show it yet; with `wait` the index is polled until the intent's deadline
// (a countdown on the crate), else the verdict stays unknown and the step's own settle waits.
import type { RegistryApi } from '../adapters/registry-api.js';
import type { SparseIndex } from '../adapters/sparse-index.js';
import { IndexError } from '../adapters/sparse-index.js';
import type { JournalEntry, Verdict } from '../core/journal-types.js';
import { retryIndex } from './index-retry.js';
import { patchCrate } from './crate-state.js';
import type { StepContext } from './step-types.js';

export interface PublishReconcileDeps {
  index: SparseIndex;
  api?: RegistryApi;
  random?: () => number;
  /** Between index polls while waiting for a lagging index. */
  pollMs?: number;
}

/** "name@version" -> parts (versions carry no "@"). */
export function parseTarget(target: string): { name: string; version: string } | undefined {
  const at = target.lastIndexOf('@');
  if (at <= 0) return undefined;
  return { name: target.slice(0, at), version: target.slice(at + 1) };
}

async function askApi(ctx: StepContext, deps: PublishReconcileDeps, name: string, version: string): Promise<Verdict> {
  if (!deps.api) return 'unknown';
  const { maxRetries } = ctx.plan.config.crates;
  try {
    const answer = await retryIndex(
      ctx,
      { maxRetries, random: deps.random, what: `the registry about ${name}@${version}` },
      () => deps.api!.versionStatus(name, version),
    );
    return answer === 'present' ? 'done' : answer === 'absent' ? 'not-done' : 'unknown';
  } catch (e) {
    if (e instanceof IndexError) return 'unknown'; // the index may still tell
    throw e;
  }
}

/** The upload may have been sent: by this process itself, or by a cargo that was started for it. */
function maySendStill(ctx: StepContext, intent: JournalEntry): boolean {
  if (intent.type === 'intent' && intent.inProcess) return true;
  return ctx.journal.entries().some((e) => e.type === 'child' && e.id === intent.id);
}

export async function reconcilePublish(
  ctx: StepContext,
  deps: PublishReconcileDeps,
  intent: JournalEntry,
  opts: { wait: boolean },
): Promise<Verdict> {
  const t = parseTarget(intent.target);
  if (!t) return 'unknown';
  if (ctx.journal.entries().some((e) => e.type === 'uploaded' && e.id === intent.id)) return 'done';
  const authority = await askApi(ctx, deps, t.name, t.version);
  if (authority === 'done') return 'done';
  // A request may still be in the registry's hands when its sender is gone (this process's own, or
  // a cargo that was started: killed with its session, its `Uploaded` never read): "absent" then
  // proves nothing before the intent is as old as the index's own timeout.
  if (authority === 'not-done' && !maySendStill(ctx, intent)) return 'not-done';
  const { maxRetries, indexTimeoutSeconds } = ctx.plan.config.crates;
  const deadline = Date.parse(intent.ts) + indexTimeoutSeconds * 1000;
  let announced = false;
  for (;;) {
    let status;
    try {
      status = await retryIndex(
        ctx,
        { maxRetries, random: deps.random, what: `the index about ${intent.target}` },
        () => {
          deps.index.invalidate(t.name);
          return deps.index.status(t.name, t.version);
        },
      );
    } catch (e) {
      if (e instanceof IndexError) return 'unknown';
      throw e;
    }
    if (status !== 'absent') return 'done';
    const left = deadline - ctx.now();
    // Older than the index's own timeout: had it been uploaded, the index would show it by now.
    if (!(left > 0)) return 'not-done';
    if (!opts.wait) return 'unknown';
    if (!announced) {
      announced = true;
      ctx.log(
        `${intent.target}: the previous session may have uploaded it; waiting up to ${Math.ceil(left / 1000)} s for the index before publishing again`,
      );
      patchCrate(ctx, t.name, t.version, {
        status: 'waiting-index',
        waitUntil: deadline,
        reason: 'checking whether the previous session uploaded it',
      });
    }
    await ctx.sleep(Math.min(deps.pollMs ?? 500, left), ctx.signal);
  }
}
