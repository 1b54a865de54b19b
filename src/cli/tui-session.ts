// A cockpit session's terminal and exit paths, set up before anything of React or Ink is loaded:
// the signal and crash listeners first, then the alternate screen with the first frame (the plan's
// header and checklist, opening-frame.ts) drawn as text. Ink, loaded after, draws the same frame on
// the same cells, then the App. Ending it closes the engine and restores the terminal.
import type { Plan } from '../core/plan-types.js';
import { terminalSize } from '../ui/layout-geometry.js';
import { drawsSimply, openingFrame, openingLines } from '../ui/opening-frame.js';
import { simpleMeasure } from '../ui/spans.js';
import { closeEngine, makeShutdown, processListeners, type Ending, type ProcessHooks } from './tui-shutdown.js';
import { createTerminalScreen, type InkBridge, type TerminalScreen } from './tui-terminal.js';

export interface SessionIo {
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  hooks?: ProcessHooks;
  /** A stuck shutdown is abandoned after this long (the screen is restored regardless). */
  forceExitMs?: number;
}

export interface CockpitSession {
  out: NodeJS.WriteStream;
  input: NodeJS.ReadStream;
  end: Ending;
  screen: TerminalScreen;
  bridge: InkBridge;
  /** The terminal's size when the first frame was drawn as text; absent when it was not. */
  drawnAt?: { columns: number; rows: number };
  /** Takes the session's listeners off the process. */
  detach(): void;
}

/** What the first frame shows: the plan, and the demo's badge. */
export interface FirstFrame {
  plan: Pick<Plan, 'project' | 'version' | 'next' | 'phases' | 'crates' | 'problems'>;
  demo: boolean;
}

/**
 * The first frame's lines at the terminal's size (blank under 80x24); undefined when Ink alone
 * can draw it. Text beyond ASCII is measured by Ink's own measure, loaded for it.
 */
async function firstFrameLines(
  first: FirstFrame,
  size: { columns: number; rows: number },
): Promise<string[] | undefined> {
  const frame = openingFrame(first.plan, first.demo, size.columns, size.rows);
  if (frame === undefined) return [];
  const measure = drawsSimply(frame) ? simpleMeasure : (await import('../ui/measure.js')).exactMeasure;
  return openingLines(frame, measure);
}

/** Listeners on, then the screen taken, with the first frame drawn when one is given. */
export async function beginSession(io: SessionIo, first?: FirstFrame): Promise<CockpitSession> {
  const out = io.stdout ?? process.stdout;
  const input = io.stdin ?? process.stdin;
  const hooks: ProcessHooks = io.hooks ?? (process as unknown as ProcessHooks);
  // Measured before anything is hooked: a failure here leaves the process and terminal untouched.
  const size = terminalSize(out);
  const lines = first === undefined ? undefined : await firstFrameLines(first, size);
  const end: Ending = { code: 0, engineClosed: false, shuttingDown: false };
  const bridge: InkBridge = {};
  const screen = createTerminalScreen(out, input, bridge);
  const listeners = processListeners(end, screen, makeShutdown(end, screen, hooks, io.forceExitMs ?? 10_000));
  for (const [event, fn] of listeners) hooks.on(event, fn);
  const detach = (): void => {
    for (const [event, fn] of listeners) hooks.off(event, fn);
  };
  screen.enter(lines);
  return { out, input, end, screen, bridge, detach, ...(lines !== undefined && { drawnAt: size }) };
}

/** The engine cancelled and closed (if it opened), the terminal restored, the listeners off. */
export async function endSession(session: CockpitSession): Promise<void> {
  await closeEngine(session.end);
  session.screen.restore();
  session.detach();
}
