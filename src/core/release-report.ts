// The markdown report of a release: every phase and step with its times and result, what was
// published where (with links), what was skipped and why, what needs attention. Pure: built from
// the plan, the persisted state and the journal.
import semver from 'semver';
import type { JournalEntry } from './journal-types.js';
import { formatDuration, phaseDurationMs, stepDurationText } from './durations.js';
import type { CrateState, ReleaseState, StepState } from './state-types.js';
import type { Plan, PlannedStep } from './plan-types.js';
import { crateUrl, githubReleaseUrl, pypiProjectUrl } from './release-notes.js';
import { expandTemplate, releaseVars } from './template.js';
import { allSteps, stepsOfKind } from './plan-lookup.js';
import { plural } from './plural.js';

export interface ReleaseReportInput {
  plan: Plan;
  state: ReleaseState;
  journal: JournalEntry[];
  /** owner/name of the GitHub repository, for release links (the github-release step's `repo` otherwise). */
  repo?: string;
  /** ISO time the report is written. */
  now: string;
}

/** "2026-11-21 09:00:01 UTC": one zone for everybody reading the report. */
function time(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function cell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function span(start: string | undefined, end: string | undefined): number | undefined {
  if (!start || !end) return undefined;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

function details(s: StepState | undefined): string {
  const parts = [
    s?.summary,
    s?.reason,
    s?.note && `note: ${s.note}`,
    s?.exitCode !== undefined && s.exitCode !== 0 && `exit code ${s.exitCode}`,
  ];
  if (s && s.attempts > 1) parts.push(`${s.attempts} attempts`);
  return parts.filter(Boolean).join('; ');
}

function overall(plan: Plan, state: ReleaseState): string {
  const statuses = allSteps(plan).map((s) => state.steps[s.id]?.status ?? 'pending');
  const failed = statuses.filter((s) => s === 'failed' || s === 'interrupted').length;
  if (failed) return `needs attention (${plural(failed, 'step')} failed or interrupted)`;
  if (statuses.every((s) => s === 'passed' || s === 'skipped')) return 'complete';
  return statuses.every((s) => s === 'pending') ? 'not started' : 'in progress';
}

function phasesSection(plan: Plan, state: ReleaseState): string[] {
  const out: string[] = ['## Phases', ''];
  for (const phase of plan.phases) {
    const ps = state.phases[phase.id] ?? {};
    const took = phaseDurationMs(
      ps,
      phase.steps.map((s) => state.steps[s.id]),
    );
    out.push(`### ${phase.title}`, '');
    if (ps.startedAt) {
      const end = ps.completedAt ? `, completed ${time(ps.completedAt)}` : ', not completed';
      out.push(`Started ${time(ps.startedAt)}${end}${took !== undefined ? ` (${formatDuration(took)})` : ''}.`, '');
    }
    out.push('| Step | Result | Started | Ended | Duration | Details |', '|---|---|---|---|---|---|');
    for (const step of phase.steps) {
      const s = state.steps[step.id];
      const duration = s?.durationMs ?? span(s?.startedAt, s?.endedAt);
      out.push(
        `| ${cell(step.title)} (\`${step.id}\`) | ${s?.status ?? 'pending'} | ${time(s?.startedAt)} | ${time(s?.endedAt)} | ${duration !== undefined ? stepDurationText(duration, s?.sleptMs) : ''} | ${cell(details(s))} |`,
      );
    }
    out.push('');
  }
  return out;
}

/**
 * The web page of a crate version: the registry's `web` when configured, crates.io for the
 * crates.io index, else none (a link to crates.io for a crate on a private registry would lie).
 */
export function crateLink(plan: Plan): ((name: string, version: string) => string) | undefined {
  const { web, index } = plan.config.crates.registry;
  if (web) return (name, version) => crateUrl(name, version, web);
  return /\/\/index\.crates\.io\/?$/.test(index) ? (name, version) => crateUrl(name, version) : undefined;
}

function crateLine(name: string, c: CrateState, url: ((name: string, version: string) => string) | undefined): string {
  const link = url ? `[${name} ${c.version}](${url(name, c.version)})` : `${name} ${c.version}`;
  switch (c.status) {
    case 'published':
      return `- ${link}: published${c.publishedAt ? ` ${time(c.publishedAt)}` : ''}${c.yanked ? ' (yanked since)' : ''}`;
    case 'already-published':
      return `- ${link}: already on the registry before this release${c.yanked ? ' (yanked)' : ''}`;
    default:
      return `- ${name} ${c.version}: ${c.status}${c.reason ? ` (${c.reason})` : ''}`;
  }
}

function outcome(state: ReleaseState, step: PlannedStep): string {
  const s = state.steps[step.id];
  const status = s?.status ?? 'pending';
  const why = s?.reason ?? s?.summary;
  return `${status}${why ? ` (${why})` : ''}`;
}

function publishedSection(input: ReleaseReportInput): string[] {
  const { plan, state } = input;
  const out: string[] = ['## Published', ''];
  const crates = Object.entries(state.crates);
  if (crates.length) {
    const { name, index } = plan.config.crates.registry;
    const url = crateLink(plan);
    out.push(
      `### Rust crates (${crates.length}) on ${name}`,
      '',
      ...(url ? [] : [`Registry index: ${index}`, '']),
      ...crates.map(([n, c]) => crateLine(n, c, url)),
      '',
    );
  }
  for (const step of stepsOfKind(plan, 'publish-python')) {
    const cfg = step.config;
    if (cfg.kind !== 'publish-python') continue;
    const url = pypiProjectUrl(cfg.index, cfg.package, plan.version);
    out.push('### Python', '', `- [${cfg.package} ${plan.version}](${url}): ${outcome(state, step)}`, '');
  }
  const vars = releaseVars(plan);
  for (const step of stepsOfKind(plan, 'archive')) {
    const cfg = step.config;
    if (cfg.kind !== 'archive') continue;
    const file = [cfg.into, expandTemplate(cfg.output, vars)].filter((p) => p && p !== '.').join('/');
    out.push(`### Archive: ${step.title}`, '', `- \`${file}\`: ${outcome(state, step)}`, '');
  }
  for (const step of stepsOfKind(plan, 'git-push')) {
    const cfg = step.config;
    if (cfg.kind !== 'git-push') continue;
    const refs = [
      cfg.tag ? `tag ${plan.tag}` : '',
      cfg.branch ? `branch ${expandTemplate(cfg.branch, vars)}` : '',
    ].filter(Boolean);
    out.push('### Git', '', `- ${refs.join(' and ') || 'nothing'} to ${cfg.remote}: ${outcome(state, step)}`, '');
  }
  for (const step of stepsOfKind(plan, 'github-release')) {
    const repo = input.repo ?? (step.config.kind === 'github-release' ? step.config.repo : undefined);
    // Without a configured repo the step's own summary carries the URL gh printed.
    const url = repo
      ? githubReleaseUrl(repo, plan.tag)
      : /https?:\/\/\S+/.exec(state.steps[step.id]?.summary ?? '')?.[0];
    const name = url ? `[${plan.tag}](${url})` : plan.tag;
    out.push('### GitHub release', '', `- ${name}: ${outcome(state, step)}`, '');
  }
  return out.length > 2 ? out : [];
}

function listSection(title: string, lines: string[]): string[] {
  return lines.length ? [`## ${title}`, '', ...lines, ''] : [];
}

export function buildReleaseReport(input: ReleaseReportInput): string {
  const { plan, state, journal } = input;
  const steps = allSteps(plan);
  const skipped = [
    ...steps
      .filter((s) => state.steps[s.id]?.status === 'skipped')
      .map((s) => `- ${s.title} (\`${s.id}\`): ${state.steps[s.id]?.reason ?? 'no reason given'}`),
    ...Object.entries(state.crates)
      .filter(([, c]) => c.status === 'skipped')
      .map(([name, c]) => `- crate ${name} ${c.version}: ${c.reason ?? 'no reason given'}`),
    // Not published by this release either: the queue found it on the index and left it alone.
    ...Object.entries(state.crates)
      .filter(([, c]) => c.status === 'already-published')
      .map(([name, c]) => `- crate ${name} ${c.version}: already on the registry before this release`),
  ];
  const closed = new Set(journal.filter((e) => e.type !== 'intent' && e.type !== 'note').map((e) => e.id));
  const attention = [
    ...steps
      .filter((s) => ['failed', 'interrupted'].includes(state.steps[s.id]?.status ?? ''))
      .map(
        (s) =>
          `- ${s.title} (\`${s.id}\`): ${state.steps[s.id]?.status}${state.steps[s.id]?.reason ? `: ${state.steps[s.id]?.reason}` : ''}`,
      ),
    ...journal
      .filter((e) => e.type === 'intent' && !closed.has(e.id))
      .map(
        (e) =>
          `- unfinished ${e.action} of ${e.target} (intent at ${time(e.ts)}): reconciled against reality on the next run`,
      ),
  ];
  const rollbacks = journal
    .filter((e) => e.action === 'rollback' && e.type !== 'intent')
    .map((e) => `- ${time(e.ts)}: ${e.target}: ${e.type}${e.detail ? ` (${e.detail})` : ''}`);
  const bumpKind = semver.valid(plan.next) && semver.valid(plan.version) ? semver.diff(plan.version, plan.next) : null;
  const header = [
    `# ${plan.project} ${plan.version} release report`,
    '',
    `- Version: ${plan.version} (tag ${plan.tag}${plan.previousTag ? `, previous ${plan.previousTag}` : ''})`,
    `- Next development version: ${plan.next}${bumpKind ? ` (${bumpKind})` : ''}`,
    `- Started: ${time(state.createdAt)}; last change: ${time(state.updatedAt)}; sessions: ${state.sessions}`,
    `- Result: ${overall(plan, state)}`,
    `- Report written: ${time(input.now)}`,
    '',
  ];
  const body = [
    ...header,
    ...phasesSection(plan, state),
    ...publishedSection(input),
    ...listSection('Skipped', skipped),
    ...listSection('Needs attention', attention),
    ...listSection('Rollback actions', rollbacks),
  ];
  return `${body.join('\n').trimEnd()}\n`;
}
