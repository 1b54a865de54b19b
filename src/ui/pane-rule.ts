// A pane's title rule (heavy and bold when focused, so focus shows without colour), as a span:
// PaneFrame draws it with Ink, the first frame before Ink is loaded.
import type { Span } from './spans.js';

export function paneRule(title: string, info: string | undefined, focused: boolean, width: number): Span {
  const rule = focused ? '━' : '─';
  const head = `${rule} ${title} `;
  const tail = info ? ` ${info} ${rule}` : '';
  const fill = Math.max(0, width - head.length - tail.length);
  return { text: head + rule.repeat(fill) + tail, bold: focused, color: focused ? 'accent' : 'muted' };
}
