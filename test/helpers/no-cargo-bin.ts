// A PATH without Rust: symlinks to exactly the tools the demo needs (node, git, tar and the gzip
// that `tar -z` runs, python3 for the demo's rust_ci.py), so the demo uses its cargo stand-in.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

function which(tool: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, tool))) return join(dir, tool);
  }
  throw new Error(`${tool} is not on PATH`);
}

/** A fresh directory of symlinks; the caller removes it. */
export function binWithoutCargo(): string {
  const bin = mkdtempSync(join(tmpdir(), 'rc-no-cargo-bin-'));
  symlinkSync(process.execPath, join(bin, 'node'));
  for (const tool of ['git', 'tar', 'gzip']) symlinkSync(realpathSync(which(tool)), join(bin, tool));
  // The interpreter itself: a pyenv-style shim would need its own tools on PATH.
  const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
  symlinkSync(realpathSync(python), join(bin, 'python3'));
  return bin;
}
