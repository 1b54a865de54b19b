// Ink's (input, key) pair turned into one comparable key press. Named keys ('enter', 'up') and
// typed text are kept apart so that pasting the word "enter" never triggers a binding.
import type { Key } from 'ink';

export interface KeyPress {
  /** 'enter', 'escape', 'tab', 'shift-tab', 'up', 'pageup', 'ctrl-c', 'space', 'a', 'G', '?', or 'paste'. */
  name: string;
  /** Printable text the key types, when it types any. */
  text?: string;
}

const DISPLAY: Record<string, string> = {
  enter: 'enter',
  escape: 'esc',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  'shift-tab': 'S-tab',
  'ctrl-c': '^C',
};

export function keyName(input: string, key: Key): KeyPress | undefined {
  if (key.upArrow) return { name: 'up' };
  if (key.downArrow) return { name: 'down' };
  if (key.leftArrow) return { name: 'left' };
  if (key.rightArrow) return { name: 'right' };
  if (key.pageUp) return { name: 'pageup' };
  if (key.pageDown) return { name: 'pagedown' };
  if (key.home) return { name: 'home' };
  if (key.end) return { name: 'end' };
  if (key.return) return { name: 'enter' };
  if (key.tab) return { name: key.shift ? 'shift-tab' : 'tab' };
  // Terminals send DEL (0x7f) for the Backspace key and Ink reports it as `delete`.
  if (key.backspace || key.delete) return { name: 'backspace' };
  if (key.escape) return { name: 'escape' };
  if (key.ctrl) return input ? { name: `ctrl-${input.toLowerCase()}` } : undefined;
  if (input === ' ') return { name: 'space', text: ' ' };
  if (input.length === 1) return { name: input, text: input };
  if (input.length > 1) return { name: 'paste', text: input };
  return undefined;
}

// Held-down navigation keys arrive as one chunk ("jjjj") when the app is busy (a publish streaming
// output): that is four presses. Any other multi-character chunk stays a paste, never a command,
// so pasting "yes" cannot confirm an irreversible action.
const REPEATABLE = new Set(['j', 'k']);

export function keyPresses(input: string, key: Key): KeyPress[] {
  const first = input[0];
  if (input.length > 1 && !key.ctrl && !key.meta && first && REPEATABLE.has(first) && [...input].every((c) => c === first)) {
    return Array.from(input, (c) => ({ name: c, text: c }));
  }
  const press = keyName(input, key);
  return press ? [press] : [];
}

/** How a key name is shown in the footer and the help overlay. */
export function displayKey(name: string): string {
  return DISPLAY[name] ?? name;
}
