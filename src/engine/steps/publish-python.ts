// `publish-python` (irreversible): skipped when the index already has the version; else build,
// check what it built (version, twine check: python-build.ts), optionally publish to a test index
// and see it there, then journal intent, publish, done, and poll the index until the version shows. An upload refused with "File already exists" is not a
// failure when the index lists the version: an earlier, interrupted attempt got there.
import type { StepConfig } from '../../core/config/step.js';
import type { ExecResult } from '../../adapters/exec-types.js';
import { indexLabel, isPublished, PypiError, waitUntilPublished } from '../../adapters/pypi.js';
import { pypiFetch } from '../http-route.js';
import type { PlannedStep } from '../../core/plan-types.js';
import type { JournalEntry } from '../../core/journal-types.js';
import { recordChild } from '../orphans.js';
import type { ConfirmRequest, StepContext, StepHandler, StepOutcome } from '../step-types.js';
import { failureReason } from './run.js';
import { buildDistributions, telling } from './python-build.js';
import { abortError, isAbortError } from '../../core/abort.js';

type PythonConfig = Extract<StepConfig, { kind: 'publish-python' }>;

/** How long a new upload may take to show in the JSON API: 10 reads, 3 s apart. */
export const VERIFY_ATTEMPTS = 10;
export const VERIFY_INTERVAL_MS = 3000;
const TEST_SUFFIX = ' (test index)';
const ALREADY_EXISTS = /File already exists/i;

function config(step: PlannedStep): PythonConfig {
  if (step.config.kind !== 'publish-python') throw new Error(`step ${step.id} is not a publish-python step`);
  return step.config;
}

class StepFailure extends Error {}

/** The line that says why an upload failed ("HTTP Error 403: ..."), else exec's sentence. */
function uploadFailure(r: ExecResult): string {
  return telling(r.tail, failureReason(r));
}

interface Target {
  index: string;
  publish: string[];
  /** Journal target: "micromegas@0.15.0", plus " (test index)" for the rehearsal. */
  journal: string;
}

async function check(ctx: StepContext, cfg: PythonConfig, index: string): Promise<boolean> {
  try {
    return await isPublished(index, cfg.package, ctx.plan.version, {
      signal: ctx.signal,
      fetchImpl: pypiFetch(ctx.env),
    });
  } catch (e) {
    if (e instanceof PypiError)
      throw new StepFailure(
        `could not ask ${indexLabel(index)} about ${cfg.package} ${ctx.plan.version}: ${e.message}`,
      );
    throw e;
  }
}

async function visible(ctx: StepContext, cfg: PythonConfig, index: string): Promise<boolean> {
  try {
    return await waitUntilPublished(index, cfg.package, ctx.plan.version, {
      attempts: VERIFY_ATTEMPTS,
      intervalMs: VERIFY_INTERVAL_MS,
      sleep: ctx.sleep,
      signal: ctx.signal,
      fetchImpl: pypiFetch(ctx.env),
    });
  } catch (e) {
    if (e instanceof PypiError)
      throw new StepFailure(`uploaded, but ${indexLabel(index)} could not be asked whether it shows: ${e.message}`);
    throw e;
  }
}

/** Journaled upload; 'exists' when the index refused it as a duplicate. */
async function upload(ctx: StepContext, cfg: PythonConfig, t: Target): Promise<'uploaded' | 'exists'> {
  return ctx.journal.around('publish-python', t.journal, ctx.step.id, async (intent) => {
    const r = await ctx.exec(t.publish, { cwd: cfg.cwd, onSpawn: recordChild(ctx.journal, intent) });
    if (r.cancelled) throw abortError();
    if (r.exitCode === 0) return 'uploaded';
    if (r.tail.some((l) => ALREADY_EXISTS.test(l))) return 'exists';
    throw new StepFailure(uploadFailure(r));
  });
}

async function publishTo(ctx: StepContext, cfg: PythonConfig, t: Target): Promise<string> {
  const label = indexLabel(t.index);
  const what = `${cfg.package} ${ctx.plan.version}`;
  const how = await upload(ctx, cfg, t);
  if (how === 'exists')
    ctx.log(`${label} refused the upload as a duplicate ("File already exists"); checking that it lists ${what}`);
  if (!(await visible(ctx, cfg, t.index))) {
    const waited = ((VERIFY_ATTEMPTS - 1) * VERIFY_INTERVAL_MS) / 1000;
    throw new StepFailure(
      how === 'exists'
        ? `${label} refused the upload ("File already exists") yet does not list ${what}: a file of that name was used before; release a new version`
        : `${what} was uploaded but ${label} does not list it after ${waited} s; check ${t.index} and retry (the index is asked again first)`,
    );
  }
  ctx.log(`${what} is on ${label}`);
  return how === 'exists' ? `${what} was already uploaded to ${label}` : `${what} published on ${label}`;
}

async function run(ctx: StepContext): Promise<StepOutcome> {
  const cfg = config(ctx.step);
  const what = `${cfg.package} ${ctx.plan.version}`;
  const label = indexLabel(cfg.index);
  try {
    if (await check(ctx, cfg, cfg.index)) return { status: 'skipped', reason: `${what} is already on ${label}` };
    const built = await buildDistributions(ctx, cfg);
    if (!built.ok) return built.outcome;
    if (cfg.testIndex) {
      const test: Target = {
        index: cfg.testIndex.index,
        publish: cfg.testIndex.publish,
        journal: `${cfg.package}@${ctx.plan.version}${TEST_SUFFIX}`,
      };
      if (await check(ctx, cfg, test.index)) ctx.log(`${what} is already on ${indexLabel(test.index)} (test index)`);
      else ctx.log(`rehearsal: ${await publishTo(ctx, cfg, test)}`);
    }
    const summary = await publishTo(ctx, cfg, {
      index: cfg.index,
      publish: cfg.publish,
      journal: `${cfg.package}@${ctx.plan.version}`,
    });
    return { status: 'passed', summary };
  } catch (e) {
    if (isAbortError(e)) return { status: 'failed', reason: 'cancelled' };
    if (e instanceof StepFailure) return { status: 'failed', reason: e.message };
    throw e;
  }
}

function commands(step: PlannedStep): string[][] {
  const cfg = config(step);
  const check = cfg.check.length ? [[...cfg.check, 'dist/*']] : [];
  return [cfg.build, ...check, ...(cfg.testIndex ? [cfg.testIndex.publish] : []), cfg.publish];
}

/** The index decides: listed means the upload happened. */
async function reconcile(ctx: StepContext, intent: JournalEntry): Promise<'done' | 'not-done' | 'unknown'> {
  const cfg = config(ctx.step);
  const index = intent.target.endsWith(TEST_SUFFIX) ? cfg.testIndex?.index : cfg.index;
  if (!index) return 'unknown';
  try {
    return (await isPublished(index, cfg.package, ctx.plan.version, {
      signal: ctx.signal,
      fetchImpl: pypiFetch(ctx.env),
    }))
      ? 'done'
      : 'not-done';
  } catch (e) {
    if (e instanceof PypiError) return 'unknown';
    throw e;
  }
}

/** Names the index the upload goes to (and the test index of the rehearsal) and each command's directory. */
async function confirmation(ctx: StepContext): Promise<ConfirmRequest> {
  const cfg = config(ctx.step);
  const what = `${cfg.package} ${ctx.plan.version}`;
  const label = indexLabel(cfg.index);
  const there = await check(ctx, cfg, cfg.index).catch(() => false);
  const cwd = cfg.cwd ?? '.';
  return {
    title: ctx.step.title,
    heading: there
      ? `${what} is already on ${label}: the step will only check it (no upload).`
      : `It will upload ${what} to ${label} (${cfg.index}):`,
    commands: there ? [] : commands(ctx.step),
    cwds: there ? [] : commands(ctx.step).map(() => cwd),
    details: cfg.testIndex
      ? [`First a rehearsal on the test index ${indexLabel(cfg.testIndex.index)} (${cfg.testIndex.index}).`]
      : [],
  };
}

export const publishPythonStep: StepHandler = {
  kind: 'publish-python',
  ownJournal: () => true,
  commands,
  confirmation,
  run,
  reconcile,
};
