// Picks the view of a full-body modal. Inline modals (search, skip reason) live in the footer.
import React from 'react';
import type { Modal } from './modal-types.js';
import type { ScrollInput } from './modal-size.js';
import { helpLines } from './help-lines.js';
import { resumeBody } from './resume-summary.js';
import { HelpView, QuitView, ResumeView } from './simple-views.js';
import { ConfirmView, modalTextWidth } from './confirm-view.js';
import { CompletionView } from './completion-view.js';
import { RollbackView } from './rollback-view.js';
import { HistoryView } from './history-view.js';

export function isFullModal(m: Modal | undefined): boolean {
  return m !== undefined && m.kind !== 'search' && m.kind !== 'skip-reason';
}

/** `ctx` is the context under the modal (for the help overlay's "disabled now" notes). */
export interface ModalHostProps extends ScrollInput {
  modal: Modal;
  resumeCommand?: string;
}

export function ModalHost({
  modal,
  plan,
  state,
  bindings,
  ctx,
  width,
  height,
  resumeCommand,
}: ModalHostProps): React.JSX.Element | null {
  switch (modal.kind) {
    case 'help':
      return (
        <HelpView
          lines={helpLines(bindings, ctx, modalTextWidth(width))}
          scroll={modal.scroll}
          width={width}
          height={height}
        />
      );
    case 'confirm':
      return (
        <ConfirmView
          request={modal.request}
          text={modal.text}
          scroll={modal.scroll ?? 0}
          width={width}
          height={height}
        />
      );
    case 'quit':
      return <QuitView stepTitle={modal.stepTitle} resumeCommand={resumeCommand} width={width} height={height} />;
    case 'resume':
      return (
        <ResumeView
          lines={resumeBody(plan, state, modal.registry, width)}
          scroll={modal.scroll}
          width={width}
          height={height}
        />
      );
    case 'completion':
      return <CompletionView modal={modal} width={width} height={height} />;
    case 'rollback':
      return (
        <RollbackView modal={modal} version={modal.release?.version ?? plan.version} width={width} height={height} />
      );
    case 'history':
      return <HistoryView modal={modal} version={plan.version} width={width} height={height} />;
    default:
      return null;
  }
}
