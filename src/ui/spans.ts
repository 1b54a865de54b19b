// Styled pieces of text that are drawn two ways: as Ink <Text> elements (span-text.tsx) and, for
// the first frame drawn before Ink is loaded, painted with chalk as Ink paints them (paint below).
import chalk from 'chalk';
import cliTruncate from 'cli-truncate';
import { color, type Role } from './theme.js';

export interface Span {
  text: string;
  color?: Role;
  bold?: boolean;
  inverse?: boolean;
}

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

/** A <Text wrap="truncate-end"> with the span's own style, `width` columns wide. */
export function paintTruncated(span: Span, width: number): string {
  return paint({ ...span, text: cliTruncate(span.text, width) });
}

/** A <Text wrap="truncate-end"> holding one nested <Text> per span, `width` columns wide. */
export function paintLine(spans: readonly Span[], width: number): string {
  return cliTruncate(spans.map(paint).join(''), width);
}
