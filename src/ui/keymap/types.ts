// The vocabulary of the keymap: scopes, the context bindings are evaluated against, and the
// binding record itself (bindings are data: the footer and the help overlay are generated from them).
import type { CrateStatus, StepStatus } from '../../core/state-types.js';
import type { CommandId } from './commands.js';

export type PaneId = 'checklist' | 'queue' | 'output';
export const PANES: readonly PaneId[] = ['checklist', 'queue', 'output'];

export type ModalKind =
  'help' | 'confirm' | 'skip-reason' | 'rollback' | 'resume' | 'quit' | 'search' | 'completion' | 'history';

export type Scope = 'global' | PaneId | ModalKind;

/** What `when` and `disabledReason` look at: a snapshot taken at each key press (pure data). */
export interface KeyContext {
  focus: PaneId;
  /** The modal on top, which sees keys first. */
  modal?: ModalKind;
  /** The top modal edits text: printable keys are typed, not dispatched as commands. */
  textInput: boolean;
  running: boolean;
  /** Every step passed or skipped. */
  finished: boolean;
  /** What the checklist cursor is on. */
  row?: 'phase' | 'step';
  step?: { id: string; kind: string; status: StepStatus };
  /** What the queue cursor is on. */
  crate?: { name: string; status: CrateStatus };
  hasCrates: boolean;
  queuePaused: boolean;
  /** The publish step runs (the queue can be paused). */
  queueRunning: boolean;
  /** Every crate published, already published or skipped. */
  queueDone: boolean;
  follow: boolean;
  hasSearch: boolean;
  /** The top modal's text (skip reason, search, typed confirmation). */
  inputText: string;
  /** The confirm modal requires this exact text. */
  typedRequired?: string;
  /** The confirm modal offers this draft file in $EDITOR (the changelog review). */
  editFile?: string;
  /** The history view: the release under its cursor, when the list is read. */
  history?: { version?: string };
  /** What y means in a confirm modal whose steps are done by hand ("I yanked it: record it"). */
  confirmYes?: string;
  rollback?: {
    busy: boolean;
    onCrate: boolean;
    onAction: boolean;
    /** Every crate of the menu is selected. */
    allSelected: boolean;
    hasCrates: boolean;
    actionDisabled?: string;
    yankDisabled?: string;
    unyankDisabled?: string;
  };
}

export interface Binding {
  command: CommandId;
  /** Key names as produced by keyName(): 'q', 'G', 'enter', 'shift-tab', 'ctrl-c', 'space'... */
  keys: string[];
  /** For the help overlay. */
  description: string;
  scope: Scope;
  /** Short, context-aware footer label; defaults to the description. */
  label?: (ctx: KeyContext) => string;
  /** The binding applies at all (else the key falls through to the next scope). */
  when?: (ctx: KeyContext) => boolean;
  /** Applies but cannot run now: the reason is flashed in the footer. */
  disabledReason?: (ctx: KeyContext) => string | undefined;
  /** Shown in the footer (navigation keys are not, to save room). */
  footer?: boolean;
  /** In the footer even while disabled (drawn dim): a menu's main keys stay discoverable. */
  advertise?: boolean;
  /** Kept in the footer however narrow it is (help, quit). */
  pinned?: boolean;
  /** Still active under a modal that does not bind the key (Ctrl-C). */
  evenInModal?: boolean;
}
