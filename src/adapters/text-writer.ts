// Text to a file descriptor in synchronous writes through one reused buffer: the pieces of a
// batch are encoded side by side into it (no concatenated copy, no fresh memory per write, no
// stream machinery) and written at once; nothing is held after the call. For the step logs and
// a headless run's stdout when it is a file (the CI log).
import { fstatSync, writeSync } from 'node:fs';

export type TextWriter = (pieces: readonly string[]) => void;

/** Writes the pieces as UTF-8 to `fd`, all of them (short writes continue); throws the write's error. */
export function createTextWriter(fd: number): TextWriter {
  // It grows to the largest batch written, which callers bound.
  let scratch = Buffer.alloc(0);
  return (pieces) => {
    let room = 0;
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    for (const piece of pieces) room += piece.length * 3;
    if (scratch.length < room) scratch = Buffer.allocUnsafe(room);
    let end = 0;
    for (const piece of pieces) end += scratch.write(piece, end);
    for (let at = 0; at < end;) at += writeSync(fd, scratch, at, end - at);
  };
}

/**
 * A direct writer for `stream` when it is a regular file (a write there neither blocks on a
 * reader nor fails with EAGAIN), else undefined: pipes and terminals keep their stream.
 */
export function regularFileWriter(stream: { fd?: unknown }): TextWriter | undefined {
  if (typeof stream.fd !== 'number') return undefined;
  try {
    return fstatSync(stream.fd).isFile() ? createTextWriter(stream.fd) : undefined;
  } catch {
    return undefined;
  }
}
