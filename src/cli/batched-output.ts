// Headless output in large writes: a flood of command output costs a few thousand writes, not
// one per line. Text waits at most `delayMs` (a CI log stays live) or until `maxChars` are pending.
export interface BatchedOutput {
  write(text: string): void;
  /** Writes what is pending now (before a summary, on exit). */
  flush(): void;
}

export function createBatchedOutput(
  sink: { write(s: string): unknown },
  opts: { maxChars?: number; delayMs?: number } = {},
): BatchedOutput {
  const maxChars = opts.maxChars ?? 64 * 1024;
  const delayMs = opts.delayMs ?? 50;
  let pending: string[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (size === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    sink.write(text);
  };
  return {
    write(text) {
      pending.push(text);
      size += text.length;
      if (size >= maxChars) flush();
      else timer ??= setTimeout(flush, delayMs);
    },
    flush,
  };
}
