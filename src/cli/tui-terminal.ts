// The terminal around the cockpit: the alternate screen in and out (Ink 6 has no option for it,
// so it is written by hand) with the first frame drawn on entering, raw mode, and lending the
// terminal to a child process (the editor) for the time of a synchronous call. No React or Ink
// here: the screen is taken before they are loaded (ink-bridge.ts is the part inside Ink).

export const ENTER_ALT_SCREEN = '\u001b[?1049h';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';
const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';
const CURSOR_HOME = '\u001b[H';
export const CLEAR_SCREEN = `${CURSOR_HOME}\u001b[2J`;

/** What the host needs from inside Ink's tree: Ink's own stdout writer. */
export interface InkBridge {
  redraw?: () => void;
}

export interface TerminalScreen {
  /**
   * Alternate screen, cleared, cursor hidden, raw mode; then the first frame's lines, if given,
   * and the cursor back home, where Ink writes its first frame.
   */
  enter(firstFrame?: readonly string[]): void;
  /** Back to the primary screen, cursor shown, raw mode off; idempotent. */
  restore(): void;
  readonly restored: boolean;
  /** Runs fn with the terminal lent to a child (see createTerminalScreen). */
  suspend<T>(fn: () => T): T;
  /** A Ctrl-C delivered now belongs to the child the terminal was lent to. */
  absorbingInterrupts(): boolean;
}

export function createTerminalScreen(
  out: NodeJS.WriteStream,
  input: NodeJS.ReadStream,
  bridge: InkBridge,
): TerminalScreen {
  let restored = false;
  let absorb = false;
  let lendings = 0;
  const screen: TerminalScreen = {
    get restored() {
      return restored;
    },
    enter(firstFrame = []) {
      // Raw before the first frame: a key pressed while Ink starts would otherwise be echoed and
      // line-buffered by the cooked terminal (an early enter never reached the cockpit). Ink keeps
      // raw mode on from here and turns it off when it unmounts.
      if (input.isTTY === true) input.setRawMode(true);
      const lines = firstFrame.map((line, i) => `\u001b[${i + 1};1H${line}`).join('');
      out.write(ENTER_ALT_SCREEN + CLEAR_SCREEN + HIDE_CURSOR + lines + CURSOR_HOME);
    },
    restore() {
      if (restored) return;
      restored = true;
      out.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
      // Ink turns raw mode off when it unmounts; a crash or a forced exit may not get that far.
      if (input.isTTY === true) input.setRawMode(false);
    },
    absorbingInterrupts: () => absorb,
    /**
     * Lends the terminal to a child process for the time of fn (the editor, spawned synchronously,
     * so no frame, timer or key read of the cockpit can happen meanwhile): primary screen, cursor
     * shown, cooked mode; then back: alternate screen cleared, cursor hidden, raw mode, and Ink's
     * last frame written again in full. Raw mode is switched on the stream itself, not through
     * Ink's counted setRawMode: with more than one input hook that would leave it on for the editor.
     */
    suspend<T>(fn: () => T): T {
      const lending = ++lendings;
      absorb = true;
      const wasRaw = input.isTTY === true && input.isRaw === true;
      out.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
      if (wasRaw) input.setRawMode(false);
      try {
        return fn();
      } finally {
        // A shutdown that restored the screen meanwhile keeps it restored.
        if (!restored) {
          if (wasRaw) input.setRawMode(true);
          out.write(ENTER_ALT_SCREEN + CLEAR_SCREEN + HIDE_CURSOR);
          bridge.redraw?.();
        }
        // A signal that arrived during fn is handled by the event loop after it: in the poll phase
        // of the next iteration at the latest, before the second check phase from now. Later ones
        // are not the child's: raw mode is back, so a Ctrl-C typed now is a key, not a signal.
        setImmediate(() =>
          setImmediate(() => {
            if (lending === lendings) absorb = false;
          }),
        );
      }
    },
  };
  return screen;
}
