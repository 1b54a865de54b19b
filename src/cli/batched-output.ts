// Headless output in large writes: a flood of command output costs a few thousand writes, not
// one per line. Text waits at most `delayMs` (a CI log stays live) or until `maxChars` are pending.
// The pieces are handed over as they were written: a writer that encodes them side by side
// never copies them into one string.
export interface BatchedOutput {
  write(text: string): void;
  /** Writes what is pending now (before a summary, on exit). */
  flush(): void;
}

export function createBatchedOutput(
  sink: (pieces: readonly string[]) => void,
  opts: { maxChars?: number; delayMs?: number } = {},
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
    write(text) {
      pending.push(text);
      size += text.length;
      // A write because the batch is full leaves the timer running (it then finds less or nothing
      // to write): a flood sets one timer per delay, not one per batch.
      if (size >= maxChars) writePending();
      else timer ??= setTimeout(onTimer, delayMs);
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      writePending();
    },
  };
}
