// A closed stdout or stderr (`release-cockpit plan | head`) is not an error of ours: further
// writes are dropped, and a command that keeps running (a release) is stopped like by SIGTERM,
// which saves the state and releases the lock. Node ignores SIGPIPE, so the write fails with EPIPE.

interface Closable {
  on(event: 'error', fn: (e: NodeJS.ErrnoException) => void): unknown;
  write: (...args: never[]) => boolean;
}

/** Drops writes to `streams` once one of them is closed by the reader; `onClosed` runs once. */
export function quietOnClosedOutput(streams: Closable[], onClosed: () => void): void {
  let closed = false;
  for (const stream of streams) {
    stream.on('error', (e) => {
      if (e.code !== 'EPIPE') throw e;
      stream.write = (() => true) as Closable['write'];
      if (closed) return;
      closed = true;
      onClosed();
    });
  }
}
