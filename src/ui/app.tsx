// The cockpit. Reads the store (throttled) and the output hub (frame timer), turns key presses
// into commands through the keymap, and talks to the engine only through EngineApi: no IO here.
import React, { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { Box, Text, useApp, useInput } from 'ink';
import type { Key } from 'ink';
import type { EngineApi } from '../engine/engine-api.js';
import type { ConfirmRequest } from '../engine/step-types.js';
import type { Plan } from '../core/plan-types.js';
import type { ReleaseState } from '../store/state-types.js';
import { ALL_BINDINGS } from './keymap/bindings.js';
import { dispatch } from './keymap/dispatch.js';
import { keyPresses, type KeyPress } from './keymap/key-names.js';
import type { PaneId } from './keymap/types.js';
import { INITIAL_UI, topModal, uiReducer } from './app-state.js';
import { buildKeyContext } from './key-context.js';
import { executeCommand, openResume } from './execute-command.js';
import { computeLayout, MIN_COLUMNS, MIN_ROWS, PanesLayout } from './layout.js';
import { Header, stepProgress } from './header.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { useStoreSnapshot } from './hooks/use-store-snapshot.js';
import { useNow } from './hooks/use-now.js';
import { useChecklistState } from './panes/checklist/use-checklist-state.js';
import { ChecklistView } from './panes/checklist/view.js';
import { hasLiveCountdown, useQueueState } from './panes/queue/use-queue-state.js';
import { QueueView } from './panes/queue/view.js';
import { useOutputState } from './panes/output/use-output-state.js';
import { OutputView } from './panes/output/view.js';
import { footerHints, useFlash } from './panes/footer/use-footer-state.js';
import { FooterView } from './panes/footer/view.js';
import { isFullModal, ModalHost } from './modals/modal-host.js';
import { modalBodyRows } from './modals/modal-frame.js';
import type { Modal } from './modals/modal-types.js';
import { editConfirmDraft, runInPlace, type Suspend } from './modals/confirm-edit.js';
import { errorText } from './guard.js';

export interface AppProps {
  engine: EngineApi;
  /** Shows a DEMO badge (the embedded demo sandbox). */
  demo?: boolean;
  /** Called once, after the engine was cancelled and closed; the app unmounts one tick later. */
  onExit?: (code: number, error?: string) => void;
  /** Injectable wall clock (countdowns, elapsed times). */
  clock?: () => number;
  /** Upper bound of re-renders per second caused by the store and the output. */
  fps?: number;
  /** The host's way to lend the terminal to the editor (tui-mode); default: no terminal to lend. */
  suspend?: Suspend;
}

/** 1 when a step is failed at exit (the release needs attention), else 0. */
export function exitCodeFor(plan: Pick<Plan, 'phases'>, state: ReleaseState): number {
  return plan.phases.some((p) => p.steps.some((s) => state.steps[s.id]?.status === 'failed')) ? 1 : 0;
}

function prompt(m: Modal | undefined): { label: string; text: string } | undefined {
  if (m?.kind === 'search') return { label: 'Search:', text: m.text };
  if (m?.kind === 'skip-reason') {
    const what = m.target.type === 'step' ? `"${m.target.title}"` : `crate ${m.target.name}`;
    return { label: `Skip ${what}, reason:`, text: m.text };
  }
  return undefined;
}

export function App({ engine, demo = false, onExit, clock = Date.now, fps = 30, suspend = runInPlace }: AppProps): React.JSX.Element {
  const { exit } = useApp();
  const plan = engine.plan;
  const size = useTerminalSize();
  const layout = computeLayout(size.columns, size.rows, plan.crates.length);
  const state = useStoreSnapshot(engine.store, fps);
  const [ui, send] = useReducer(uiReducer, INITIAL_UI);
  const { flash, show } = useFlash();
  const [follow, setFollow] = useState(true);
  const running = engine.isRunning();
  const currentId = engine.currentStepId();

  const checklist = useChecklistState(plan, state, layout.checklist.height - 1, currentId, follow ? currentId : undefined);
  const queue = useQueueState(plan, state, Math.max(1, (layout.queue?.height ?? 3) - 2));
  const selectedStep = checklist.selected?.type === 'step' ? checklist.selected.step : undefined;
  const shownId = follow && running ? (currentId ?? selectedStep?.id) : selectedStep?.id;
  const shownStep = plan.phases.flatMap((p) => p.steps).find((s) => s.id === shownId);
  const output = useOutputState(engine.output, shownId, layout.output.height - 1, follow, setFollow, fps);
  const now = useNow(clock, running || hasLiveCountdown(queue.rows, clock()));

  const top = topModal(ui);
  const progress = stepProgress(plan, state);
  const ctx = buildKeyContext({
    ui,
    state,
    running,
    finished: progress.done === progress.total,
    checklistRow: checklist.selected,
    queueRows: queue.rows,
    queueRow: ui.focus === 'queue' ? queue.selected : undefined,
    output: output.state,
  });

  // Modals are read from a ref on quit: confirmations still open must be answered (no).
  const modalsRef = useRef(ui.modals);
  modalsRef.current = ui.modals;
  const quitting = useRef(false);
  const quit = useCallback(() => {
    if (quitting.current) return;
    quitting.current = true;
    send({ type: 'quitting' });
    for (const m of modalsRef.current) if (m.kind === 'confirm') m.resolve(false);
    void (async () => {
      let error: string | undefined;
      try {
        await engine.cancel();
      } catch (e) {
        error = errorText(e);
      }
      try {
        await engine.close();
      } catch (e) {
        error ??= errorText(e);
      }
      onExit?.(error ? 1 : exitCodeFor(plan, engine.store.getState()), error);
      // One tick after the last update, or Ink loses the final frame.
      setTimeout(() => exit(), 0);
    })();
  }, [engine, plan, onExit, exit]);

  // Engine questions already answered by one confirmation of the UI's (a yank of several crates).
  const preauthorized = useRef(new Map<string, string>());
  const preauthorize = useCallback((reqs: ConfirmRequest[]) => {
    const keys = reqs.map((r) => r.title);
    reqs.forEach((r) => preauthorized.current.set(r.title, JSON.stringify(r.commands)));
    return () => keys.forEach((k) => preauthorized.current.delete(k));
  }, []);

  useEffect(() => {
    engine.setConfirmHandler(
      (request) =>
        new Promise<boolean>((resolve) => {
          if (quitting.current) return resolve(false);
          // Only the exact commands the maintainer saw are pre-authorised.
          if (preauthorized.current.get(request.title) === JSON.stringify(request.commands)) {
            preauthorized.current.delete(request.title);
            return resolve(true);
          }
          let settled = false;
          const once = (ok: boolean): void => {
            if (settled) return;
            settled = true;
            resolve(ok);
          };
          send({ type: 'push', modal: { kind: 'confirm', request, text: '', resolve: once } });
        }),
    );
    if (engine.store.getState().sessions > 1) openResume({ engine, send });
    return () => engine.setConfirmHandler(async () => false);
  }, [engine]);

  // Notices the engine adds while the cockpit is open (a run stopped on an error) are flashed;
  // those of earlier sessions are in the resume summary.
  const seenNotices = useRef(state.notices.length);
  useEffect(() => {
    if (state.notices.length > seenNotices.current) show(state.notices[state.notices.length - 1]!);
    seenNotices.current = state.notices.length;
  }, [state.notices, show]);

  const panes: PaneId[] = plan.crates.length > 0 ? ['checklist', 'queue', 'output'] : ['checklist', 'output'];

  const onPress = (press: KeyPress): void => {
    // Blind keys are dangerous (enter starts the release): only quitting works while too small.
    if (layout.tooSmall) {
      if (press.name === 'ctrl-c' || press.name === 'q') quit();
      return;
    }
    const r = dispatch(press, ctx, ALL_BINDINGS);
    if (r.kind === 'disabled') show(r.reason);
    else if (r.kind === 'text') send({ type: 'type-text', text: r.text });
    else if (r.kind === 'command' && r.binding.command === 'modal.edit') {
      // Needs the host's suspend, which the other commands do not: handled here.
      editConfirmDraft(top, { engine, send, flash: show, suspend });
    } else if (r.kind === 'command') {
      executeCommand(r.binding, { engine, plan, ctx, ui, send, checklist, queue, output, flash: show, panes, quit, pageRows: modalBodyRows(layout.body.height) - 1, preauthorize });
    }
  };
  const onKey = (input: string, key: Key): void => {
    if (ui.quitting) return;
    // Only a run of one navigation key yields several presses; their moves are functional updates.
    for (const press of keyPresses(input, key)) onPress(press);
  };
  // Ink re-subscribes a changed handler only in an effect, which can run after the next key:
  // a stable handler reading the latest render's closure never sees a stale context.
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;
  useInput(useCallback((input: string, key: Key) => onKeyRef.current(input, key), []));

  if (layout.tooSmall) {
    return (
      <Text wrap="truncate-end">
        release-cockpit needs {MIN_COLUMNS}x{MIN_ROWS} or more (this terminal: {size.columns}x{size.rows})
      </Text>
    );
  }

  const placeholder =
    shownStep?.config.kind === 'manual'
      ? [`Manual step: ${shownStep.title}`, ...(shownStep.config.details ? [shownStep.config.details] : []), 'Press enter on it in the checklist once done.']
      : undefined;

  let body: React.ReactNode;
  if (ui.quitting) {
    body = (
      <Box height={layout.body.height}>
        <Text>Stopping: cancelling what runs, saving the state, releasing the lock…</Text>
      </Box>
    );
  } else if (top && isFullModal(top)) {
    body = <ModalHost modal={top} plan={plan} state={state} bindings={ALL_BINDINGS} ctx={{ ...ctx, modal: undefined }} width={layout.body.width} height={layout.body.height} />;
  } else {
    body = (
      <PanesLayout
        layout={layout}
        checklist={<ChecklistView view={checklist} focused={ui.focus === 'checklist'} width={layout.checklist.width} height={layout.checklist.height} now={now} running={running} />}
        queue={
          layout.queue ? (
            <QueueView view={queue} focused={ui.focus === 'queue'} paused={state.queuePaused} width={layout.queue.width} height={layout.queue.height} now={now} />
          ) : undefined
        }
        output={<OutputView pane={output} title={shownStep?.title} focused={ui.focus === 'output'} width={layout.output.width} height={layout.output.height} placeholder={placeholder} />}
      />
    );
  }

  return (
    <Box flexDirection="column" width={layout.columns} height={layout.rootHeight}>
      <Header plan={plan} state={state} now={now} running={running} demo={demo} width={layout.columns} />
      {body}
      <FooterView hints={ui.quitting ? [] : footerHints(ctx, ALL_BINDINGS)} width={layout.columns} flash={flash?.text} prompt={prompt(top)} />
    </Box>
  );
}
