// What a finished release produced, as data built once (pure) and rendered twice: the cockpit's
// completion panel and the end of a headless run. Links only where they are known to be right.
import type { Plan, PlannedStep } from './plan-types.js';
import { crateLink } from './release-report.js';
import { githubReleaseUrl, pypiProjectUrl } from './release-notes.js';
import { expandTemplate, releaseVars } from './template.js';
import { allSteps, stepsOfKind } from './plan-lookup.js';
import { plural } from './plural.js';

/** The part of the release state the summary reads (core names its own needs). */
export interface CompletionState {
  steps: Record<string, { status: string; summary?: string; reason?: string } | undefined>;
  crates: Record<string, { status: string; version: string } | undefined>;
}
type ReleaseState = CompletionState;

export interface CompletionExtras {
  /** The release report written at the end of the run. */
  reportPath?: string;
  /** Commits on the current branch its upstream does not have (undefined: no upstream or unknown). */
  unpushed?: number;
  branch?: string;
}

export interface CompletionSummary {
  project: string;
  version: string;
  next: string;
  /** Every step passed or skipped. */
  complete: boolean;
  crates: { name: string; version: string; by: 'this release' | 'already there'; url?: string }[];
  registry: string;
  tag?: { name: string; pushed: boolean };
  githubRelease?: { url?: string; status: string };
  python?: { name: string; url: string; status: string };
  archives: { file: string; status: string }[];
  extras: CompletionExtras;
  nextSteps: string[];
}

const statusOf = (state: ReleaseState, s: PlannedStep): string => state.steps[s.id]?.status ?? 'pending';

function releaseUrl(plan: Plan, state: ReleaseState, step: PlannedStep): string | undefined {
  const repo = step.config.kind === 'github-release' ? step.config.repo : undefined;
  // Without a configured repo the step's summary carries the URL gh printed.
  return repo
    ? githubReleaseUrl(repo, plan.tag)
    : /https?:\/\/\S+/.exec(state.steps[step.id]?.summary ?? state.steps[step.id]?.reason ?? '')?.[0];
}

function nextSteps(s: Omit<CompletionSummary, 'nextSteps'>, plan: Plan): string[] {
  const out: string[] = [];
  if (!s.complete) out.push('Finish the steps still open (the checklist shows them), then this summary is final.');
  if (s.extras.unpushed)
    out.push(
      `Push the ${plural(s.extras.unpushed, 'commit')} on ${s.extras.branch ?? 'this branch'} its upstream does not have (git push).`,
    );
  if (s.githubRelease?.url) out.push(`Check the release notes on ${s.githubRelease.url}.`);
  out.push(`Development continues at ${plan.next}.`);
  return out;
}

/**
 * Where the summary is read: the way back to the rollback menu differs. The demo's headless run
 * names the command that opens the demo's cockpit: its sandbox's registry answers only there.
 */
export type CompletionSurface = 'cockpit' | 'headless' | { demoCockpit: string };

function rollbackHint(s: CompletionSummary, surface: CompletionSurface): string {
  if (surface === 'cockpit') return 'Something wrong? y opens the rollback menu.';
  if (typeof surface === 'object')
    return `Something wrong? \`${surface.demoCockpit}\` opens the demo's cockpit; its y opens the rollback menu.`;
  const yank = s.crates.some((c) => c.by === 'this release')
    ? `; release-cockpit rollback --yank CRATE... --version ${s.version} yanks crates from here`
    : '';
  return `Something wrong? The cockpit's y opens the rollback menu${yank}.`;
}

export function buildCompletion(plan: Plan, state: ReleaseState, extras: CompletionExtras = {}): CompletionSummary {
  const link = crateLink(plan);
  const crates = plan.crates.flatMap((c) => {
    const st = state.crates[c.name];
    if (!st || !['published', 'already-published', 'grace'].includes(st.status)) return [];
    return [
      {
        name: c.name,
        version: st.version,
        by: st.status === 'already-published' ? ('already there' as const) : ('this release' as const),
        ...(link ? { url: link(c.name, st.version) } : {}),
      },
    ];
  });
  const steps = allSteps(plan);
  const complete = steps.every((s) => ['passed', 'skipped'].includes(statusOf(state, s)));
  const gh = stepsOfKind(plan, 'github-release')[0];
  const py = stepsOfKind(plan, 'publish-python')[0];
  const tagStep = stepsOfKind(plan, 'git-tag')[0];
  const pushStep = stepsOfKind(plan, 'git-push')[0];
  const vars = releaseVars(plan);
  const base: Omit<CompletionSummary, 'nextSteps'> = {
    project: plan.project,
    version: plan.version,
    next: plan.next,
    complete,
    crates,
    registry: plan.config.crates.registry.name,
    ...(tagStep || pushStep
      ? { tag: { name: plan.tag, pushed: pushStep !== undefined && statusOf(state, pushStep) === 'passed' } }
      : {}),
    ...(gh ? { githubRelease: { url: releaseUrl(plan, state, gh), status: statusOf(state, gh) } } : {}),
    ...(py && py.config.kind === 'publish-python'
      ? {
          python: {
            name: `${py.config.package} ${plan.version}`,
            url: pypiProjectUrl(py.config.index, py.config.package, plan.version),
            status: statusOf(state, py),
          },
        }
      : {}),
    archives: stepsOfKind(plan, 'archive').flatMap((s) =>
      s.config.kind === 'archive'
        ? [
            {
              file: [s.config.into, expandTemplate(s.config.output, vars)].filter((p) => p && p !== '.').join('/'),
              status: statusOf(state, s),
            },
          ]
        : [],
    ),
    extras,
  };
  return { ...base, nextSteps: nextSteps(base, plan) };
}

/** A step's status after what it made, only when it did not simply pass ("(skipped)", "(failed)"). */
const unlessPassed = (status: string): string => (status === 'passed' ? '' : ` (${status})`);

/** The summary as plain lines (the panel wraps them; headless prints them). */
export function completionLines(s: CompletionSummary, surface: CompletionSurface = 'cockpit'): string[] {
  const out = [`${s.project} ${s.version}: ${s.complete ? 'released' : 'not finished yet'}`];
  const mine = s.crates.filter((c) => c.by === 'this release');
  if (s.crates.length)
    out.push(
      `Crates on ${s.registry}: ${mine.length} published by this release, ${s.crates.length - mine.length} already there`,
    );
  for (const c of s.crates)
    out.push(
      `  ${c.name} ${c.version}${c.by === 'already there' ? ' (already there)' : ''}${c.url ? `  ${c.url}` : ''}`,
    );
  if (s.tag) out.push(`Tag: ${s.tag.name}${s.tag.pushed ? ' (pushed)' : ' (not pushed)'}`);
  if (s.githubRelease)
    out.push(`GitHub release: ${s.githubRelease.url ?? '(no URL known)'}${unlessPassed(s.githubRelease.status)}`);
  if (s.python) out.push(`Python package: ${s.python.name}  ${s.python.url}${unlessPassed(s.python.status)}`);
  for (const a of s.archives) out.push(`Archive: ${a.file}${unlessPassed(a.status)}`);
  if (s.extras.reportPath) out.push(`Report: ${s.extras.reportPath}`);
  if (s.extras.unpushed !== undefined)
    out.push(`Unpushed commits on ${s.extras.branch ?? 'this branch'}: ${s.extras.unpushed}`);
  out.push('Next:');
  for (const n of [...s.nextSteps, rollbackHint(s, surface)]) out.push(`  - ${n}`);
  return out;
}
