// Output in large writes (the headless output, a step's log file): a flood of command output
// costs a few thousand writes, not one per line. Text waits at most `delayMs` (a CI log or
// `tail -f` stays live) or until `maxChars` are pending. The pieces are handed over as they were
// written: a writer that encodes them side by side never copies them into one string.
export interface BatchedOutput {
  /** Pieces of one line or more: they are handed over in the same batch. */
  write(...pieces: string[]): void;
  /** Writes what is pending now (before a summary, on exit, on close). */
  flush(): void;
}

export interface BatchedOutputOptions {
  maxChars?: number;
  delayMs?: number;
  /** The wait for a small batch does not keep the process alive (the caller flushes at its end). */
  unref?: boolean;
}

export function createBatchedOutput(
  sink: (pieces: readonly string[]) => void,
  opts: BatchedOutputOptions = {},
): BatchedOutput {
  const maxChars = opts.maxChars ?? 64 * 1024;
  const delayMs = opts.delayMs ?? 50;
  let pending: string[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const writePending = (): void => {
    if (size === 0) return;
    const pieces = pending;
    pending = [];
    size = 0;
    sink(pieces);
  };
  const onTimer = (): void => {
    timer = undefined;
    writePending();
  };
  return {
    write(...pieces) {
      for (const piece of pieces) {
        pending.push(piece);
        size += piece.length;
      }
      // A write because the batch is full leaves the timer running (it then finds less or nothing
      // to write): a flood sets one timer per delay, not one per batch.
      if (size >= maxChars) writePending();
      else if (timer === undefined) {
        timer = setTimeout(onTimer, delayMs);
        if (opts.unref) timer.unref();
      }
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      writePending();
    },
  };
}
