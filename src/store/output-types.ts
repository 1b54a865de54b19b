// Output of running steps lives outside React and outside the persisted state: a bounded ring
// buffer per step plus a version counter the UI polls at <= 30 fps (one re-render per frame,
// never one per line: Ink redraws the whole frame on each render).
import type { OutputLine } from '../core/output-line.js';

export interface OutputBufferView {
  /** Lines currently held (<= capacity). */
  readonly size: number;
  /** Total lines ever pushed (size + dropped). */
  readonly total: number;
  /** Bumped on every push. */
  readonly version: number;
  /** When the last line arrived (the hub's clock), if the hub keeps a clock; never persisted. */
  readonly lastAt?: number;
  /** Lines [start, start+count) of what is held, oldest first. */
  slice(start: number, count: number): OutputLine[];
}

export interface OutputHub {
  /** The buffer of a step (created empty on first access). */
  get(stepId: string): OutputBufferView;
  push(stepId: string, line: OutputLine): void;
  /** Whole lines, each ending with \n, of one stream (a chunk of command output). */
  pushText(stepId: string, stream: OutputLine['stream'], text: string): void;
  clear(stepId: string): void;
  /** Bumped on any push: cheap "did anything change" check for the frame timer. */
  readonly version: number;
}
