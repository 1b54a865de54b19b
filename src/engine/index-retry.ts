// Index and registry-API questions outside a crate's own worker (pre-flight, reconcile) ride out
// outages with the same backoff as the workers: one 500 must not end a run with "check by hand".
import { IndexError } from '../adapters/sparse-index.js';
import { backoffMs } from '../core/backoff.js';
import { abortError } from '../core/abort.js';
import type { StepContext } from './step-types.js';

export interface RetryOptions {
  maxRetries: number;
  random?: () => number;
  /** What is asked, for the log line ("the index about core-b"). */
  what: string;
}

/** fn's answer, retried on IndexError up to maxRetries times; the last IndexError is thrown. */
export async function retryIndex<T>(
  ctx: Pick<StepContext, 'log' | 'sleep' | 'signal'>,
  o: RetryOptions,
  fn: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof IndexError) || attempt > o.maxRetries) throw e;
      const wait = backoffMs(attempt, { random: o.random });
      ctx.log(`${o.what}: ${e.message}; asking again in ${(wait / 1000).toFixed(1)} s (${attempt}/${o.maxRetries})`);
      if (ctx.signal.aborted) throw abortError(ctx.signal);
      await ctx.sleep(wait, ctx.signal);
    }
  }
}
