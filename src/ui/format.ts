// Small text formatters shared by the panes and modals (pure).
import { plainText } from '../core/ansi.js';

/** "0:07", "1:05", "12:00", "1:02:03": countdowns, never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const SAFE_ARG = /^[A-Za-z0-9_@%+=:,./{}-]+$/;

/** An argv as the maintainer would type it: quoting only what a shell would need quoted. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((a) => (a !== '' && SAFE_ARG.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Output text made safe to draw (escapes would move the cursor): plain text, tabs expanded. */
export function sanitizeLine(text: string): string {
  return plainText(text).replace(/\t/g, '    ');
}

/**
 * Hard-wraps one line to `width` columns (breaking at spaces where it can, inside a word when it
 * must); continuation rows start with `indent` spaces. Never returns an empty list.
 */
export function wrapText(text: string, width: number, indent = 0): string[] {
  const w = Math.max(4, width);
  const pad = ' '.repeat(Math.min(indent, Math.floor(w / 2)));
  const out: string[] = [];
  let rest = Array.from(text);
  for (;;) {
    const lead = out.length === 0 ? '' : pad;
    const room = w - lead.length;
    if (rest.length <= room) {
      out.push(lead + rest.join(''));
      return out;
    }
    const space = rest.slice(0, room + 1).lastIndexOf(' ');
    const cut = space > 0 ? space : room;
    out.push(lead + rest.slice(0, cut).join('').trimEnd());
    rest = rest.slice(space > 0 ? cut + 1 : cut);
  }
}
