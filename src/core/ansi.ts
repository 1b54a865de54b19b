// Escape sequences in text that came from a child process or a file: one definition, used to
// strip them for plain output (headless without colour, logs), to match text (cargo's phases),
// and to mask secrets a colour code was printed in the middle of.

// CSI (SGR colours, cursor moves), OSC (titles, hyperlinks; ended by BEL or ST), and the other
// two-character ESC sequences (charset selection included).
const ESCAPES =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[()#][0-9A-Za-z]|\u001b[0-~]/g;
// C0 controls and DEL, except tab and newline.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
// The same characters one by one: a native search for each finds them in a large chunk of
// one-byte text (all-ASCII output) ~3.5 times faster than a regex run over it.
const CONTROL_CHARACTERS = [...Array(32).keys(), 0x7f]
  .filter((code) => code !== 0x09 && code !== 0x0a)
  .map((code) => String.fromCharCode(code));

/** Whether `text` holds an escape character at all (the cheap test before any stripping). */
export function hasEscape(text: string): boolean {
  return text.includes('\u001b');
}

/** `text` without escape sequences; other characters untouched. */
export function stripAnsi(text: string): string {
  return hasEscape(text) ? text.replace(ESCAPES, '') : text;
}

/**
 * `text` as plain characters: a carriage-return progress line keeps its last state, escape
 * sequences and other control characters (bell, backspace...) are removed; tabs stay.
 */
export function plainText(text: string): string {
  const cr = text.lastIndexOf('\r');
  const tail = cr >= 0 && cr < text.length - 1 ? text.slice(cr + 1) : text;
  return stripAnsi(tail).replace(CONTROLS, '');
}

/** plainText for each line of `text` (whole lines, each ending with \n); untouched when nothing needs stripping. */
export function plainLines(text: string): string {
  // ESC and \r are controls too: when none is there, nothing needs stripping.
  if (!CONTROL_CHARACTERS.some((c) => text.includes(c))) return text;
  return text.split('\n').map(plainText).join('\n');
}
