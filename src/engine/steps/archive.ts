// `archive`: a tar.gz of a built directory (e.g. the Grafana plugin's dist/), written into `into`,
// then listed back to prove every `expect` entry is inside. Rerunning rebuilds it: cheap and exact.
import { basename, join, relative, resolve, sep } from 'node:path';
import type { StepConfig } from '../../core/config/step.js';
import { createTarGz, formatBytes, missingEntries, tarCreateArgv, TarError } from '../../adapters/tar.js';
import type { Plan, PlannedStep } from '../../core/plan-types.js';
import { expandTemplate, releaseVars } from '../../core/template.js';
import { repoPathProblem } from '../../core/repo-path.js';
import type { StepContext, StepHandler, StepOutcome } from '../step-types.js';

type ArchiveConfig = Extract<StepConfig, { kind: 'archive' }>;

function config(step: PlannedStep): ArchiveConfig {
  if (step.config.kind !== 'archive') throw new Error(`step ${step.id} is not an archive step`);
  return step.config;
}

/** The archive's file name with ${version}, ${tag} and ${project} replaced. */
export function archiveFileName(cfg: ArchiveConfig, plan: Plan): string {
  return expandTemplate(cfg.output, releaseVars(plan));
}

/** Absolute source directory and output file. */
export function archivePaths(cfg: ArchiveConfig, plan: Plan, repo: string): { source: string; out: string } {
  return { source: resolve(repo, cfg.source), out: resolve(repo, cfg.into, archiveFileName(cfg, plan)) };
}

async function run(ctx: StepContext): Promise<StepOutcome> {
  const cfg = config(ctx.step);
  const escape = repoPathProblem(join(cfg.into, archiveFileName(cfg, ctx.plan)));
  if (escape)
    return {
      status: 'failed',
      reason: `the archive path \`${join(cfg.into, archiveFileName(cfg, ctx.plan))}\` ${escape}`,
    };
  const { source, out } = archivePaths(cfg, ctx.plan, ctx.repo);
  const shown = relative(ctx.repo, out) || out;
  if (!ctx.files.exists(source))
    return { status: 'failed', reason: `${cfg.source} does not exist: build it before archiving it` };
  if (!ctx.files.isDir(source)) return { status: 'failed', reason: `${cfg.source} is not a directory` };
  if (out.startsWith(`${source}${sep}`)) {
    return {
      status: 'failed',
      reason: `the archive ${shown} would be written inside ${cfg.source}, the directory it archives: set \`into\` elsewhere`,
    };
  }
  if (ctx.dryRun) {
    ctx.log(`would run: ${tarCreateArgv(source, out).join(' ')}`);
    return { status: 'passed', summary: `dry run: would write ${shown}` };
  }
  let info;
  try {
    info = await createTarGz(source, out, { env: ctx.env, signal: ctx.signal });
  } catch (e) {
    if (e instanceof TarError) return { status: 'failed', reason: e.message };
    throw e;
  }
  ctx.log(`wrote ${shown}: ${info.entries.length} entries`);
  for (const entry of info.entries) ctx.log(`  ${entry}`);
  const missing = missingEntries(info.entries, basename(source), cfg.expect);
  if (missing.length) {
    return {
      status: 'failed',
      reason: `${shown} lacks ${missing.join(', ')} (looked under ${basename(source)}/ in the archive)`,
    };
  }
  const present = cfg.expect.length ? `, ${cfg.expect.join(', ')} present` : '';
  return { status: 'passed', summary: `${info.files} files, ${formatBytes(info.bytes)}${present}` };
}

export const archiveStep: StepHandler = {
  kind: 'archive',
  commands: (step, plan) => {
    const { source, out } = archivePaths(config(step), plan, plan.repo);
    return [tarCreateArgv(source, out)];
  },
  run,
};
