// The end of a file, read once: a reopened cockpit shows the last lines of each step's log
// without reading a flood of output whole.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface FileTail {
  text: string;
  /** The whole file was read (else the first line of `text` may be cut). */
  complete: boolean;
}

/** The last `maxBytes` of a file as UTF-8, or undefined when it cannot be read (absent, unreadable). */
export function readTail(path: string, maxBytes: number): FileTail | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buf = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buf, read, length - read, size - length + read);
      if (n === 0) break;
      read += n;
    }
    return { text: buf.subarray(0, read).toString('utf8'), complete: length === size };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
