// The built CLI (test/global-setup.ts builds it once per run).
import { cpSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = `${ROOT}dist/cli.js`;

/**
 * A private copy of the build in `dir` (the entry, the chunks it imports, the stand-ins), for a
 * test that must not see a rebuild meanwhile; returns the copy's entry.
 */
export function copyCli(dir: string): string {
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  // What the bundles leave in node_modules (undici, loaded when a proxy applies), as beside an install.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return join(dir, 'cli.js');
}
