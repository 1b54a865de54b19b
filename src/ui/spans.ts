// Styled pieces of text that are drawn two ways: as Ink <Text> elements (span-text.tsx) and, for
// the first frame drawn before Ink is loaded, painted with chalk as Ink paints them (paint below).
import chalk from 'chalk';
import { color, type Role } from './theme.js';

export interface Span {
  text: string;
  color?: Role;
  bold?: boolean;
  inverse?: boolean;
}

/** How wide text is in the terminal, and how Ink cuts it (`<Text wrap="truncate-end">`). */
export interface Measure {
  /** Columns the text takes (escape codes take none). */
  width(text: string): number;
  /** The text, plain or painted, cut to `columns` with '…' when wider (Ink's cli-truncate). */
  truncate(text: string, columns: number): string;
}

/**
 * Printable ASCII and the frames' own symbols (· … → ─ ━ │ ▾): one column each, and nothing
 * combines. Escaped: a bundle holding one character beyond ASCII is read and kept as a two-byte
 * string (the build refuses it for the bundles loaded before the first frame).
 */
const SIMPLE = /^[\u0020-\u007e\u00b7\u2026\u2192\u2500\u2501\u2502\u25be]*$/;

export const isSimpleText = (text: string): boolean => SIMPLE.test(text);

/**
 * string-width and cli-truncate's answers for plain simple text (isSimpleText), without their
 * cost at start (ICU's grapheme segmenter, the emoji regex: ~60 ms before the first answer).
 * measure.ts has the general one.
 */
export const simpleMeasure: Measure = {
  width: (text) => text.length,
  truncate: (text, columns) => {
    if (text.length <= columns) return text;
    if (!isSimpleText(text)) throw new Error('simpleMeasure cuts plain simple text only');
    return columns < 1 ? '' : columns === 1 ? '…' : `${text.slice(0, columns - 1)}…`;
  },
};

/**
 * The span in the terminal's escape codes, its styles applied in the order Ink's <Text> applies
 * them, with the same chalk instance (so at the same colour level).
 */
export function paint(span: Span): string {
  let text = span.text;
  const c = span.color === undefined ? undefined : color(span.color);
  if (c !== undefined) text = chalk[c as 'cyan'](text);
  if (span.bold === true) text = chalk.bold(text);
  if (span.inverse === true) text = chalk.inverse(text);
  return text;
}

/** A <Text wrap="truncate-end"> with the span's own style, `columns` wide: its text and width. */
export function paintTruncated(span: Span, columns: number, m: Measure): { text: string; width: number } {
  const cut = m.truncate(span.text, columns);
  return { text: paint({ ...span, text: cut }), width: m.width(cut) };
}

/** A <Text wrap="truncate-end"> holding one nested <Text> per span, `columns` wide. */
export function paintLine(spans: readonly Span[], columns: number, m: Measure): string {
  const painted = spans.map(paint).join('');
  const width = spans.reduce((w, s) => w + m.width(s.text), 0);
  return width <= columns ? painted : m.truncate(painted, columns);
}
