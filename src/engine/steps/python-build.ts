// The build half of publish-python: run the build command, find the files it wrote into dist/,
// refuse a version other than the release's before anything is uploaded, then `twine check` them
// when twine is installed. Shared by the real Poetry path and any other build command.
import { join, resolve } from 'node:path';
import type { StepConfig } from '../../core/config/step.js';
import { commandExists } from '../../adapters/exec.js';
import { builtSince, snapshotDist } from '../../adapters/python-dist.js';
import { distributionVersion, pep440, sameDistributionVersion } from '../../core/python-version.js';
import type { StepContext, StepOutcome } from '../step-types.js';
import { failureReason } from './run.js';

type PythonConfig = Extract<StepConfig, { kind: 'publish-python' }>;

export type BuildResult = { ok: true; files: string[] } | { ok: false; outcome: StepOutcome };

function failed(reason: string, exitCode?: number | null): BuildResult {
  return { ok: false, outcome: { status: 'failed', reason, ...(exitCode != null ? { exitCode } : {}) } };
}

/** The one line of a tool's output that says why (an HTTP error, an error: line, else its last line) after exec's sentence. */
export function telling(tail: string[], fallback: string): string {
  const lines = tail.map((l) => l.trim()).filter(Boolean);
  const line = [...lines].reverse().find((l) => /HTTP Error \d+|Error|error:|ERROR/.test(l)) ?? lines.at(-1);
  // Poetry appends the response body as " | b'...'" after the reason: the reason says it once.
  return line ? `${fallback}: ${line.trim().replace(/\s*\|\s*b(['"]).*\1$/, '')}` : fallback;
}

/** The version check: every built file carries the release version (PEP 440 spelling). */
export function versionMismatch(files: string[], release: string, cwd: string): string | undefined {
  const wrong = files
    .map((f) => ({ f, v: distributionVersion(f) }))
    .find(({ v }) => v !== undefined && !sameDistributionVersion(v, release));
  if (!wrong) return undefined;
  return `the build made ${wrong.f} (version ${wrong.v}) but the release is ${release}: set the version in ${cwd}/pyproject.toml to ${pep440(release)} (release-cockpit bump --to ${release}); nothing was uploaded`;
}

export async function buildDistributions(ctx: StepContext, cfg: PythonConfig): Promise<BuildResult> {
  const distDir = resolve(ctx.repo, cfg.cwd, 'dist');
  const before = snapshotDist(distDir);
  const built = await ctx.exec(cfg.build, { cwd: cfg.cwd });
  if (built.cancelled) return failed('cancelled');
  if (built.exitCode !== 0)
    return failed(`the build failed: ${telling(built.tail, failureReason(built))}`, built.exitCode);
  const files = builtSince(distDir, before).filter((f) => distributionVersion(f) !== undefined);
  if (!files.length) return failed(`\`${cfg.build.join(' ')}\` wrote no wheel or sdist into ${cfg.cwd}/dist/`);
  ctx.log(`built: ${files.join(', ')}`);
  const mismatch = versionMismatch(files, ctx.plan.version, cfg.cwd);
  if (mismatch) return failed(mismatch);
  const [program, ...args] = cfg.check;
  if (!program) return { ok: true, files };
  if (!commandExists(program, ctx.env)) {
    ctx.log(`${program} is not installed: the distributions are not checked before the upload`);
    return { ok: true, files };
  }
  const checked = await ctx.exec([program, ...args, ...files.map((f) => join('dist', f))], { cwd: cfg.cwd });
  if (checked.cancelled) return failed('cancelled');
  if (checked.exitCode !== 0)
    return failed(
      `\`${cfg.check.join(' ')}\` refused the distributions: ${telling(checked.tail, failureReason(checked))}; nothing was uploaded`,
      checked.exitCode,
    );
  return { ok: true, files };
}
