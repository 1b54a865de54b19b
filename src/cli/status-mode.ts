// `release-cockpit status [--json] [--report] [--all] [--version V]`: the saved state of the
// release in progress (else the newest that ran; --all: one line per release), read-only (no lock: it may run beside an active session). Human form: the Release Execution Log
// (phase start and completion), each step with status, duration, summary or reason, and crate
// counts. --report: the markdown release report, built fresh from the saved state and journal.
import { resolve } from 'node:path';
import type { CliArgs } from './args.js';
import { UserError, isUserError } from '../core/user-error.js';
import type { Plan } from '../core/plan-types.js';
import { loadConfig } from './load-config.js';
import { buildPlan } from '../core/plan.js';
import { createFsView } from '../adapters/fs-view.js';
import { addressedRelease, planForVersion } from './release-lookup.js';
import { formatHistory } from '../engine/release-history.js';
import { releaseSummaries } from './release-summaries.js';
import type { ReleaseState, StepState } from '../core/state-types.js';
import { crateCounts, isPausedPublish, pausedPublishText } from '../store/selectors.js';
import { formatDuration, phaseDurationMs, stepDurationText } from '../core/durations.js';
import { shouldColor } from './headless-reporter.js';
import { createPainter, type Style } from '../core/color.js';
import { openJournal } from '../engine/journal.js';
import { reportFile } from '../engine/report-writer.js';
import { buildReleaseReport } from '../core/release-report.js';

export interface StatusIo {
  out: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
}

export async function runStatusMode(
  args: CliArgs,
  io: StatusIo = { out: process.stdout, env: process.env },
): Promise<number> {
  const repo = resolve(args.repo);
  const { plan, error } = tryPlan(repo, args.config);
  if (args.all) {
    io.out.write(
      args.json
        ? `${JSON.stringify(releaseSummaries(repo), null, 2)}\n`
        : formatHistory(releaseSummaries(repo), Date.now()),
    );
    return 0;
  }
  if (args.report) {
    io.out.write(freshReport(repo, plan, error, args.version));
    return 0;
  }
  const found = addressedRelease(repo, args.version);
  if (!found) {
    const which = plan ? `for ${plan.project} ${plan.version}` : 'in this repository';
    throw new UserError(`no release in progress ${which}.`, {
      hint: 'Start one with `release-cockpit` or `release-cockpit run --headless`.',
    });
  }
  const { dir, state } = found;
  // After the post-release bump the config names the next version: say which release this is.
  const shown = plan && state.version !== plan.version ? planForVersion(plan, state.version) : plan;
  io.out.write(
    args.json ? `${JSON.stringify(state, null, 2)}\n` : formatStatus(state, shown, dir, shouldColor(io.out, io.env)),
  );
  return 0;
}

/** The report of the addressed release, rebuilt from its state. Read-only, no lock. */
function freshReport(
  repo: string,
  current: Plan | undefined,
  planError: UserError | undefined,
  version: string | undefined,
): string {
  const found = addressedRelease(repo, version);
  if (!found) {
    const which = current
      ? `no release of ${current.project} has run in this repository yet`
      : 'no release has run in this repository yet';
    throw new UserError(`${which}, so there is no release report to show.`);
  }
  const { dir, state } = found;
  if (!current) {
    // Phases, titles and links come from the config: without it the report cannot be rebuilt.
    const why = (planError?.message ?? 'the config does not load').replace(/\.$/, '');
    throw new UserError(`cannot rebuild the report of ${state.project} ${state.version}: ${why}.`, {
      hint: `Fix the config (or pass --config FILE), or read the report the last run wrote: ${reportFile(dir)}.`,
    });
  }
  const plan = planForVersion(current, state.version);
  const journal = openJournal(dir, { readOnly: true });
  try {
    return buildReleaseReport({ plan, state, journal: journal.entries(), now: new Date().toISOString() });
  } finally {
    journal.close();
  }
}

/** The plan gives the version and the step order; a broken config still leaves the saved state readable. */
function tryPlan(repo: string, config: string | undefined): { plan?: Plan; error?: UserError } {
  try {
    const loaded = loadConfig(repo, config);
    return { plan: buildPlan(loaded.config, loaded.configPath, repo, createFsView(repo)) };
  } catch (e) {
    if (isUserError(e)) return { error: e };
    throw e;
  }
}

const ICON: Record<string, string> = {
  passed: '✓',
  failed: '✗',
  skipped: '↷',
  interrupted: '⚠',
  running: '▶',
  pending: '·',
};

export function formatStatus(state: ReleaseState, plan: Plan | undefined, dir: string, color: boolean): string {
  const paint = createPainter(color);
  const tint: Record<string, Style> = {
    passed: 'green',
    failed: 'red',
    skipped: 'yellow',
    interrupted: 'yellow',
    running: 'cyan',
    pending: 'dim',
  };
  const out: string[] = [];
  out.push(
    `${state.project} ${state.version} (next ${state.next}): session ${state.sessions}, updated ${state.updatedAt}`,
  );
  out.push(paint('dim', `state: ${dir}`), '', 'Release Execution Log');
  const phases = plan
    ? plan.phases.map((p) => ({ id: p.id, title: p.title, steps: p.steps.map((s) => s.id) }))
    : Object.keys(state.phases).map((id) => ({ id, title: id, steps: Object.keys(state.steps) }));
  const seen = new Set<string>();
  const kindOf = new Map<string, string>(plan?.phases.flatMap((p) => p.steps.map((s) => [s.id, s.kind] as const)));
  for (const p of phases) {
    const ph = state.phases[p.id] ?? {};
    const phaseMs = phaseDurationMs(
      ph,
      p.steps.map((id) => state.steps[id]),
    );
    const took = phaseMs !== undefined ? ` (${formatDuration(phaseMs)})` : '';
    out.push(`  ${paint('bold', p.title)} [${p.id}]`);
    out.push(`    Started: ${ph.startedAt ?? '____'}   Completed: ${ph.completedAt ?? '____'}${took}`);
    const width = Math.max(...p.steps.map((s) => s.length), 4);
    const durOf = (st: StepState | undefined): string =>
      st?.durationMs !== undefined ? stepDurationText(st.durationMs, st.sleptMs) : '';
    // The column is as wide as the phase's longest duration ("2 min 10 s + slept 41 min" included).
    const durWidth = Math.max(...p.steps.map((id) => durOf(state.steps[id]).length), 10);
    for (const id of p.steps) {
      if (seen.has(id) || !state.steps[id]) continue;
      if (!plan) seen.add(id);
      const st = state.steps[id]!;
      const dur = durOf(st);
      const paused = isPausedPublish(state, { id, kind: kindOf.get(id) ?? '' });
      const extra = paused
        ? pausedPublishText(id)
        : st.status === 'passed'
          ? [st.summary, st.note].filter(Boolean).join('; ')
          : (st.reason ?? '');
      const shown = paused
        ? paint('yellow', `⏸ ${'paused'.padEnd(11)}`)
        : paint(tint[st.status], `${ICON[st.status] ?? '?'} ${st.status.padEnd(11)}`);
      out.push(`    ${shown} ${id.padEnd(width)}  ${dur.padStart(durWidth)}  ${extra}`.trimEnd());
    }
    if (!plan) break; // without a plan, steps cannot be told apart by phase: list them once
  }
  const counts = crateCounts(state);
  if (counts.total > 0) {
    const parts = Object.entries(counts)
      .filter(([k]) => k !== 'total')
      .map(([k, n]) => `${n} ${k}`);
    out.push('', `Crates: ${counts.total} (${parts.join(', ')})${state.queuePaused ? ', queue paused' : ''}`);
  }
  if (state.notices.length > 0) out.push('', 'Notices of the last session:', ...state.notices.map((n) => `  ! ${n}`));
  out.push('');
  return out.join('\n');
}
