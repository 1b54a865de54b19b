// The cockpit. Reads the store (throttled) and the output hub (frame timer), turns key presses
// into commands through the keymap, and talks to the engine only through EngineApi: no IO here.
import React, { useMemo, useReducer } from 'react';
import { Box, useApp, useInput } from 'ink';
import type { EngineApi } from '../engine/engine-api.js';
import { ALL_BINDINGS } from './keymap/bindings.js';
import { INITIAL_UI, topModal, uiReducer } from './app-state.js';
import { computeLayout, type Layout } from './layout-geometry.js';
import { PanesLayout } from './layout.js';
import { Header } from './header.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { useStoreSnapshot } from './hooks/use-store-snapshot.js';
import { ChecklistView } from './panes/checklist/view.js';
import { QueueView } from './panes/queue/view.js';
import { OutputView } from './panes/output/view.js';
import { footerHints, useFlash } from './panes/footer/use-footer-state.js';
import { FooterView } from './panes/footer/view.js';
import { maxScroll, pageRows } from './modals/modal-size.js';
import type { Modal } from './modals/modal-types.js';
import { runInPlace, type Suspend } from './modals/confirm-edit.js';
import {
  useConfirmHandler,
  useKeyQueue,
  useNoticeFlash,
  useOpeningModals,
  usePreviousRelease,
  useQuit,
  useReleaseShelf,
} from './app-hooks.js';
import type { ReleaseShelf } from './release-shelf.js';
import type { PreviousRelease } from './previous-release.js';
import { Body, paneLayoutFor, promptOf, TooSmall } from './app-body.js';
import { handlePress } from './app-keys.js';
import { useCockpitView, type CockpitView } from './use-cockpit-view.js';
import { openingNotes, type OpeningNotes } from './opening-notes.js';

export { exitCodeFor } from './app-hooks.js';

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
  /** The command that reopens this release (the quit question names it). */
  resumeCommand?: string;
  /** The last finished release: `y` offers it when this release published nothing. */
  previous?: PreviousRelease;
  /** The repository's releases: the history view (h) and their rollback menus. */
  history?: ReleaseShelf;
  /** What the output pane says before any step ran (the demo explains itself there). */
  intro?: string[];
}

function panesFor(
  view: CockpitView,
  focus: string,
  paused: boolean,
  opening?: OpeningNotes,
): (l: Layout) => React.ReactNode {
  const { checklist, queue, output, shownStep, quiet, now, running, progress } = view;
  return (l) => (
    <PanesLayout
      layout={l}
      checklist={
        <ChecklistView
          view={checklist}
          focused={focus === 'checklist'}
          width={l.checklist.width}
          height={l.checklist.height}
          now={now}
          running={running}
          done={progress}
        />
      }
      queue={
        l.queue ? (
          <QueueView
            view={queue}
            focused={focus === 'queue'}
            paused={paused}
            width={l.queue.width}
            height={l.queue.height}
            now={now}
            live={view.ctx.queueRunning}
          />
        ) : undefined
      }
      output={
        <OutputView
          pane={output}
          title={shownStep?.title}
          heading={opening?.heading}
          quiet={quiet}
          focused={focus === 'output'}
          width={l.output.width}
          height={l.output.height}
          placeholder={opening?.lines}
        />
      }
    />
  );
}

/** No step has started, finished or been skipped yet. */
function nothingRan(steps: Record<string, { status: string }>): boolean {
  return Object.values(steps).every((s) => s.status === 'pending');
}

export function App({
  engine,
  demo = false,
  onExit,
  clock = Date.now,
  fps = 30,
  suspend = runInPlace,
  resumeCommand,
  previous,
  history,
  intro,
}: AppProps): React.JSX.Element {
  const { exit } = useApp();
  const plan = engine.plan;
  const size = useTerminalSize();
  const layout = computeLayout(size.columns, size.rows, plan.crates.length);
  const state = useStoreSnapshot(engine.store, fps);
  const [ui, send] = useReducer(uiReducer, INITIAL_UI);
  const { flash, show } = useFlash();
  const { quit, quitting } = useQuit({ engine, send, modals: ui.modals, onExit, exit });
  useConfirmHandler(engine, send, quitting, { suspend, flash: show });
  const opening = useMemo(() => openingNotes(intro, plan.problems), [intro, plan.problems]);
  const previousRelease = usePreviousRelease(previous, send, quitting, { suspend, flash: show });
  useNoticeFlash(state.notices, show);
  const top = topModal(ui);
  const split = paneLayoutFor(layout, top, plan.crates.length, { plan, state, bindings: ALL_BINDINGS });
  const view = useCockpitView(engine, state, split.panes, ui, clock, fps);
  useOpeningModals(engine, send, view.progress.done === view.progress.total);
  const scrollInput = {
    plan,
    state,
    bindings: ALL_BINDINGS,
    ctx: view.ctx,
    width: layout.body.width,
    height: layout.body.height,
  };
  const deps = {
    engine,
    layout,
    ui,
    view,
    send,
    flash: show,
    quit,
    suspend,
    maxScroll: (m: Modal) => maxScroll(m, scrollInput),
    pageRows: (m: Modal) => pageRows(m, scrollInput),
    previous: previousRelease,
    history: useReleaseShelf(history, send, quitting, { suspend, flash: show }),
  };
  useInput(useKeyQueue((press, queued) => handlePress(press, deps, queued)));

  if (layout.tooSmall) return <TooSmall columns={size.columns} rows={size.rows} />;
  return (
    <Box flexDirection="column" width={layout.columns} height={layout.rootHeight}>
      <Header plan={plan} state={state} now={view.now} demo={demo} width={layout.columns} />
      <Body
        layout={layout}
        split={split}
        quitting={ui.quitting}
        top={top}
        plan={plan}
        state={state}
        bindings={ALL_BINDINGS}
        ctx={view.ctx}
        panes={panesFor(view, ui.focus, state.queuePaused, nothingRan(state.steps) ? opening : undefined)}
        resumeCommand={resumeCommand}
      />
      <FooterView
        hints={ui.quitting ? [] : footerHints(view.ctx, ALL_BINDINGS)}
        width={layout.columns}
        flash={flash?.text}
        prompt={promptOf(top)}
      />
    </Box>
  );
}
