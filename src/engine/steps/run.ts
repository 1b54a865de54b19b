// `run`: one command (argv, never a shell string) in a repo-relative cwd. Success is exit code 0.
// The optional `summary` regex picks the last matching output line ("137 tests passed"); the
// optional `produces` globs must match files once it passed (a build without its artifacts fails here).
// An irreversible run step journals intent/done around the command.
import type { StepConfig } from '../../core/config/step.js';
import type { ExecResult } from '../../adapters/exec-types.js';
import type { OutputLine } from '../../core/output-line.js';
import type { PlannedStep } from '../../core/plan-types.js';
import { createFsView } from '../../adapters/fs-view.js';
import { expandPathGlob } from '../../core/path-glob.js';
import type { StepContext, StepHandler, StepOutcome } from '../step-types.js';
import type { JournalEntry } from '../../core/journal-types.js';
import { recordChild } from '../orphans.js';
import { abortError, isAbortError } from '../../core/abort.js';
import { noValueReason, placeholdersLeft } from '../../core/template.js';

type RunConfig = Extract<StepConfig, { kind: 'run' }>;

function config(step: PlannedStep): RunConfig {
  if (step.config.kind !== 'run') throw new Error(`step ${step.id} is not a run step`);
  return step.config;
}

/**
 * Tracks output lines matching `pattern` (group 1 when the regex has one, else the match).
 * 'last' keeps the last match; 'sum' adds up the first number of every match and shows it in the
 * last one's words: cargo prints one "test result" line per crate, the total is what matters.
 */
export function summaryTracker(
  pattern: string | undefined,
  mode: 'last' | 'sum' = 'last',
): { onLine(line: OutputLine): void; value(): string | undefined } {
  if (!pattern) return { onLine() {}, value: () => undefined };
  const re = new RegExp(pattern);
  let last: string | undefined;
  let total = 0;
  return {
    onLine(line) {
      if (line.stream === 'info') return;
      const m = re.exec(line.text);
      if (!m) return;
      last = (m[1] ?? m[0]).trim();
      total += Number(/\d+/.exec(last)?.[0] ?? 0);
    },
    value: () => (mode === 'sum' && last !== undefined ? last.replace(/\d+/, String(total)) : last),
  };
}

/** One sentence for the step's reason, with the fix when exec knows one. */
export function failureReason(r: ExecResult): string {
  const program = r.argv[0] ?? '';
  if (r.notFound)
    return `${program}: command not found on PATH; ${r.hint ?? `install ${program} or add its directory to PATH`}`;
  const base = r.error ?? `${program} failed`;
  return r.hint ? `${base}; ${r.hint}` : base;
}

/** Runs the step's `verify` command; a failed outcome when it does not succeed. */
async function verify(ctx: StepContext, argv: string[], cfg: RunConfig): Promise<StepOutcome | undefined> {
  ctx.log(`verifying: ${argv.join(' ')}`);
  const r = await ctx.exec(argv, { cwd: cfg.cwd, env: cfg.env });
  if (r.exitCode === 0 && !r.cancelled && !r.timedOut) return undefined;
  return {
    status: 'failed',
    reason: `the command succeeded but its verify command \`${argv.join(' ')}\` did not: ${failureReason(r)}`,
  };
}

/** The `produces` patterns that match nothing on disk now (a build that exited 0 without its artifacts). */
function missingProducts(ctx: StepContext, cfg: RunConfig): string[] {
  if (!cfg.produces?.length) return [];
  const view = createFsView(ctx.repo);
  const missing: string[] = [];
  for (const pattern of cfg.produces) {
    const found = expandPathGlob(view, pattern);
    if (found.length)
      ctx.log(`produced ${pattern}${found.length > 1 || found[0] !== pattern ? `: ${found.join(', ')}` : ''}`);
    else missing.push(pattern);
  }
  return missing;
}

async function run(ctx: StepContext): Promise<StepOutcome> {
  const cfg = config(ctx.step);
  // The plan expanded the argv; a placeholder still there had no value (the plan warned about it).
  const [left] = [...cfg.run, ...(cfg.verify ?? [])].flatMap(placeholdersLeft);
  if (left !== undefined) return { status: 'failed', reason: `${noValueReason(left)}; nothing was run` };
  let tracker: ReturnType<typeof summaryTracker>;
  try {
    tracker = summaryTracker(cfg.summary, cfg.summaryMode);
  } catch (e) {
    return { status: 'failed', reason: `the summary regex of ${ctx.step.id} is invalid: ${(e as Error).message}` };
  }
  const go = (intent?: JournalEntry): Promise<ExecResult> =>
    ctx.exec(cfg.run, {
      ...(intent && { onSpawn: recordChild(ctx.journal, intent) }),
      cwd: cfg.cwd,
      env: cfg.env,
      timeoutMs: cfg.timeoutSeconds === undefined ? undefined : cfg.timeoutSeconds * 1000,
      // Lines are cut out one by one only for a summary regex: a flood without one stays in chunks.
      onLine: cfg.summary ? tracker.onLine : undefined,
    });
  let result: ExecResult;
  if (ctx.step.irreversible) {
    try {
      result = await ctx.journal.around('run', cfg.run.join(' '), ctx.step.id, async (intent) => {
        const r = await go(intent);
        // Cancelled mid-command: nobody knows whether it took effect; the intent stays open.
        if (r.cancelled) throw abortError();
        if (r.exitCode !== 0) throw new Error(failureReason(r));
        return r;
      });
    } catch (e) {
      if (isAbortError(e)) return { status: 'failed', reason: 'cancelled' };
      return { status: 'failed', reason: (e as Error).message };
    }
  } else {
    result = await go();
  }
  if (result.exitCode === 0 && !result.cancelled && !result.timedOut) {
    const missing = missingProducts(ctx, cfg);
    if (missing.length) {
      return {
        status: 'failed',
        reason: `\`${cfg.run.join(' ')}\` exited 0 but did not produce ${missing.join(', ')} (its \`produces\`)`,
      };
    }
    const failedVerify = cfg.verify ? await verify(ctx, cfg.verify, cfg) : undefined;
    if (failedVerify) return failedVerify;
    const summary = tracker.value();
    return summary === undefined ? { status: 'passed' } : { status: 'passed', summary };
  }
  return {
    status: 'failed',
    reason: failureReason(result),
    ...(result.exitCode !== null ? { exitCode: result.exitCode } : {}),
  };
}

export const runStep: StepHandler = {
  kind: 'run',
  commands: (step) => [config(step).run, ...(config(step).verify ? [config(step).verify!] : [])],
  ownJournal: () => true,
  confirmation: async (ctx) => ({
    title: ctx.step.title,
    commands: [config(ctx.step).run],
    cwds: [config(ctx.step).cwd ?? '.'],
  }),
  run,
  // An arbitrary command leaves no trace we could check: only the maintainer can tell, unless the
  // config says running it again is safe.
  reconcile: async (ctx) => (ctx.step.config.kind === 'run' && ctx.step.config.idempotent ? 'not-done' : 'unknown'),
};
