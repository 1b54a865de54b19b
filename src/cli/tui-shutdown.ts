// How a cockpit session ends on signals and crashes: the engine cancelled and closed (state saved,
// lock released), Ink unmounted one tick later, the terminal restored whatever happens. The engine
// may still be opening when a signal arrives (the first frame is drawn before): it is closed as
// soon as it is open.
import type { Instance } from 'ink';
import type { EngineApi } from '../engine/engine-api.js';
import type { TerminalScreen } from './tui-terminal.js';

export type ProcessEvent = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'uncaughtException' | 'unhandledRejection' | 'exit';

/** The parts of `process` the cockpit hooks into (injectable for tests). */
export interface ProcessHooks {
  on(event: ProcessEvent, fn: (...args: unknown[]) => void): unknown;
  off(event: ProcessEvent, fn: (...args: unknown[]) => void): unknown;
  exit(code: number): void;
}

/** What the session ends with; filled in by whichever exit path runs first. */
export interface Ending {
  code: number;
  message?: string;
  engineClosed: boolean;
  shuttingDown: boolean;
  instance?: Instance;
  /** Absent while the engine opens. */
  engine?: EngineApi;
}

export function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

export async function closeEngine(end: Ending): Promise<void> {
  const engine = end.engine;
  if (engine === undefined || end.engineClosed) return;
  end.engineClosed = true;
  try {
    await engine.cancel();
  } catch (e) {
    end.message ??= `cancelling the running step failed: ${describe(e)}`;
  }
  try {
    await engine.close();
  } catch (e) {
    end.message ??= `closing the release failed: ${describe(e)}`;
  }
}

/** Signals and crashes: stop the engine (state saved, lock released), then unmount one tick later. */
export function makeShutdown(
  end: Ending,
  screen: TerminalScreen,
  hooks: ProcessHooks,
  forceExitMs: number,
): (code: number) => void {
  return (exitCode) => {
    if (end.shuttingDown) {
      // Asked twice: stop waiting, but never leave the terminal on the alternate screen.
      screen.restore();
      hooks.exit(exitCode);
      return;
    }
    end.shuttingDown = true;
    end.code = exitCode;
    const force = setTimeout(() => {
      screen.restore();
      hooks.exit(exitCode);
    }, forceExitMs);
    force.unref?.();
    void closeEngine(end).then(() =>
      setTimeout(() => {
        clearTimeout(force);
        end.instance?.unmount();
      }, 0),
    );
  };
}

export function processListeners(
  end: Ending,
  screen: TerminalScreen,
  shutdown: (code: number) => void,
): [ProcessEvent, (...a: unknown[]) => void][] {
  // A Ctrl-C typed while a child had the (cooked) terminal went to the whole foreground process
  // group: it was meant for the child (an editor waiting with `code --wait`), not the cockpit.
  const onSigint = (): void => {
    if (!screen.absorbingInterrupts()) shutdown(130);
  };
  // The screen is restored after the unmount (or by the force timer), so Ink's last frame does
  // not land on the primary screen.
  const onCrash = (e: unknown): void => {
    end.message ??= `internal error (please report): ${describe(e)}`;
    shutdown(70);
  };
  return [
    ['SIGINT', onSigint],
    ['SIGTERM', () => shutdown(143)],
    ['SIGHUP', () => shutdown(129)], // the terminal went away (ssh dropped): save and unlock alike
    ['uncaughtException', onCrash],
    ['unhandledRejection', onCrash],
    // The last resort: 'exit' handlers run synchronously, and a write to a TTY is synchronous.
    ['exit', () => screen.restore()],
  ];
}
