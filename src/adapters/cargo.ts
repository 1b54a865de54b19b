// Running the configured cargo commands (publish, yank; rendered by core/crate-commands.ts):
// output read as it streams, failures classified. Tokens travel in env, never in argv.
import {
  classifyPublishFailure,
  isUploadedLine,
  phaseFromLine,
  uploadingCrate,
  type PublishFailure,
} from '../core/cargo-output.js';
import { stripAnsi } from '../core/ansi.js';
import type { CargoPhase } from '../core/state-types.js';
import type { ExecOptions, ExecResult } from './exec-types.js';
import type { OutputLine } from '../core/output-line.js';

/** The shape of StepContext.exec (cwd repo-relative). */
export type ExecFn = (
  argv: string[],
  opts?: {
    cwd?: string;
    env?: Record<string, string | undefined>;
    onLine?: (line: OutputLine) => void;
    signal?: AbortSignal;
    timeoutMs?: number;
    onSpawn?: ExecOptions['onSpawn'];
  },
) => Promise<ExecResult>;

/** Lines kept for classification: cargo's verdict is at the end; a compile error may be long. */
const KEEP_LINES = 400;

export interface CargoRun {
  ok: boolean;
  result: ExecResult;
  /** The registry acknowledged the upload (cargo said Uploaded/Published). */
  uploaded: boolean;
  /** Set when !ok. */
  failure?: PublishFailure;
  /** The last lines (ANSI stripped, masked by exec). */
  lines: string[];
}

export interface CargoRunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  timeoutMs?: number;
  onPhase?: (phase: CargoPhase) => void;
  /** Called once, as soon as cargo reports the upload accepted (before its own index wait). */
  onUploaded?: () => void;
  /** cargo's `Uploading NAME vX` line, right before it sends the crate: a last look at what goes out. */
  onUploading?: (crate: { name: string; version: string }) => void;
  now?: () => number;
  /** The child's identity right after the spawn (the journal's `child` record). */
  onSpawn?: ExecOptions['onSpawn'];
}

export async function runCargo(exec: ExecFn, argv: string[], opts: CargoRunOptions = {}): Promise<CargoRun> {
  const lines: string[] = [];
  let uploaded = false;
  let phase: CargoPhase | undefined;
  const onLine = (line: OutputLine): void => {
    if (line.stream === 'info') return;
    const text = stripAnsi(line.text);
    lines.push(text);
    if (lines.length > KEEP_LINES) lines.shift();
    const p = phaseFromLine(text);
    if (p && p !== phase) {
      phase = p;
      opts.onPhase?.(p);
    }
    const sending = opts.onUploading && uploadingCrate(text);
    if (sending) opts.onUploading?.(sending);
    if (!uploaded && isUploadedLine(text)) {
      uploaded = true;
      opts.onUploaded?.();
    }
  };
  const execOpts: Parameters<ExecFn>[1] = { onLine };
  if (opts.cwd !== undefined) execOpts.cwd = opts.cwd;
  if (opts.env !== undefined) execOpts.env = opts.env;
  if (opts.signal !== undefined) execOpts.signal = opts.signal;
  if (opts.timeoutMs !== undefined) execOpts.timeoutMs = opts.timeoutMs;
  if (opts.onSpawn !== undefined) execOpts.onSpawn = opts.onSpawn;
  const result = await exec(argv, execOpts);
  const ok = result.exitCode === 0 && !result.cancelled && !result.timedOut;
  if (ok) return { ok, result, uploaded, lines };
  let failure: PublishFailure;
  if (result.notFound) failure = { kind: 'unknown', message: result.error ?? `${argv[0]}: command not found on PATH` };
  else if (result.cancelled) failure = { kind: 'unknown', message: 'cancelled' };
  else if (result.timedOut) failure = { kind: 'network', message: result.error ?? 'the command timed out' };
  else
    failure = classifyPublishFailure(lines.length > 0 ? lines : result.tail, result.exitCode, (opts.now ?? Date.now)());
  return { ok, result, uploaded, failure, lines };
}
