// `verify-python-install`: the seed's "Test installation: pip install micromegas==0.15.0", checked
// rather than ticked. A fresh venv in a temporary directory, `pip install PACKAGE==VERSION` from the
// configured simple index (retried while the index does not serve the version yet), then an
// import check run inside the venv; pip's output streams into the step; the venv is removed after.
import { devNull } from 'node:os';
import { delimiter, join } from 'node:path';
import type { StepConfig } from '../../core/config/step.js';
import { indexLabel } from '../../adapters/pypi.js';
import { makeTempDir, removeDir } from '../../adapters/temp-dir.js';
import type { PlannedStep, Plan } from '../../core/plan-types.js';
import { pep440 } from '../../core/python-version.js';
import type { StepContext, StepHandler, StepOutcome } from '../step-types.js';
import { failureReason } from './run.js';
import { telling } from './python-build.js';
import { isAbortError } from '../../core/abort.js';
import { plural } from '../../core/plural.js';

type InstallConfig = Extract<StepConfig, { kind: 'verify-python-install' }>;

/** pip's words when the index does not (yet) serve the requested version. */
const NOT_THERE_YET = /No matching distribution found|Could not find a version that satisfies/i;

function config(step: PlannedStep): InstallConfig {
  if (step.config.kind !== 'verify-python-install')
    throw new Error(`step ${step.id} is not a verify-python-install step`);
  return step.config;
}

function requirement(cfg: InstallConfig, plan: Plan): string {
  return `${cfg.package}==${pep440(plan.version)}`;
}

/** The default import check: the module named like the distribution ("-" read as "_"), isolated from the cwd. */
function importCheck(cfg: InstallConfig): string[] {
  if (cfg.importCheck) return cfg.importCheck;
  const mod = cfg.package.replace(/[-.]/g, '_');
  return [
    'python',
    '-I',
    '-c',
    `import ${mod}; print("imported ${mod}", getattr(${mod}, "__version__", ""), "from", ${mod}.__file__)`,
  ];
}

function pipArgv(venv: string, cfg: InstallConfig, plan: Plan): string[] {
  return [join(venv, 'bin', 'pip'), 'install', '--no-cache-dir', '--index-url', cfg.index, requirement(cfg, plan)];
}

/** The venv first on PATH, and pip blind to the user's own configuration and cache. */
function venvEnv(ctx: StepContext, venv: string): Record<string, string | undefined> {
  return {
    VIRTUAL_ENV: venv,
    PATH: [join(venv, 'bin'), ctx.env.PATH].filter(Boolean).join(delimiter),
    PIP_CONFIG_FILE: devNull,
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_NO_INPUT: '1',
    PYTHONHOME: undefined,
  };
}

class StepFailure extends Error {}

async function install(ctx: StepContext, cfg: InstallConfig, venv: string): Promise<number> {
  const label = indexLabel(cfg.index);
  for (let attempt = 1; ; attempt++) {
    const r = await ctx.exec(pipArgv(venv, cfg, ctx.plan), { cwd: venv, env: venvEnv(ctx, venv) });
    if (r.cancelled) throw new StepFailure('cancelled');
    if (r.exitCode === 0) return attempt;
    if (!r.tail.some((l) => NOT_THERE_YET.test(l)))
      throw new StepFailure(`pip install ${requirement(cfg, ctx.plan)} failed: ${telling(r.tail, failureReason(r))}`);
    if (attempt >= cfg.attempts) {
      throw new StepFailure(
        `${label} served no ${requirement(cfg, ctx.plan)} after ${plural(cfg.attempts, 'attempt')} (${cfg.intervalSeconds} s apart): check that it was published, then retry`,
      );
    }
    ctx.log(
      `${label} does not serve ${requirement(cfg, ctx.plan)} yet (attempt ${attempt} of ${cfg.attempts}); asking again in ${cfg.intervalSeconds} s`,
    );
    await ctx.sleep(cfg.intervalSeconds * 1000, ctx.signal);
  }
}

async function run(ctx: StepContext): Promise<StepOutcome> {
  const cfg = config(ctx.step);
  const req = requirement(cfg, ctx.plan);
  if (ctx.dryRun) {
    for (const argv of commands(ctx.step, ctx.plan)) ctx.log(`would run: ${argv.join(' ')}`);
    return { status: 'skipped', reason: `dry run: nothing was published to install` };
  }
  const venv = makeTempDir('rc-venv-');
  try {
    ctx.log(`fresh venv: ${venv}`);
    const made = await ctx.exec([...cfg.python, '-m', 'venv', venv], { cwd: venv });
    if (made.cancelled) return { status: 'failed', reason: 'cancelled' };
    if (made.exitCode !== 0)
      return {
        status: 'failed',
        reason: `\`${cfg.python.join(' ')} -m venv\` could not create a venv: ${telling(made.tail, failureReason(made))}`,
      };
    const attempts = await install(ctx, cfg, venv);
    const checked = await ctx.exec(importCheck(cfg), { cwd: venv, env: venvEnv(ctx, venv) });
    if (checked.cancelled) return { status: 'failed', reason: 'cancelled' };
    if (checked.exitCode !== 0)
      return {
        status: 'failed',
        reason: `${req} installed, but the import check failed: ${telling(checked.tail, failureReason(checked))}`,
      };
    const tries = attempts > 1 ? ` (attempt ${attempts})` : '';
    return { status: 'passed', summary: `${req} installed from ${indexLabel(cfg.index)} and imported${tries}` };
  } catch (e) {
    if (isAbortError(e)) return { status: 'failed', reason: 'cancelled' };
    if (e instanceof StepFailure) return { status: 'failed', reason: e.message };
    throw e;
  } finally {
    removeDir(venv);
  }
}

function commands(step: PlannedStep, plan: Plan): string[][] {
  const cfg = config(step);
  const venv = '<temp venv>';
  return [[...cfg.python, '-m', 'venv', venv], pipArgv(venv, cfg, plan), importCheck(cfg)];
}

export const verifyPythonInstallStep: StepHandler = {
  kind: 'verify-python-install',
  commands,
  run,
};
