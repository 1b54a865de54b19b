import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTextWriter, regularFileWriter } from '../../src/adapters/text-writer.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-text-writer-');

describe('createTextWriter', () => {
  it('writes the pieces of each batch in order as UTF-8, batches small and large alike', () => {
    const path = join(tempDir(), 'out.txt');
    const fd = openSync(path, 'w');
    try {
      const write = createTextWriter(fd);
      const expected: string[] = [];
      // Batches that grow and shrink: the reused buffer must never leak bytes of an earlier, longer batch.
      for (const size of [1, 3, 50_000, 2, 200_000, 7]) {
        const pieces = Array.from(
          { length: size % 5 === 0 ? 3 : 2 },
          (_, i) => `${size}:${i} é→😀 ${'x'.repeat(size)}\n`,
        );
        write(pieces);
        expected.push(...pieces);
      }
      write([]);
      expect(readFileSync(path, 'utf8')).toBe(expected.join(''));
    } finally {
      closeSync(fd);
    }
  });

  it('throws the write error (a full disk)', () => {
    if (!existsSync('/dev/full')) return;
    const fd = openSync('/dev/full', 'w');
    try {
      expect(() => createTextWriter(fd)(['no room\n'])).toThrow(/ENOSPC/);
    } finally {
      closeSync(fd);
    }
  });
});

describe('regularFileWriter', () => {
  it('writes straight to a regular file, and leaves anything else to its stream', () => {
    const path = join(tempDir(), 'ci.log');
    const fd = openSync(path, 'w');
    try {
      regularFileWriter({ fd })!(['direct\n']);
      expect(readFileSync(path, 'utf8')).toBe('direct\n');
    } finally {
      closeSync(fd);
    }
    expect(regularFileWriter({})).toBeUndefined();
    const dir = openSync(tempDir(), 'r');
    try {
      expect(regularFileWriter({ fd: dir })).toBeUndefined();
    } finally {
      closeSync(dir);
    }
  });
});
