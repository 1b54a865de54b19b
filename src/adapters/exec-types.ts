// The exec adapter's contract. Implemented with execa in exec.ts.

export type Stream = 'stdout' | 'stderr';

export interface OutputLine {
  stream: Stream | 'info';
  /** Already masked. */
  text: string;
}

export interface ExecOptions {
  /** Absolute working directory. */
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Kill the process group after this many ms (SIGINT, then SIGTERM, then SIGKILL). */
  timeoutMs?: number;
  /** Aborting kills the whole process group with the same escalation. */
  signal?: AbortSignal;
  /** Called for every line, already masked, in order. */
  onLine?: (line: OutputLine) => void;
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
}
