// The cockpit's first frame, drawn while the engine opens (lock, saved state, journal): the header
// and the checklist from the plan alone, in the App's layout, the output pane saying the release is
// opening. One model, two drawings: OpeningView draws it with Ink, openingLines as the terminal's
// text before Ink is even loaded (tests hold the two equal, cell for cell).
import type { Plan } from '../core/plan-types.js';
import { computeLayout, type Layout } from './layout-geometry.js';
import { buildRows, type ChecklistRow } from './panes/checklist/checklist-rows.js';
import { paneRule } from './pane-rule.js';
import { isSimpleText, paintLine, paintTruncated, type Measure, type Span } from './spans.js';
import { demoBadgeSpans, releaseTitleSpans } from './title-spans.js';

export const OPENING_TEXT = 'Opening the release: taking its lock, reading its saved state…';

/** A pane of the first frame: its title rule and one span per row under it. */
export interface OpeningPane {
  title: string;
  info: string;
  focused: boolean;
  width: number;
  height: number;
  /** At most height - 1. */
  lines: Span[];
}

export interface OpeningFrame {
  layout: Layout;
  header: Span[];
  checklist: OpeningPane;
  output: OpeningPane;
}

/**
 * The App's layout cut to what the first frame has to show: panes as tall as the checklist (the
 * output pane beside it, or two rows under it on a narrow terminal), no queue yet. Ink renders
 * every cell of its frame, so a short first frame is drawn sooner; the App's frame extends it.
 */
export function openingLayout(full: Layout, checklistRows: number): Layout {
  const wide = full.wide;
  const height = Math.min(checklistRows + 1, wide ? full.body.height : full.checklist.height);
  const outputHeight = wide ? height : 2;
  const bodyHeight = wide ? height : height + outputHeight;
  return {
    ...full,
    rootHeight: bodyHeight + 1,
    body: { ...full.body, height: bodyHeight },
    checklist: { ...full.checklist, height },
    queue: undefined,
    output: { ...full.output, height: outputHeight },
  };
}

/** The plan's phases and steps, unmarked: their status is in the saved state, not read yet. */
function rowSpan(row: ChecklistRow): Span {
  return row.type === 'phase'
    ? { text: ` ▾ ${row.title}`, bold: true }
    : { text: `    · ${row.step.title}`, color: 'muted' };
}

/** The first frame at this terminal size; undefined under 80x24 (the App explains, once open). */
export function openingFrame(
  plan: Pick<Plan, 'project' | 'version' | 'next' | 'phases' | 'crates' | 'problems'>,
  demo: boolean,
  columns: number,
  rows: number,
): OpeningFrame | undefined {
  const full = computeLayout(columns, rows, plan.crates.length);
  if (full.tooSmall) return undefined;
  const checklistRows = buildRows(plan, { steps: {} }, new Set());
  const layout = openingLayout(full, checklistRows.length);
  const { checklist, output } = layout;
  return {
    layout,
    header: [...releaseTitleSpans(plan), { text: '  opening…', color: 'muted' }, ...demoBadgeSpans(demo)],
    checklist: {
      title: 'Checklist',
      info: 'loading',
      focused: true,
      ...checklist,
      lines: checklistRows.slice(0, Math.max(0, checklist.height - 1)).map(rowSpan),
    },
    output: {
      title: 'Output',
      info: 'loading',
      focused: false,
      ...output,
      lines: [{ text: ` ${OPENING_TEXT}`, color: 'muted' }],
    },
  };
}

function paneLines(pane: OpeningPane, m: Measure): { text: string; width: number }[] {
  const lines = [paintTruncated(paneRule(pane.title, pane.info, pane.focused, pane.width), pane.width, m)];
  for (let i = 0; i < pane.height - 1; i += 1) {
    const span = pane.lines[i];
    lines.push(span === undefined ? { text: '', width: 0 } : paintTruncated(span, pane.width, m));
  }
  return lines;
}

const texts = (frame: OpeningFrame): string[] =>
  [frame.header, frame.checklist.lines, frame.output.lines].flat().map((s) => s.text);

/** Whether spans.ts simpleMeasure draws the frame as Ink does: simple texts, a header that fits. */
export function drawsSimply(frame: OpeningFrame): boolean {
  const header = frame.header.reduce((n, s) => n + s.text.length, 0);
  return texts(frame).every(isSimpleText) && header <= frame.layout.columns;
}

/** Control characters move the cursor or end lines: how Ink lays them out is not drawn here. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The frame as the terminal's lines, styled as Ink styles them, trailing blanks cut as Ink cuts
 * them; undefined when a text holds a control character (Ink alone draws that frame).
 */
export function openingLines(frame: OpeningFrame, m: Measure): string[] | undefined {
  if (texts(frame).some((t) => CONTROL.test(t))) return undefined;
  const { layout } = frame;
  const left = paneLines(frame.checklist, m);
  const right = paneLines(frame.output, m);
  const pad = (cell: { text: string; width: number } | undefined, width: number): string =>
    (cell?.text ?? '') + ' '.repeat(Math.max(0, width - (cell?.width ?? 0)));
  const body = layout.wide
    ? Array.from(
        { length: layout.body.height },
        (_, i) => `${pad(left[i], layout.checklist.width)}│${right[i]?.text ?? ''}`,
      )
    : [...left, ...right].map((cell) => cell.text);
  return [paintLine(frame.header, layout.columns, m), ...body].map((line) => line.replace(/ +$/, ''));
}
