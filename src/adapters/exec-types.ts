// The exec adapter's contract. Implemented with Node's spawn in exec.ts.
import type { ProcessIdentity } from './process-identity.js';

import type { OutputLine, Stream } from '../core/output-line.js';

export interface ExecOptions {
  /** Absolute working directory. */
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Kill the process group after this many ms (SIGINT, then SIGTERM, then SIGKILL). */
  timeoutMs?: number;
  /** Aborting kills the whole process group with the same escalation. */
  signal?: AbortSignal;
  /**
   * Called for every line, already masked, in order (and for exec's own notices unless onNotice
   * is given). Lines are cut out one by one only when this is given: leave it out unless each
   * line matters on its own.
   */
  onLine?: (line: OutputLine) => void;
  /**
   * Called per chunk of a stream, after its lines went to onLine, with the text of those
   * same lines (masked, cut and \r-split exactly like them), each followed by \n. For consumers
   * that write every line (the step log): one call per chunk instead of one per line.
   */
  onChunk?: (stream: Stream, text: string) => void;
  /** exec's own notices (a kill escalating), masked; when absent they go to onLine as 'info' lines. */
  onNotice?: (text: string) => void;
  /** Replaces the default masker (built from process.env + env + secretNames). */
  mask?: (text: string) => string;
  /** Extra env var names whose values are masked (config `secrets`). */
  secretNames?: string[];
  /** Delay between SIGINT, SIGTERM and SIGKILL when killing the group (default 1500). */
  killGraceMs?: number;
  /**
   * Called synchronously right after the spawn, before any output is read, with the child's
   * identity (for the journal's `child` record). When it throws, the group is killed at once and
   * exec rejects with that error: no irreversible command runs unrecorded.
   */
  onSpawn?: (child: ProcessIdentity) => void;
}

export interface ExecResult {
  argv: string[];
  exitCode: number | null;
  /** The signal that ended it, if any. */
  signal: string | null;
  durationMs: number;
  timedOut: boolean;
  cancelled: boolean;
  /** The program was not found on PATH (ENOENT): "cargo: command not found on PATH". */
  notFound: boolean;
  /** One sentence for the user when it did not succeed; masked. */
  error?: string;
  /** The last lines (masked, bounded) for error messages and classification. */
  tail: string[];
  /** What to do about `error`, when there is something to do (e.g. install the program). */
  hint?: string;
  /** The first exception thrown by onLine or onChunk (output kept flowing; the command was not stopped). */
  onLineError?: string;
}
