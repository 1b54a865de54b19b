// Temporary directories removed after each test of the file that calls useTempDirs().
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** Registers an afterEach cleanup; returns a factory of fresh, real-path temp dirs. */
export function useTempDirs(prefix = 'rc-test-'): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    // realpath: macOS-style symlinked tmp dirs would make `pwd` comparisons flaky.
    const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
    dirs.push(dir);
    return dir;
  };
}
