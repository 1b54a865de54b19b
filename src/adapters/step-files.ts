// The step handlers' file system (core/files-port.ts) on the real disk.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FilesPort } from '../core/files-port.js';
import { writeFileAtomicSync } from './atomic-write.js';

export const diskFiles: FilesPort = {
  read(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  },
  exists: (path) => existsSync(path),
  isDir: (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false,
  mode(path) {
    const st = statSync(path, { throwIfNoEntry: false });
    return st ? st.mode & 0o777 : undefined;
  },
  write(path, text, opts = {}) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomicSync(path, text, opts);
  },
};
