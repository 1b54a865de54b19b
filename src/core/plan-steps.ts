// The planned steps: each step's checklist title (the config's, else one derived from its kind) and
// its config with the templated keys expanded (titles, manual details and `show`, run and verify
// argv), so the engine, the confirmations, the dry run and the cockpit all see the same text.
import type { PlannedPhase, PlannedStep, Problem } from './plan-types.js';
import { tagsOfSteps } from './release-tags.js';
import { isIrreversible } from './irreversible.js';
import { expandTemplate, noValueReason, placeholdersLeft, unknownPlaceholders, type TemplateVars } from './template.js';
import { plural } from './plural.js';

type StepConfig = PlannedStep['config'];

export interface StepTitleContext {
  /** version, next, tag, project and (when known) previousTag. */
  vars: TemplateVars & { next: string; tag: string; project: string };
  /** Every tag of the release (git-push pushes them all). */
  tags: string[];
  crateCount: number;
}

/** The checklist line of a step when the config gives none. */
export function defaultStepTitle(step: StepConfig, ctx: StepTitleContext): string {
  const v = (s: string) => expandTemplate(s, ctx.vars);
  const { version, next, tag } = ctx.vars;
  switch (step.kind) {
    case 'run':
      return `Run \`${step.run.join(' ')}\`${step.cwd ? ` in ${step.cwd}/` : ''}`;
    case 'manual':
      return step.title;
    case 'verify-versions':
      return `Verify every version is ${version}`;
    case 'changelog':
      return `Update ${step.file} for ${version}`;
    case 'publish-crates':
      return `Publish ${plural(ctx.crateCount, 'crate')}`;
    case 'publish-python':
      return `Publish the Python package \`${step.package}\` ${version}`;
    case 'verify-python-install':
      return `pip install ${step.package}==${version} in a fresh venv`;
    case 'archive':
      return `Archive ${step.source} as ${v(step.output)}`;
    case 'git-tag':
      return `Tag ${[tag, ...step.extraTags.map(v)].join(', ')}`;
    case 'git-push':
      return `Push ${step.tag ? ctx.tags.join(', ') : 'commits'}${step.branch ? ` and ${v(step.branch)}` : ''} to ${step.remote}`;
    case 'github-release':
      return `Create the GitHub release ${tag}`;
    case 'bump-version':
      return `Bump versions to ${next}`;
    case 'github-pr':
      return `Open the pull request ${v(step.branch)} → ${step.base}${step.waitForMerge ? ' and wait for its merge' : ''}`;
  }
}

/** The step's config with its templated keys expanded (title, run/verify argv, manual details and show). */
export function expandStepConfig(step: StepConfig, vars: TemplateVars): StepConfig {
  const x = (s: string) => expandTemplate(s, vars);
  const title = step.title !== undefined ? { title: x(step.title) } : {};
  if (step.kind === 'run')
    return { ...step, ...title, run: step.run.map(x), ...(step.verify ? { verify: step.verify.map(x) } : {}) };
  if (step.kind === 'manual')
    return {
      ...step,
      title: x(step.title),
      ...(step.details !== undefined ? { details: x(step.details) } : {}),
      ...(step.show ? { show: step.show.map(x) } : {}),
    };
  return { ...step, ...title };
}

export function planStep(phaseId: string, step: StepConfig, ctx: StepTitleContext): PlannedStep {
  const config = expandStepConfig(step, ctx.vars);
  // The release's own title is `releaseTitle`; `title` is always the checklist line.
  const title = config.title ?? defaultStepTitle(config, ctx);
  return { id: step.id, phaseId, kind: step.kind, title, irreversible: isIrreversible(step), config };
}

/** The phases of the plan, in the order written, each step titled and expanded. */
export function planPhases(
  phases: readonly { id: string; title: string; steps: StepConfig[] }[],
  vars: StepTitleContext['vars'],
  crateCount: number,
): PlannedPhase[] {
  const ctx: StepTitleContext = {
    vars,
    tags: tagsOfSteps(
      phases.flatMap((p) => p.steps),
      vars,
    ),
    crateCount,
  };
  return phases.map((p) => ({ id: p.id, title: p.title, steps: p.steps.map((s) => planStep(p.id, s, ctx)) }));
}

/** The keys expandStepConfig expands, as [key, text] pairs of one step. */
function templatedTexts(step: StepConfig): [string, string][] {
  const out: [string, string][] = step.title !== undefined ? [['title', step.title]] : [];
  if (step.kind === 'run') {
    step.run.forEach((a) => out.push(['run', a]));
    step.verify?.forEach((a) => out.push(['verify', a]));
  }
  if (step.kind === 'manual') {
    if (step.details !== undefined) out.push(['details', step.details]);
    step.show?.forEach((a) => out.push(['show', a]));
  }
  return out;
}

/** The argv elements of a step's commands (run, verify, a manual step's show) as [key, index, text]. */
function commandTexts(step: StepConfig): [string, number, string][] {
  const of = (key: string, argv: readonly string[] = []) => argv.map((a, i): [string, number, string] => [key, i, a]);
  if (step.kind === 'run') return [...of('run', step.run), ...of('verify', step.verify)];
  if (step.kind === 'manual') return of('show', step.show);
  return [];
}

/**
 * A command of the planned (expanded) phases that still holds a placeholder had no value for it
 * (`git log ${previousTag}..HEAD` before the first release): a warning at the element's line.
 */
export function commandPlaceholderProblems(
  phases: readonly PlannedPhase[],
  where: (pi: number, si: number, key: string, index: number) => { file?: string; line?: number },
): Problem[] {
  const problems: Problem[] = [];
  phases.forEach((phase, pi) =>
    phase.steps.forEach((step, si) => {
      for (const [key, index, text] of commandTexts(step.config)) {
        const [left] = placeholdersLeft(text);
        if (left === undefined) continue;
        problems.push({
          severity: 'warning',
          code: 'placeholder-without-value',
          message: `phases[${pi}].steps[${si}].${key}[${index}]: ${noValueReason(left)}.`,
          ...where(pi, si, key, index),
        });
        break;
      }
    }),
  );
  return problems;
}

/** A `${...}` naming no placeholder (a typo): a warning at the key's line; the text stays as written. */
export function templateProblems(
  step: StepConfig,
  at: string,
  where: (key: string) => { file?: string; line?: number },
): Problem[] {
  const problems: Problem[] = [];
  for (const [key, text] of templatedTexts(step)) {
    const [unknown] = unknownPlaceholders(text);
    if (unknown === undefined) continue;
    problems.push({
      severity: 'warning',
      code: 'unknown-placeholder',
      message: `${at}.${key}: \`${unknown}\` is not a placeholder (it stays as written); use \${version}, \${next}, \${previousTag}, \${tag} or \${project}.`,
      ...where(key),
    });
  }
  return problems;
}
