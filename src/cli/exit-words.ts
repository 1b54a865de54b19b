// What the terminal says when the cockpit or a headless run ends: one line of where the release
// stands and, for an unfinished release, the exact command that resumes it (with the --repo,
// --config and --version that were given; for the demo, the demo's own command).
import type { Plan } from '../core/plan-types.js';
import type { ReleaseState } from '../core/state-types.js';
import { crateCounts, hasStarted, isFinished } from '../store/selectors.js';
import { allSteps } from '../core/plan-lookup.js';
import type { CliArgs } from './args.js';

/** A word as a POSIX shell reads it back: bare when safe, else single-quoted. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface ResumeSpec {
  args: Pick<CliArgs, 'config' | 'version'> & { repoGiven?: string };
  /** How the release ran: the cockpit, or run --headless. */
  headless: boolean;
  /** The embedded demo: its command resumes it (`npm start` when npm started it). */
  demo?: { fast: boolean; npm: boolean };
}

/** The command that brings the maintainer back to this release. */
export function resumeCommand(spec: ResumeSpec): string {
  if (spec.demo)
    return spec.demo.npm
      ? 'npm start'
      : `release-cockpit demo${spec.demo.fast ? ' --fast' : ''}${spec.headless ? ' --headless --yes' : ''}`;
  const words = ['release-cockpit'];
  if (spec.headless) words.push('run', '--headless', '--yes');
  if (spec.args.repoGiven !== undefined) words.push('--repo', shellWord(spec.args.repoGiven));
  if (spec.args.config !== undefined) words.push('--config', shellWord(spec.args.config));
  if (spec.args.version !== undefined) words.push('--version', shellWord(spec.args.version));
  return words.join(' ');
}

/** "Micromegas 0.15.0: 20/31 steps done, 6/12 crates published; stopped at publish (failed)." */
export function summaryLine(state: ReleaseState, plan: Plan): string {
  const steps = allSteps(plan);
  const done = steps.filter((s) => isFinished(state.steps[s.id]?.status)).length;
  const counts = crateCounts(state);
  const published = (counts.published ?? 0) + (counts['already-published'] ?? 0);
  const crates = counts.total > 0 ? `, ${published}/${counts.total} crates published` : '';
  const head = `${plan.project} ${plan.version}`;
  if (!hasStarted(state)) return `${head}: not started; nothing was saved.`;
  if (done === steps.length) return `${head}: released (${done}/${steps.length} steps${crates}).`;
  const stuck = steps.find((s) => ['failed', 'interrupted'].includes(state.steps[s.id]?.status ?? ''));
  const where = stuck ? `; stopped at ${stuck.id} (${state.steps[stuck.id]!.status})` : '';
  return `${head}: ${done}/${steps.length} steps done${crates}${where}.`;
}

/** The exit words: the summary, and how to resume when the release is unfinished. */
export function exitWords(state: ReleaseState, plan: Plan, spec: ResumeSpec): string {
  const lines = [summaryLine(state, plan)];
  const unfinished = hasStarted(state) && !allSteps(plan).every((s) => isFinished(state.steps[s.id]?.status));
  if (unfinished) lines.push(`Resume with: ${resumeCommand(spec)}`);
  return `${lines.join('\n')}\n`;
}
