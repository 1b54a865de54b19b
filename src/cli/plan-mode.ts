// `release-cockpit plan [--json]`: compute the plan and print it. Imports nothing of the UI so
// start-up stays fast (this path is also what benchmarks and scripts call).
import { resolve } from 'node:path';
import type { CliArgs } from './args.js';
import type { Plan } from '../core/plan-types.js';
import { loadConfig } from './load-config.js';
import { createFsView } from '../adapters/fs-view.js';
import { askRepo, previousTagInfo } from './previous-tag.js';
import { buildPlan } from '../core/plan.js';
import { planIsRunnable, toPlanJson } from '../core/plan-json.js';
import { plural } from '../core/plural.js';
import { formatProblem } from '../core/problem-text.js';

export async function runPlanMode(args: CliArgs): Promise<number> {
  const repo = resolve(args.repo);
  const { config, configPath } = loadConfig(repo, args.config);
  const tags = askRepo(repo, config);
  let plan = buildPlan(config, configPath, repo, createFsView(repo));
  const previous = await previousTagInfo(repo, plan, tags);
  if (previous) plan = buildPlan(config, configPath, repo, createFsView(repo), previous);
  process.stdout.write(args.json ? `${JSON.stringify(toPlanJson(plan), null, 2)}\n` : formatPlan(plan));
  return planIsRunnable(plan) ? 0 : 1;
}

/** The human-readable plan: phases and steps, crates with layer and deps, version files, problems. */
export function formatPlan(plan: Plan): string {
  const out: string[] = [];
  out.push(`${plan.project} ${plan.version} (tag ${plan.tag}), next development version ${plan.next}`);
  if (plan.previousTag) out.push(`previous release: ${plan.previousTag}`);

  out.push('', 'Phases');
  for (const phase of plan.phases) {
    out.push(`  ${phase.title} [${phase.id}]`);
    for (const s of phase.steps)
      out.push(`    - ${s.title}  (${s.kind} ${s.id}${s.irreversible ? ', irreversible' : ''})`);
  }

  out.push('', `Crates to publish (${plan.crates.length}, in order)`);
  if (plan.crates.length === 0) out.push('  (none)');
  const width = String(plan.crates.length).length;
  plan.crates.forEach((c, i) => {
    const deps = c.dependsOn.length > 0 ? `  needs ${c.dependsOn.join(', ')}` : '';
    out.push(`  ${String(i + 1).padStart(width)}. ${c.name} ${c.version}  layer ${c.layer}${deps}`);
  });

  out.push('', `Version locations (${plan.versionFiles.length})`);
  for (const l of plan.versionFiles) {
    out.push(`  ${l.path}:${l.line}  ${l.key} = ${l.value}${l.placeholder ? '  (placeholder, left alone)' : ''}`);
  }

  const errors = plan.problems.filter((p) => p.severity === 'error');
  const warnings = plan.problems.filter((p) => p.severity === 'warning');
  out.push('', `Problems: ${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}`);
  for (const p of [...errors, ...warnings]) out.push(`  ${formatProblem(p)}`);
  out.push('');
  return out.join('\n');
}
