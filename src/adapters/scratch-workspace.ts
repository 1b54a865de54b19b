// The scratch workspace of verify-build.ts on disk: where cargo put the set's .crate files (asked of
// `cargo metadata`), the packages unpacked with the system `tar`, the workspace manifest written
// next to them, and the real workspace's lock file copied in so outside dependencies resolve to the
// versions the maintainer tested.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readmePath } from '../core/publish-metadata.js';
import { capture, type CaptureOptions } from './capture.js';
import { tryLock, type LockHandle } from './lock.js';
import { extractTarGz, type TarOptions } from './tar.js';

export interface CargoDirs {
  targetDir: string;
  workspaceRoot: string;
}

/** Where cargo builds and packages (`target_directory`) and the workspace root, or why not known. */
export async function cargoDirs(argv: string[], opts: CaptureOptions): Promise<CargoDirs | { error: string }> {
  const r = await capture(argv, opts);
  if (r.exitCode !== 0 || r.notFound)
    return { error: r.stderr.split('\n').find((l) => l.trim()) ?? r.error ?? `exit code ${r.exitCode}` };
  try {
    const m = JSON.parse(r.stdout) as { target_directory?: unknown; workspace_root?: unknown };
    if (typeof m.target_directory === 'string' && typeof m.workspace_root === 'string')
      return { targetDir: m.target_directory, workspaceRoot: m.workspace_root };
  } catch {
    // Reported below: the output is not cargo's metadata.
  }
  return { error: 'cargo metadata did not say where the target directory is' };
}

export interface UnpackedCrate {
  name: string;
  version: string;
  /** "NAME-VERSION": the package's directory inside the scratch workspace. */
  dir: string;
  manifest: string;
  /** The .crate file's bytes, read before it was unpacked: what the build verifies is what is uploaded. */
  crate: Buffer;
  /** The packaged readme's text (the manifest's `readme`), null when none or not UTF-8. */
  readme: string | null;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function readmeOf(packageDir: string, manifest: string): string | null {
  const path = readmePath(manifest);
  if (path === null) return null;
  try {
    return UTF8.decode(readFileSync(join(packageDir, path)));
  } catch {
    return null;
  }
}

/**
 * Unpacks `<targetDir>/package/NAME-VERSION.crate` of each crate into a fresh `dest`, all at once
 * (each tar takes milliseconds: no abort signal); throws with one sentence when an archive is
 * missing or tar fails (TarError).
 */
export async function unpackCrates(
  targetDir: string,
  crates: readonly { name: string; version: string }[],
  dest: string,
  opts: Omit<TarOptions, 'signal'>,
): Promise<UnpackedCrate[]> {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  return Promise.all(
    crates.map(async (c) => {
      const dir = `${c.name}-${c.version}`;
      const file = join(targetDir, 'package', `${dir}.crate`);
      if (!existsSync(file)) throw new Error(`cargo package left no ${file}`);
      // The bytes read once, unpacked from a private copy of them: the sources built are exactly
      // the bytes uploaded, whatever writes to cargo's package dir meanwhile.
      const crate = readFileSync(file);
      const copy = join(dest, `${dir}.crate`);
      writeFileSync(copy, crate);
      // Unpacked with fresh times: cargo never takes an earlier verify's build of the same crate
      // (same path, same target dir) as fresh.
      await extractTarGz(copy, dest, opts);
      const manifest = readFileSync(join(dest, dir, 'Cargo.toml'), 'utf8');
      return { ...c, dir, manifest, crate, readme: readmeOf(join(dest, dir), manifest) };
    }),
  );
}

/** Writes the scratch workspace's Cargo.toml and copies the real workspace's lock file (if any). */
export function writeScratchWorkspace(dest: string, manifest: string, workspaceRoot: string): void {
  writeFileSync(join(dest, 'Cargo.toml'), manifest);
  const lock = join(workspaceRoot, 'Cargo.lock');
  if (existsSync(lock)) copyFileSync(lock, join(dest, 'Cargo.lock'));
}

/**
 * One verify at a time in a scratch workspace: two releases sharing a target dir (a global
 * CARGO_TARGET_DIR) would otherwise unpack into the same directory and build each other's crates.
 * The lock's holder, or why it cannot be taken, when another verify has it.
 */
export function lockScratch(dest: string): { lock: LockHandle } | { busy: string } {
  const path = `${dest}.lock`;
  try {
    mkdirSync(dirname(dest), { recursive: true });
    const got = tryLock(path);
    if ('taken' in got) return { lock: got.taken };
    if ('held' in got)
      return { busy: `pid ${got.held.pid} on ${got.held.host} holds ${path} since ${got.held.startedAt}` };
    return { busy: 'unreadable' in got ? `${path} is unreadable` : `${path} keeps being taken` };
  } catch (e) {
    return { busy: `${path} cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
}
