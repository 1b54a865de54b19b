// Pure reading of cargo's output: the phase a `cargo publish` is in, and why a publish failed.
// Messages checked against real cargo 1.95 output (test/fixtures/cargo-output/).
import type { CargoPhase } from './state-types.js';
import { stripAnsi } from './ansi.js';

export type PublishFailureKind =
  | 'rate-limited'
  | 'already-exists'
  | 'network'
  | 'server-error'
  | 'auth'
  | 'compile'
  | 'dependency-missing'
  | 'dirty-tree'
  | 'unknown';

export interface PublishFailure {
  kind: PublishFailureKind;
  /** One line for the maintainer, taken from cargo's own words. */
  message: string;
  /** Epoch ms the registry allows the next try (rate-limited only, when it said so). */
  retryAt?: number;
  /** HTTP status cargo reported, when it did. */
  status?: number;
}

const PHASES: [RegExp, CargoPhase][] = [
  [/^\s*Packag(ing|ed)\s/, 'packaging'],
  [/^\s*Verifying\s/, 'verifying'],
  [/^\s*(Compiling|Finished)\s/, 'compiling'],
  [/^\s*Upload(ing|ed)\s/, 'uploading'],
  [/^note: waiting for .* to be available/, 'waiting'],
  [/^\s*Published\s/, 'published'],
];

/** The phase a cargo status line announces, if any. */
export function phaseFromLine(line: string): CargoPhase | undefined {
  const l = stripAnsi(line);
  for (const [re, phase] of PHASES) if (re.test(l)) return phase;
  return undefined;
}

/** `Uploaded X vV to registry` or `Published ...`: the registry accepted the upload. */
export function isUploadedLine(line: string): boolean {
  return /^\s*(Uploaded|Published)\s+\S+ v\S+ (to|at) registry/.test(stripAnsi(line));
}

/** `Uploading NAME vVERSION (...)`: what cargo is about to send, right before the HTTP upload. */
export function uploadingCrate(line: string): { name: string; version: string } | undefined {
  const m = /^\s*Uploading\s+(\S+) v(\S+)/.exec(stripAnsi(line));
  return m?.[1] && m[2] ? { name: m[1], version: m[2] } : undefined;
}

/** cargo gave up waiting for the index (it still exits 0): the queue keeps polling itself. */
export function isIndexWaitTimeout(line: string): boolean {
  return /timed out waiting for .* to be available/i.test(stripAnsi(line));
}

const MONTHS = /(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} \w{3} \d{4} \d{2}:\d{2}:\d{2} (GMT|UTC)/;

/** crates.io: "Please try again after <HTTP date>"; also "Retry-After: <s|date>" when a proxy prints it. */
export function parseRetryAt(text: string, now: number): number | undefined {
  const after = /try again after ([^.\n]*?\d{2}:\d{2}:\d{2}(?: (?:GMT|UTC))?)/i.exec(text);
  const dated = after?.[1] ?? MONTHS.exec(text)?.[0];
  if (dated) {
    const t = Date.parse(dated);
    if (!Number.isNaN(t)) return t;
  }
  const header = /retry-after:\s*(\S[^\n]*)/i.exec(text)?.[1]?.trim();
  if (header) {
    if (/^\d+$/.test(header)) return now + Number(header) * 1000;
    const t = Date.parse(header);
    if (!Number.isNaN(t)) return t;
  }
  const secs = /try again in (\d+) seconds?/i.exec(text)?.[1];
  if (secs) return now + Number(secs) * 1000;
  return undefined;
}

function statusOf(text: string): number | undefined {
  const m = /\(status (\d{3})[^)]*\)/.exec(text) ?? /got (\d{3})\b/.exec(text);
  return m?.[1] ? Number(m[1]) : undefined;
}

// An error line ending with ':' introduces a list (cargo's dirty-tree refusal names the files
// after it): the reason keeps the list, else it ends before what it is about.
function withList(lines: string[], errIdx: number): string {
  const head = lines[errIdx] ?? 'cargo failed';
  if (!head.trimEnd().endsWith(':')) return head;
  const items: string[] = [];
  for (const l of lines.slice(errIdx + 1).map((x) => x.trim())) {
    if (l === '' && items.length > 0) break;
    if (l !== '') items.push(l);
  }
  return items.length ? `${head.trimEnd()} ${items.join(', ')}` : head;
}

// The most specific cargo sentence: the last "Caused by" detail, else the first error line.
function keyMessage(lines: string[]): string {
  const errIdx = lines.findIndex((l) => /^error(\[E\d+\])?:/.test(l));
  const caused = lines.lastIndexOf('Caused by:');
  if (caused >= 0) {
    const detail = lines
      .slice(caused + 1)
      .map((l) => l.trim())
      .find((l) => l.length > 0);
    if (detail) return detail;
  }
  if (errIdx >= 0) return withList(lines, errIdx);
  return lines.filter((l) => l.trim()).pop() ?? 'cargo failed without output';
}

const NETWORK =
  /\[(5|6|7|18|28|35|52|55|56)\]|Could not connect|Connection refused|Connection reset|connection was reset|Empty reply from server|Failure when receiving|Failed sending data|timed out|Timeout was reached|failed to download from|Couldn't resolve host|spurious network error/i;

/** Why a publish failed, from its output lines and exit code. */
export function classifyPublishFailure(rawLines: string[], exitCode: number | null, now: number): PublishFailure {
  const lines = rawLines.map(stripAnsi);
  const text = lines.join('\n');
  return classifyFailureText(text, { message: keyMessage(lines), status: statusOf(text), exitCode, now });
}

/**
 * The failure class of a publish that went wrong, from what the registry or cargo said (`text`)
 * and the HTTP status when one is known: read from cargo's report, or the registry's own answer.
 */
export function classifyFailureText(
  text: string,
  o: { message: string; status: number | undefined; exitCode: number | null; now: number },
): PublishFailure {
  const { message, status, exitCode, now } = o;
  const base = status !== undefined ? { message, status } : { message };

  if (status === 429 || /Too Many Requests|published too many/i.test(text)) {
    const retryAt = parseRetryAt(text, now);
    return retryAt !== undefined ? { kind: 'rate-limited', ...base, retryAt } : { kind: 'rate-limited', ...base };
  }
  if (/already exists on .* index|is already uploaded|already exists in the registry/i.test(text)) {
    return { kind: 'already-exists', ...base };
  }
  if (/no matching package named/.test(text)) return { kind: 'dependency-missing', ...base };
  // Nothing was uploaded: commit (or stash) the files cargo names, then retry the crate.
  if (/contain changes that were not yet committed into git/.test(text))
    return { kind: 'dirty-tree', ...base, message: `${message}; commit or stash them, then retry` };
  if (
    /^error\[E\d+\]|could not compile|failed to verify package tarball|error: expected|failed to parse manifest/m.test(
      text,
    )
  ) {
    return { kind: 'compile', ...base };
  }
  if (
    status === 401 ||
    status === 403 ||
    /no token found|invalid token|authentication failed|requires authentication|not authorized|unauthorized/i.test(text)
  ) {
    return { kind: 'auth', ...base };
  }
  if (status !== undefined && status >= 500) {
    // An index download that failed with 5xx is the network's fault as far as a retry goes;
    // the API answering 5xx is the registry's.
    return { kind: /failed to get successful HTTP response/.test(text) ? 'network' : 'server-error', ...base };
  }
  if (NETWORK.test(text)) return { kind: 'network', ...base };
  if (exitCode === null) return { kind: 'unknown', message: 'cargo was killed before it finished' };
  return { kind: 'unknown', ...base };
}

/** Failures a retry can fix without the maintainer. */
export function isTransient(kind: PublishFailureKind): boolean {
  return kind === 'network' || kind === 'server-error';
}
