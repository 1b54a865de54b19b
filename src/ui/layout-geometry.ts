// Where the panes go. 80x24 is the minimum: panes stack (checklist, queue, output). From 120
// columns the checklist takes the left side and the queue and the output share the right.
// The root box is rows - 1 high: at full height Ink clears the whole screen on every frame.
// Plain numbers, no React: the first frame is drawn from them before Ink is loaded.
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;
export const WIDE_COLUMNS = 120;
const HEADER_ROWS = 1;
const FOOTER_ROWS = 2;

/** The terminal's size; a stream without one (a test's) counts as 100x24. */
export function terminalSize(out: { columns?: number; rows?: number }): { columns: number; rows: number } {
  return { columns: out.columns || 100, rows: out.rows || 24 };
}

export interface PaneBox {
  width: number;
  /** Including the pane's title row. */
  height: number;
}

export interface Layout {
  columns: number;
  rows: number;
  tooSmall: boolean;
  wide: boolean;
  /** Height of the root box. */
  rootHeight: number;
  body: PaneBox;
  checklist: PaneBox;
  /** Absent when the release publishes no crates. */
  queue?: PaneBox;
  output: PaneBox;
}

export function computeLayout(columns: number, rows: number, crateCount: number): Layout {
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const rootHeight = Math.max(1, rows - 1);
  const bodyHeight = Math.max(3, rootHeight - HEADER_ROWS - FOOTER_ROWS);
  const wide = columns >= WIDE_COLUMNS;
  const body = { width: columns, height: bodyHeight };
  const hasQueue = crateCount > 0;
  // Title + progress bar + one row per crate, capped so the output keeps most of the room.
  const queueWant = crateCount + 2;
  const frame = { columns, rows, tooSmall, wide, rootHeight, body };
  if (wide) {
    const left = Math.min(70, Math.max(44, Math.floor(columns * 0.42)));
    // The checklist gives one column to the separator line.
    const right = columns - left;
    const queueH = hasQueue ? Math.max(4, Math.min(queueWant, Math.floor(bodyHeight * 0.45))) : 0;
    return {
      ...frame,
      checklist: { width: left - 1, height: bodyHeight },
      queue: hasQueue ? { width: right, height: queueH } : undefined,
      output: { width: right, height: bodyHeight - queueH },
    };
  }
  const checklistH = Math.max(4, Math.floor(bodyHeight * (hasQueue ? 0.4 : 0.5)));
  const queueH = hasQueue ? Math.max(3, Math.min(queueWant, Math.floor(bodyHeight * 0.25))) : 0;
  return {
    ...frame,
    checklist: { width: columns, height: checklistH },
    queue: hasQueue ? { width: columns, height: queueH } : undefined,
    output: { width: columns, height: bodyHeight - checklistH - queueH },
  };
}
