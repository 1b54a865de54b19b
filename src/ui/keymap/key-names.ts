// Ink's (input, key) pair turned into one comparable key press. Named keys ('enter', 'up') and
// typed text are kept apart so that pasting the word "enter" never triggers a binding.
import type { Key } from 'ink';

export interface KeyPress {
  /** 'enter', 'escape', 'tab', 'shift-tab', 'up', 'pageup', 'ctrl-c', 'space', 'a', 'G', '?', or 'paste'. */
  name: string;
  /** Printable text the key types, when it types any. */
  text?: string;
  /** It arrived with other keys in one read (a paste, a key repeat): never confirms an irreversible action. */
  chunk?: boolean;
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

const CHUNK_NAMES: Record<string, string> = {
  '\r': 'enter',
  '\n': 'enter',
  '\t': 'tab',
  '\u007f': 'backspace',
  '\b': 'backspace',
  '\u001b': 'escape',
};

function chunkKey(c: string): KeyPress {
  const named = CHUNK_NAMES[c];
  if (named) return { name: named, chunk: true };
  if (c === ' ') return { name: 'space', text: ' ', chunk: true };
  const code = c.codePointAt(0) ?? 0;
  if (code < 32) return { name: `ctrl-${String.fromCharCode(code + 96)}`, chunk: true };
  return { name: c, text: c, chunk: true };
}

/**
 * Ink splits escape sequences (arrows, pages) into their own events but hands a run of plain
 * keys read at once ("jjjj" from a key repeat while the app is busy, space then tab, a paste) as
 * one string: each character is one key press, marked as part of a chunk.
 */
export function keyPresses(input: string, key: Key): KeyPress[] {
  if (input.length > 1 && !key.ctrl && !key.meta) return Array.from(input, chunkKey);
  // Esc and the key typed right after it, read at once ("\x1bq"), reach Ink as alt-q. The cockpit
  // binds no alt keys: it is Esc, then the key (as a chunk: it never confirms).
  if (key.meta && !key.escape && !key.ctrl && input.length === 1) return [chunkKey('\u001b'), chunkKey(input)];
  const press = keyName(input, key);
  return press ? [press] : [];
}

/** How a key name is shown in the footer and the help overlay. */
export function displayKey(name: string): string {
  return DISPLAY[name] ?? name;
}
