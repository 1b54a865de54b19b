// tar.gz archives with the system `tar`, argv only. The archive holds the source directory by
// name (`tar -czf OUT -C PARENT DIRNAME` gives "dist/plugin.json"), like `tar -czf x.tar.gz dist/`.
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, posix } from 'node:path';
import { capture, type CaptureOptions } from './capture.js';

export class TarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarError';
  }
}

export type TarOptions = Omit<CaptureOptions, 'cwd'>;

export interface ArchiveInfo {
  file: string;
  /** Entries as tar lists them ("dist/", "dist/plugin.json"). */
  entries: string[];
  /** Entries that are not directories. */
  files: number;
  bytes: number;
}

/** The argv that writes `outFile` (absolute) from `sourceDir` (absolute). */
export function tarCreateArgv(sourceDir: string, outFile: string): string[] {
  return ['tar', '-czf', outFile, '-C', dirname(sourceDir), basename(sourceDir)];
}

async function tar(argv: string[], cwd: string, opts: TarOptions): Promise<string> {
  const res = await capture(argv, { ...opts, cwd });
  if (res.notFound) throw new TarError('tar: command not found on PATH.');
  if (res.exitCode !== 0) {
    const why = res.stderr.split('\n').find((l) => l.trim()) ?? res.error ?? `exit code ${res.exitCode}`;
    throw new TarError(`\`${argv.join(' ')}\` failed: ${why.replace(/\.$/, '')}.`);
  }
  return res.stdout;
}

/** Writes the archive next to its final name first, so an interrupted run never leaves a torn one. */
export async function createTarGz(sourceDir: string, outFile: string, opts: TarOptions = {}): Promise<ArchiveInfo> {
  mkdirSync(dirname(outFile), { recursive: true });
  const partial = `${outFile}.partial`;
  try {
    await tar(tarCreateArgv(sourceDir, partial), dirname(sourceDir), opts);
    renameSync(partial, outFile);
  } finally {
    rmSync(partial, { force: true });
  }
  return inspectTarGz(outFile, opts);
}

/**
 * Unpacks `file` into `dest` (absolute, existing). -m: the files get the time of unpacking, not the
 * archive's, so a build tool never takes an earlier unpacking's output of the same files as fresh.
 */
export async function extractTarGz(file: string, dest: string, opts: TarOptions = {}): Promise<void> {
  await tar(['tar', '-xmzf', file, '-C', dest], dest, opts);
}

export async function listTarGz(file: string, opts: TarOptions = {}): Promise<string[]> {
  const out = await tar(['tar', '-tzf', file], dirname(file), opts);
  return out.split('\n').filter(Boolean);
}

export async function inspectTarGz(file: string, opts: TarOptions = {}): Promise<ArchiveInfo> {
  const entries = await listTarGz(file, opts);
  return { file, entries, files: entries.filter((e) => !e.endsWith('/')).length, bytes: statSync(file).size };
}

/** The `expect` paths (relative to the archived directory `dirName`) the archive lacks. */
export function missingEntries(entries: string[], dirName: string, expected: string[]): string[] {
  const have = new Set(entries.map((e) => posix.normalize(e.replace(/^\.\//, '')).replace(/\/$/, '')));
  return expected.filter((p) => !have.has(posix.join(dirName, posix.normalize(p)).replace(/\/$/, '')));
}

/** "340 KB", "1.2 MB", "512 B". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
