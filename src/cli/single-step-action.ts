// --retry STEP / --skip STEP --reason TEXT of `run --headless` (a crate name works too): checked
// before the run, applied once it goes ahead. A name that is neither a step nor a crate, or one
// that has not failed, is one sentence (with the closest name when it looks like a typo).
import type { CliArgs } from './args.js';
import type { Engine } from '../engine/engine.js';
import { UserError } from '../core/user-error.js';
import { didYouMeanSuffix } from '../core/did-you-mean.js';
import { allSteps } from '../core/plan-lookup.js';
import { isPausedPublish } from '../store/selectors.js';

function unknownName(engine: Engine, flag: string, id: string): UserError {
  const steps = allSteps(engine.plan).map((s) => s.id);
  const crates = engine.plan.crates.map((c) => c.name);
  const guess = didYouMeanSuffix(id, [...steps, ...crates]);
  const names = `Steps: ${steps.join(', ')}${crates.length ? `; crates: ${crates.join(', ')}` : ''}.`;
  return new UserError(
    `${flag} ${id}: no step or crate \`${id}\` in ${engine.plan.project} ${engine.plan.version}${guess || '.'}`,
    { hint: names },
  );
}

/** The action to apply before the run (undefined: none asked); throws the sentence for bad input. */
export function singleStepAction(engine: Engine, args: CliArgs): (() => void) | undefined {
  if (args.retry !== undefined && args.skip !== undefined) throw new UserError('pass --retry or --skip, not both.');
  const id = args.retry ?? args.skip;
  if (id === undefined) {
    if (args.reason !== undefined) throw new UserError('--reason goes with --skip STEP.');
    return undefined;
  }
  const flag = args.retry !== undefined ? '--retry' : '--skip';
  const reason = args.reason?.trim() ?? '';
  if (flag === '--skip' && reason === '')
    throw new UserError(`--skip ${id} needs --reason TEXT (why it is skipped, kept in the release log).`);
  const st = engine.store.getState();
  const step = st.steps[id];
  const crate = step ? undefined : st.crates[id];
  if (!step && !crate) throw unknownName(engine, flag, id);
  const status = step?.status ?? crate!.status;
  const planned = allSteps(engine.plan).find((s) => s.id === id);
  if (flag === '--retry' && planned && isPausedPublish(st, planned)) {
    // A paused queue resumes: nothing was cut off, so nothing is retried but the queue itself.
    return () => {
      engine.resumeQueue();
      if (status === 'interrupted') engine.retry(id);
    };
  }
  const isFailed = (s: { status: string }): boolean => s.status === 'failed' || s.status === 'interrupted';
  const failedNow = [...Object.entries(st.steps), ...Object.entries(st.crates)]
    .filter(([, s]) => isFailed(s))
    .map(([k]) => k);
  if (status !== 'failed' && status !== 'interrupted') {
    throw new UserError(
      `${flag} ${id}: it is ${status}, not failed; only a failed ${step ? 'step' : 'crate'} can be ${flag === '--retry' ? 'retried' : 'skipped'} this way.`,
      {
        hint:
          failedNow.length > 0
            ? `Failed now: ${failedNow.join(', ')}.`
            : 'Nothing has failed: `release-cockpit run --headless --yes` goes on.',
      },
    );
  }
  if (step) return flag === '--retry' ? () => engine.retry(id) : () => engine.skip(id, reason);
  return flag === '--retry' ? () => engine.retryCrate(id) : () => engine.skipCrate(id, reason);
}
