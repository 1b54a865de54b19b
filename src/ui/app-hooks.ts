// The App's effects, one hook each: quitting (cancel, close, exit code), answering the engine's
// confirmations with modals, flashing new notices, and the key queue (every key of a chunk).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MutableRefObject } from 'react';
import type { Key } from 'ink';
import type { EngineApi } from '../engine/engine-api.js';
import type { Plan } from '../core/plan-types.js';
import type { ReleaseState } from '../core/state-types.js';
import type { UiAction } from './app-state.js';
import type { Modal } from './modals/modal-types.js';
import { keyPresses, type KeyPress } from './keymap/key-names.js';
import { openCompletion, openResume } from './execute-command.js';
import { shouldOfferResume } from './modals/resume-summary.js';
import { errorText } from './guard.js';
import type { PreviousRelease } from './previous-release.js';
import type { ReleaseShelf } from './release-shelf.js';
import { editConfirmDraft, type Suspend } from './modals/confirm-edit.js';

/** 1 when a step is failed at exit (the release needs attention), else 0. */
export function exitCodeFor(plan: Pick<Plan, 'phases'>, state: ReleaseState): number {
  return plan.phases.some((p) => p.steps.some((s) => state.steps[s.id]?.status === 'failed')) ? 1 : 0;
}

export interface QuitDeps {
  engine: EngineApi;
  send: (a: UiAction) => void;
  modals: readonly Modal[];
  onExit?: (code: number, error?: string) => void;
  exit: () => void;
}

/** Quit once: open confirmations are answered no, the engine cancelled and closed, then exit. */
export function useQuit(d: QuitDeps): { quit: () => void; quitting: MutableRefObject<boolean> } {
  const modalsRef = useRef(d.modals);
  modalsRef.current = d.modals;
  const quitting = useRef(false);
  const { engine, send, onExit, exit } = d;
  const quit = useCallback(() => {
    if (quitting.current) return;
    quitting.current = true;
    send({ type: 'quitting' });
    for (const m of modalsRef.current) if (m.kind === 'confirm') m.resolve(false);
    void (async () => {
      let error: string | undefined;
      for (const step of [() => engine.cancel(), () => engine.close()]) {
        try {
          await step();
        } catch (e) {
          error ??= errorText(e);
        }
      }
      onExit?.(error ? 1 : exitCodeFor(engine.plan, engine.store.getState()), error);
      // One tick after the last update, or Ink loses the final frame.
      setTimeout(() => exit(), 0);
    })();
  }, [engine, send, onExit, exit]);
  return { quit, quitting };
}

type ConfirmHandler = Parameters<EngineApi['setConfirmHandler']>[0];

/** How a question that edits first (the release notes) opens the editor: the host's terminal hand-over. */
export interface EditFirst {
  engine: Pick<EngineApi, 'editInEditor'>;
  suspend: Suspend;
  flash: (text: string) => void;
}

/**
 * The engine's questions become confirm modals (a yank of several crates is one question); one
 * with `editFirst` opens its draft in the editor right away, the modal showing the change after.
 */
function modalConfirm(
  send: (a: UiAction) => void,
  quitting: MutableRefObject<boolean>,
  edit?: EditFirst,
): ConfirmHandler {
  return (request) =>
    new Promise<boolean>((resolve) => {
      if (quitting.current) return resolve(false);
      let settled = false;
      const once = (ok: boolean): void => {
        if (settled) return;
        settled = true;
        resolve(ok);
      };
      const modal: Modal = {
        kind: 'confirm',
        request,
        text: '',
        resolve: once,
        scroll: 0,
        ...(edit ? { asker: edit.engine } : {}),
      };
      send({ type: 'push', modal });
      // After the push has drawn: the editor takes the terminal from a cockpit showing the question.
      if (edit && request.editFirst && request.editFile !== undefined)
        setTimeout(() => editConfirmDraft(modal, { ...edit, send }), 0);
    });
}

export function useConfirmHandler(
  engine: EngineApi,
  send: (a: UiAction) => void,
  quitting: MutableRefObject<boolean>,
  edit: Omit<EditFirst, 'engine'>,
): void {
  const { suspend, flash } = edit;
  useEffect(() => {
    engine.setConfirmHandler(modalConfirm(send, quitting, { engine, suspend, flash }));
    return () => engine.setConfirmHandler(async () => false);
  }, [engine, send, quitting, suspend, flash]);
}

/** The last finished release, whose engine asks its questions in the cockpit's confirm modal too. */
export function usePreviousRelease(
  previous: PreviousRelease | undefined,
  send: (a: UiAction) => void,
  quitting: MutableRefObject<boolean>,
  edit: Omit<EditFirst, 'engine'>,
): PreviousRelease | undefined {
  const { suspend, flash } = edit;
  return useMemo(
    () =>
      previous && {
        ...previous,
        describe: (now: number) => previous.describe(now),
        withEngine: <T>(fn: (engine: EngineApi) => Promise<T>) =>
          previous.withEngine((engine) => {
            engine.setConfirmHandler(modalConfirm(send, quitting, { engine, suspend, flash }));
            return fn(engine);
          }),
      },
    [previous, send, quitting, suspend, flash],
  );
}

/** The repository's other releases, whose engines ask their questions in the cockpit's confirm modal too. */
export function useReleaseShelf(
  shelf: ReleaseShelf | undefined,
  send: (a: UiAction) => void,
  quitting: MutableRefObject<boolean>,
  edit: Omit<EditFirst, 'engine'>,
): ReleaseShelf | undefined {
  const { suspend, flash } = edit;
  return useMemo(
    () =>
      shelf && {
        list: () => shelf.list(),
        withEngine: <T>(version: string, fn: (engine: EngineApi) => Promise<T>) =>
          shelf.withEngine(version, (engine) => {
            engine.setConfirmHandler(modalConfirm(send, quitting, { engine, suspend, flash }));
            return fn(engine);
          }),
      },
    [shelf, send, quitting, suspend, flash],
  );
}

/**
 * What the cockpit opens on: the summary of a finished release, else the resume screen when
 * something already ran; and the summary again the moment the release finishes.
 */
export function useOpeningModals(engine: EngineApi, send: (a: UiAction) => void, finished: boolean): void {
  const was = useRef<boolean | undefined>(undefined);
  useEffect(() => {
    const first = was.current === undefined;
    if (finished && (first || was.current === false)) openCompletion({ engine, send });
    else if (first && shouldOfferResume(engine.plan, engine.store.getState())) openResume({ engine, send });
    was.current = finished;
  }, [engine, send, finished]);
}

/** Notices the engine adds while the cockpit is open are flashed; earlier ones are in the resume summary. */
export function useNoticeFlash(notices: readonly string[], show: (text: string) => void): void {
  const seen = useRef(notices.length);
  useEffect(() => {
    if (notices.length > seen.current) show(notices[notices.length - 1]!);
    seen.current = notices.length;
  }, [notices, show]);
}

/**
 * Ink hands several keys typed within one read (a key repeat, space then tab, a paste) as one
 * chunk. Each key is handled in turn, after the render the previous one caused, so every key
 * sees the screen it acts on. Keys of a chunk carry `chunk: true` (a paste never confirms).
 */
export function useKeyQueue(handle: (p: KeyPress, queued: KeyPress[]) => void): (input: string, key: Key) => void {
  const handleRef = useRef(handle);
  handleRef.current = handle;
  const queue = useRef<KeyPress[]>([]);
  const draining = useRef(false);
  // The next key waits for the commit of the render this one causes (a timer may fire first and
  // hand the key a stale screen: a skip aimed at the row above).
  const [handled, setHandled] = useState(0);
  const drain = useCallback(() => {
    const next = queue.current.shift();
    if (!next) {
      draining.current = false;
      return;
    }
    // The handler may take more keys off the queue (a pasted text run: one render, not one per character).
    handleRef.current(next, queue.current);
    setHandled((n) => n + 1);
  }, []);
  useEffect(() => {
    if (draining.current) drain();
  }, [handled, drain]);
  return useCallback(
    (input: string, key: Key) => {
      queue.current.push(...keyPresses(input, key));
      if (draining.current) return;
      draining.current = true;
      drain();
    },
    [drain],
  );
}
