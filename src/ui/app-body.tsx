// What fills the space between the header and the footer: the panes, a modal (sized to its
// content, the panes above it where they fit), or the stopping message; and the too-small screen.
import React from 'react';
import { Box, Text } from 'ink';
import type { Plan } from '../core/plan-types.js';
import type { ReleaseState } from '../core/state-types.js';
import type { Binding, KeyContext } from './keymap/types.js';
import type { Modal } from './modals/modal-types.js';
import { computeLayout, MIN_COLUMNS, MIN_ROWS, type Layout } from './layout-geometry.js';
import { isFullModal, ModalHost } from './modals/modal-host.js';
import { MIN_PANES_ROWS, modalHeight, type ModalContent } from './modals/modal-size.js';
import { wrapText } from './format.js';

/** The panes for a given layout (the app's full one, or a shorter one above a modal). */
export type PanesFor = (layout: Layout) => React.ReactNode;

/** The layout of the panes: the full body, or what a modal sized to its content leaves above it. */
export function paneLayoutFor(
  full: Layout,
  top: Modal | undefined,
  crateCount: number,
  content?: ModalContent,
): { panes: Layout; modalRows: number; blankAbove?: boolean } {
  if (!top || !isFullModal(top)) return { panes: full, modalRows: 0 };
  const h = modalHeight(top, full.body.width, full.body.height, content);
  if (h >= full.body.height) return { panes: full, modalRows: full.body.height };
  // Too few rows left for the panes to say anything: blank rows, the modal keeps its size.
  if (full.body.height - h < MIN_PANES_ROWS) return { panes: full, modalRows: h, blankAbove: true };
  // The root is rows - 1 high and the body 3 rows less: a layout whose body is what remains.
  return { panes: computeLayout(full.columns, full.body.height - h + 4, crateCount), modalRows: h };
}

export interface BodyProps {
  /** The command that reopens this release (the quit question names it). */
  resumeCommand?: string;
  layout: Layout;
  /** From paneLayoutFor. */
  split: { panes: Layout; modalRows: number; blankAbove?: boolean };
  quitting: boolean;
  top?: Modal;
  plan: Plan;
  state: ReleaseState;
  bindings: readonly Binding[];
  ctx: KeyContext;
  panes: PanesFor;
}

export function Body({
  layout,
  split,
  quitting,
  top,
  plan,
  state,
  bindings,
  ctx,
  panes,
  resumeCommand,
}: BodyProps): React.JSX.Element {
  const { width, height } = layout.body;
  if (quitting) {
    return (
      <Box height={height}>
        <Text>Stopping: cancelling what runs, saving the state, releasing the lock…</Text>
      </Box>
    );
  }
  if (!top || split.modalRows === 0) return <>{panes(layout)}</>;
  const modal = (
    <ModalHost
      modal={top}
      plan={plan}
      state={state}
      resumeCommand={resumeCommand}
      bindings={bindings}
      ctx={{ ...ctx, modal: undefined }}
      width={width}
      height={split.modalRows}
    />
  );
  if (split.modalRows >= height) return modal;
  return (
    <Box flexDirection="column" height={height}>
      {split.blankAbove ? <Box height={height - split.modalRows} /> : panes(split.panes)}
      {modal}
    </Box>
  );
}

/** Under 80x24 nothing else is drawn (blind keys are dangerous): what is needed and what to do. */
export function TooSmall({ columns, rows }: { columns: number; rows: number }): React.JSX.Element {
  const text = `release-cockpit needs a terminal of at least ${MIN_COLUMNS}x${MIN_ROWS}; this one is ${columns}x${rows}. Enlarge the window (or zoom out): the cockpit redraws at once. q quits; nothing runs meanwhile.`;
  const lines = wrapText(text, Math.max(10, columns - 1));
  return (
    <Box flexDirection="column" width={columns} height={Math.max(1, rows - 1)}>
      {lines.slice(0, Math.max(1, rows - 1)).map((l, i) => (
        <Text key={i}>{l}</Text>
      ))}
    </Box>
  );
}

/** The footer's inline prompt (search, skip reason) for the top modal. */
export function promptOf(m: Modal | undefined): { label: string; text: string } | undefined {
  if (m?.kind === 'search') return { label: 'Search:', text: m.text };
  if (m?.kind === 'skip-reason') {
    const what = m.target.type === 'step' ? `"${m.target.title}"` : `crate ${m.target.name}`;
    return { label: `Skip ${what}, reason:`, text: m.text };
  }
  return undefined;
}
