// The engine's link to its host (the cockpit, or a headless run): who answers confirmations,
// whether a maintainer is at the keyboard, and who listens to the output.
import type { OutputLine } from '../core/output-line.js';
import type { OutputChunkListener } from './step-context.js';
import type { ConfirmRequest } from './step-types.js';

type LineListener = (stepId: string, line: OutputLine) => void;

export interface HostLink {
  readonly listeners: Set<LineListener>;
  readonly chunkListeners: Set<OutputChunkListener>;
  /** Yes under --yes; else the host's answer; no when no host answers. */
  confirm(req: ConfirmRequest): Promise<boolean>;
  interactive(): boolean;
  /** The host answers from now on, and a maintainer is at the keyboard. */
  setConfirmHandler(fn: (req: ConfirmRequest) => Promise<boolean>): void;
  onOutput(fn: LineListener): () => void;
  onOutputChunk(fn: OutputChunkListener): () => void;
}

export function createHostLink(o: { yes: boolean; interactive: boolean }): HostLink {
  const listeners = new Set<LineListener>();
  const chunkListeners = new Set<OutputChunkListener>();
  let interactive = o.interactive;
  let confirmHandler: ((req: ConfirmRequest) => Promise<boolean>) | undefined;
  return {
    listeners,
    chunkListeners,
    confirm: async (req) => (o.yes ? true : confirmHandler ? confirmHandler(req) : false),
    interactive: () => interactive,
    setConfirmHandler(fn) {
      confirmHandler = fn;
      interactive = true;
    },
    onOutput: (fn) => (listeners.add(fn), () => void listeners.delete(fn)),
    onOutputChunk: (fn) => (chunkListeners.add(fn), () => void chunkListeners.delete(fn)),
  };
}
