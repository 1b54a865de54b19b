// Line output for `run --headless`: step transitions from the store, output lines from the engine,
// each with a timestamp. Plain text when stdout is not a terminal or NO_COLOR is set (CI logs):
// then the children's own escape sequences are stripped too.
import type { Plan, PlannedStep } from '../core/plan-types.js';
import type { OutputLine } from '../core/output-line.js';
import type { ReadonlyStore } from '../store/read-only-store.js';
import { allSteps } from '../core/plan-lookup.js';
import { isPausedPublish, pausedPublishText } from '../store/selectors.js';
import { formatDuration, phaseDurationMs, stepDurationText } from '../core/durations.js';
import type { ReleaseState, StepState } from '../core/state-types.js';
import { colorLevel, createPainter, type Paint } from '../core/color.js';
import { plainLines, plainText } from '../core/ansi.js';
import { joinLines } from '../core/line-prefix.js';

export interface ReporterTarget {
  plan: Plan;
  store: ReadonlyStore<ReleaseState>;
  /** Whole lines, each ending with \n: command output a chunk at a time, the engine's notes ('info') one by one. */
  onOutputChunk(fn: (stepId: string, stream: OutputLine['stream'], text: string) => void): () => void;
}

export interface ReporterOptions {
  write(text: string): void;
  color: boolean;
  now?: () => number;
}

/** Whether line output to `stream` is coloured (the one colour policy, core/color.ts). */
export function shouldColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  return colorLevel(stream, env) > 0;
}

const GREEN = 'green',
  RED = 'red',
  YELLOW = 'yellow',
  CYAN = 'cyan',
  DIM = 'dim',
  BOLD = 'bold';

/** What a step runs, for its start line: the argv of a run step, else its title. */
export function stepCommand(step: PlannedStep): string {
  return step.config.kind === 'run' ? step.config.run.join(' ') : step.title;
}

export function attachHeadlessReporter(target: ReporterTarget, opts: ReporterOptions): { detach(): void } {
  const { plan, store } = target;
  const paint = createPainter(opts.color);
  const now = opts.now ?? Date.now;
  const steps = allSteps(plan);
  const phaseTitle = new Map(plan.phases.map((p) => [p.id, p.title]));
  const phaseSteps = (id: string): string[] => plan.phases.find((p) => p.id === id)?.steps.map((s) => s.id) ?? [];
  const label = (s: PlannedStep): string => `${s.phaseId}/${s.id}`;
  const ts = createClock(now, paint);
  const line = (text: string): void => opts.write(`${ts()} ${text}\n`);
  let header: string | undefined;

  const announce = (s: PlannedStep, suffix = ''): void => {
    header = s.id;
    line(`${paint(CYAN, '▶')} ${paint(BOLD, label(s))}  ${plainText(stepCommand(s))}${suffix}`);
  };

  const ended = (s: PlannedStep, st: StepState, before: StepState | undefined): void => {
    if (st.status === 'pending' && before?.status !== 'running') {
      line(`${paint(CYAN, '↻ retry')} ${label(s)} (was ${before?.status ?? 'pending'})`);
      return;
    }
    const dur = st.durationMs !== undefined ? ` (${stepDurationText(st.durationMs, st.sleptMs)})` : '';
    if (header !== s.id && st.status !== 'pending') announce(s);
    switch (st.status) {
      case 'passed':
        line(`${paint(GREEN, '✓ passed')}${dur}${st.summary ? ` ${st.summary}` : ''}${st.note ? ` (${st.note})` : ''}`);
        break;
      case 'failed':
        line(`${paint(RED, '✗ failed')}${dur}: ${st.reason ?? 'no reason given'}`);
        break;
      case 'skipped':
        line(`${paint(YELLOW, '↷ skipped')}: ${st.reason ?? ''}`);
        break;
      case 'interrupted':
        line(`${paint(YELLOW, '⚠ interrupted')}${dur}: ${st.reason ?? ''}`);
        break;
      case 'pending':
        // Stopped on its paused queue: said as such, with how to resume; otherwise the runner's notice says why.
        if (isPausedPublish(store.getState(), s)) line(`${paint(YELLOW, '⏸ paused')}: ${pausedPublishText(s.id)}`);
        break;
      default:
        break;
    }
  };

  for (const n of store.getState().notices) line(`${paint(YELLOW, '!')} ${n}`);

  const unsubStore = store.subscribe((next, prev) => {
    for (let i = prev.notices.length; i < next.notices.length; i++) line(`${paint(YELLOW, '!')} ${next.notices[i]}`);
    for (const s of steps) {
      const a = prev.steps[s.id];
      const b = next.steps[s.id];
      if (!b || a === b) continue;
      const pa = prev.phases[s.phaseId];
      const pb = next.phases[s.phaseId];
      if (pb?.startedAt && !pa?.startedAt)
        line(paint(BOLD, `━━ ${phaseTitle.get(s.phaseId) ?? s.phaseId} [${s.phaseId}]`));
      if (a?.status !== b.status || a?.attempts !== b.attempts) {
        if (b.status === 'running') announce(s);
        else ended(s, b, a);
      }
      if (pb?.completedAt && !pa?.completedAt) {
        const ms = phaseDurationMs(
          pb,
          phaseSteps(s.phaseId).map((id) => next.steps[id]),
        );
        const took = ms !== undefined ? ` in ${formatDuration(ms)}` : '';
        line(paint(BOLD, `━━ ${s.phaseId} complete${took}`));
      }
    }
  });

  const byId = new Map(steps.map((s) => [s.id, s]));
  const unsubOutput = attachOutput(target, opts, ts, paint, (stepId) => {
    const s = byId.get(stepId);
    if (s && header !== stepId) announce(s);
  });

  return {
    detach() {
      unsubStore();
      unsubOutput();
    },
  };
}

/** Step output, each line after the time; `headerFor` names the step when output switches to it. */
function attachOutput(
  target: ReporterTarget,
  opts: ReporterOptions,
  ts: () => string,
  paint: Paint,
  headerFor: (stepId: string) => void,
): () => void {
  // Command output arrives as chunks of whole lines: one prefix per line by one native replace.
  // The engine's own notes come one line at a time, dimmed.
  return target.onOutputChunk((stepId, stream, chunk) => {
    headerFor(stepId);
    if (stream === 'info') {
      const note = chunk.slice(0, -1);
      opts.write(`${ts()}     ${paint(DIM, opts.color ? note : plainText(note))}\n`);
      return;
    }
    const prefix = `${ts()}     `;
    const text = opts.color ? chunk : plainLines(chunk);
    // Three writes, not one concatenation: a batched writer encodes them side by side.
    opts.write(prefix);
    opts.write(joinLines(text, `\n${prefix}`));
    opts.write('\n');
  });
}

/** The last lines of a headless run: counts and what to do next. */
export function formatSummary(state: ReleaseState, plan: Plan, result: string, color: boolean): string {
  const paint = createPainter(color);
  const counts: Record<string, number> = {};
  for (const s of allSteps(plan)) {
    const st = state.steps[s.id]?.status ?? 'pending';
    counts[st] = (counts[st] ?? 0) + 1;
  }
  const parts = ['passed', 'skipped', 'failed', 'interrupted', 'pending']
    .filter((k) => counts[k])
    .map((k) => `${counts[k]} ${k}`);
  const verdict =
    result === 'done' ? paint(GREEN, 'done') : result === 'failed' ? paint(RED, result) : paint(YELLOW, result);
  return `${plan.project} ${plan.version}: ${verdict} (${parts.join(', ') || 'no steps'})\n`;
}

/** The time prefix, formatted once per second however many lines arrive in it. */
function createClock(now: () => number, paint: Paint): () => string {
  let second = -1;
  let text = '';
  return () => {
    const s = Math.floor(now() / 1000);
    if (s !== second) {
      second = s;
      text = paint(DIM, clock(s * 1000));
    }
    return text;
  };
}

function clock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
