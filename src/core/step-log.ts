// Reading a step's log (`logs/<step-id>.log`) back: each line is `[out] text`, `[err] text` or
// `[info] text`, the first of a batch prefixed with its ISO time; each attempt of the step opens
// a section with an `[info] -- phase/step: attempt N` line. A reopened cockpit shows the last
// section, so a resumed release shows what ran before it stopped.

/** What opens an attempt's section (after the `[info] ` tag). */
export const ATTEMPT_HEADER_PREFIX = '-- ';

export interface LoggedLine {
  stream: 'stdout' | 'stderr' | 'info';
  text: string;
}

const STREAMS: Record<string, LoggedLine['stream']> = { out: 'stdout', err: 'stderr', info: 'info' };
const LINE = /^(?:\d{4}-\d\d-\d\dT[\d:.]+Z )?\[(out|err|info)\] (.*)$/;
const HEADER = /^-- [^/\s]+\/[^:\s]+: attempt \d+$/;

/** One log line, or undefined for text that is not one (a torn last line, a foreign line). */
export function parseLogLine(raw: string): LoggedLine | undefined {
  const m = LINE.exec(raw);
  return m ? { stream: STREAMS[m[1]!]!, text: m[2]! } : undefined;
}

export function isAttemptHeader(line: LoggedLine): boolean {
  return line.stream === 'info' && HEADER.test(line.text);
}

/**
 * The last attempt's lines of a log's text (its header included), at most `max` of them (the
 * newest); `complete` is false when the text is a tail that may have cut the section's start.
 */
export function lastAttempt(text: string, max: number, complete = true): { lines: LoggedLine[]; dropped: number } {
  const all: LoggedLine[] = [];
  // The first raw line of a tail may be cut in the middle: skip it.
  const raw = text.split('\n');
  for (let i = complete ? 0 : 1; i < raw.length; i++) {
    const line = parseLogLine(raw[i]!);
    if (line) all.push(line);
  }
  let from = 0;
  for (let i = all.length - 1; i >= 0; i--)
    if (isAttemptHeader(all[i]!)) {
      from = i;
      break;
    }
  const section = all.slice(from);
  const dropped = Math.max(0, section.length - max);
  return { lines: section.slice(dropped), dropped };
}
