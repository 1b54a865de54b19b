// A short command's whole output: for plumbing whose answer is the output itself (git, gh, tar),
// where exec's tail-only result would cut it.
import { exec } from './exec.js';
import type { ExecOptions } from './exec-types.js';

export interface CaptureOptions {
  /** Absolute working directory. */
  cwd: string;
  /** Merged over process.env (tokens travel here, never in argv). */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The child's identity at spawn (the journal's `child` record of an irreversible push). */
  onSpawn?: ExecOptions['onSpawn'];
}

export interface Captured {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The program is not on PATH. */
  notFound: boolean;
  /** exec's one sentence when it did not succeed (timeout, cancel, exit code). */
  error?: string;
}

/**
 * Runs a short plumbing command through exec() and keeps its whole output (exec's result keeps
 * only a tail, which suits long builds, not `git log` or `tar -tzf`). Never throws for a failure.
 */
export async function capture(argv: string[], opts: CaptureOptions): Promise<Captured> {
  // Whole-line chunks, as exec hands them to the step log: no object per line. exec's own notices
  // (a kill escalating) belong with stderr, as lines.
  const out: string[] = [];
  const err: string[] = [];
  const res = await exec(argv, {
    ...opts,
    onChunk: (stream, text) => (stream === 'stdout' ? out : err).push(text),
    onNotice: (text) => err.push(`${text}\n`),
  });
  return {
    exitCode: res.exitCode ?? 1,
    stdout: withoutLastNewline(out.join('')),
    stderr: withoutLastNewline(err.join('')),
    notFound: res.notFound,
    ...(res.error === undefined ? {} : { error: res.error }),
  };
}

/** Lines each ending with \n, as the lines joined by \n. */
function withoutLastNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
