// journal.jsonl: append-only, one JSON entry per line, fsync'd per entry (irreversible actions are
// rare, and an intent that is not on disk before the action is worthless). A process killed while
// writing leaves a torn last line: it is ignored, reported once, and cut off so the next append
// starts on a clean line.
import { journalFile, openJournalFile, type JournalFile } from '../adapters/journal-file.js';
import {
  CLOSING,
  type JournalAction,
  type JournalEntry,
  type NewJournalEntry,
  type Verdict,
} from '../core/journal-types.js';
import type { Journal } from './step-types.js';
import { isAbortError } from '../core/abort.js';

/** Ids made by this process: the count part of the next one (not the journal's entries). */
let idsMade = 0;

/**
 * An entry's id, unique across processes and sessions (the time, the process, a count, random
 * digits): it pairs an intent with its outcome and is no secret, so it does not need node:crypto,
 * whose loading every run's start would pay.
 */
function newEntryId(at: number): string {
  idsMade += 1;
  const random = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `${at.toString(36)}-${process.pid.toString(36)}-${idsMade.toString(36)}-${random}`;
}

export interface JournalOptions {
  /** Applied to detail and target before anything is written. */
  mask?: (text: string) => string;
  now?: () => number;
  /** Dry runs: read the real journal, keep new entries in memory only. */
  readOnly?: boolean;
}

export interface FileJournal extends Journal {
  /** null for an in-memory journal. */
  readonly file: string | null;
  /** What reading found wrong (torn last line, unreadable lines); show once. */
  readonly notices: string[];
  /** entries() and those whose write failed, in order: written back if the state dir was removed. */
  known(): JournalEntry[];
  close(): void;
}

const TYPES = new Set(['intent', 'done', 'failed', 'reconciled', 'note', 'uploaded', 'child', 'confirmed']);
const VERDICTS = new Set<unknown>(['done', 'not-done', 'unknown']);

export { journalFile };

/** `stateDir` null: in memory only. */
export function openJournal(stateDir: string | null, opts: JournalOptions = {}): FileJournal {
  const mask = opts.mask ?? ((s: string) => s);
  const now = opts.now ?? Date.now;
  const io: JournalFile | null = stateDir === null ? null : openJournalFile(journalFile(stateDir));
  const notices: string[] = [];
  const list: JournalEntry[] = io ? readEntries(io, notices, opts.readOnly === true) : [];
  let writable = io !== null && opts.readOnly !== true;
  // What happened as this process knows it, an entry whose write failed included (for restoreStateDir).
  const known: JournalEntry[] = [...list];

  const journal: FileJournal = {
    file: io?.file ?? null,
    notices,
    append(entry: NewJournalEntry) {
      const at = now();
      const e = {
        ...entry,
        ts: new Date(at).toISOString(),
        id: entry.id ?? newEntryId(at),
        target: mask(entry.target),
        ...(entry.detail !== undefined ? { detail: mask(entry.detail) } : {}),
      } as JournalEntry;
      known.push(e);
      if (writable) io!.append(`${JSON.stringify(e)}\n`);
      list.push(e);
      return e;
    },
    known: () => [...known],
    entries() {
      return [...list];
    },
    openIntents() {
      return openIntentsOf(list);
    },
    async around<T>(
      action: JournalAction,
      target: string,
      step: string | undefined,
      fn: (intent: JournalEntry) => Promise<T>,
    ): Promise<T> {
      const intent = journal.append({ type: 'intent', action, target, step });
      let result: T;
      try {
        result = await fn(intent);
      } catch (e) {
        // Cancelled mid-action: we cannot know whether it happened; leave the intent open so
        // the next attempt reconciles it against reality instead of trusting a guess.
        if (!isAbortError(e)) {
          journal.append({
            type: 'failed',
            id: intent.id,
            action,
            target,
            step,
            detail: (e as Error)?.message ?? String(e),
          });
        }
        throw e;
      }
      journal.append({ type: 'done', id: intent.id, action, target, step });
      return result;
    },
    close() {
      io?.close();
      writable = false;
    },
  };
  return journal;
}

/** Intents with no done/failed/reconciled entry carrying the same id after them. */
export function openIntentsOf(entries: readonly JournalEntry[]): JournalEntry[] {
  const closed = new Set(entries.filter((e) => CLOSING.has(e.type)).map((e) => e.id));
  return entries.filter((e) => e.type === 'intent' && !closed.has(e.id));
}

/** Closes an interrupted intent with what reality says happened (an unknown verdict leaves it open). */
export function reconciledEntry(intent: JournalEntry, verdict: Exclude<Verdict, 'unknown'>): NewJournalEntry {
  return {
    type: 'reconciled',
    id: intent.id,
    action: intent.action,
    target: intent.target,
    ...(intent.step !== undefined && { step: intent.step }),
    verdict,
    detail: verdict === 'done' ? 'it happened before the interruption' : 'it did not happen; safe to retry',
  };
}

/** Whether the action on target happened, as far as the journal knows (done, uploaded, or reconciled done). */
export function happened(entries: readonly JournalEntry[], action: JournalAction, target: string): boolean {
  return entries.some(
    (e) =>
      e.action === action &&
      e.target === target &&
      (e.type === 'done' || e.type === 'uploaded' || (e.type === 'reconciled' && e.verdict === 'done')),
  );
}

function readEntries(io: JournalFile, notices: string[], readOnly: boolean): JournalEntry[] {
  const text = io.read();
  const out: JournalEntry[] = [];
  const lines = text.split('\n');
  const tail = lines.pop() ?? ''; // '' when the file ends with a newline
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const e = parseEntry(line);
    if (e) out.push(e);
    else notices.push(`journal.jsonl line ${i + 1} is not a valid entry and was ignored.`);
  });
  if (tail !== '') {
    const e = parseEntry(tail);
    if (e) out.push(e);
    else
      notices.push(
        `journal.jsonl: ignored a torn last line (${Buffer.byteLength(tail)} bytes; the process was killed while writing it).`,
      );
    if (!readOnly)
      io.repairTail(Buffer.byteLength(text), Buffer.byteLength(text) - Buffer.byteLength(tail), e !== undefined);
  }
  return out;
}

function parseEntry(line: string): JournalEntry | undefined {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined; // torn or garbage
  }
  if (
    typeof v !== 'object' ||
    v === null ||
    typeof v.id !== 'string' ||
    typeof v.type !== 'string' ||
    !TYPES.has(v.type)
  )
    return undefined;
  if (typeof v.action !== 'string' || typeof v.target !== 'string') return undefined;
  if (v.type === 'child' && typeof v.pid !== 'number') return undefined;
  if (v.type === 'confirmed' && v.by !== 'maintainer') return undefined;
  if (v.type === 'reconciled' && !VERDICTS.has(v.verdict)) v.verdict = legacyVerdict(v.detail);
  return v as unknown as JournalEntry;
}

/** Journals written before verdicts were typed said it in `detail`; read once here, never written again. */
function legacyVerdict(detail: unknown): Verdict {
  if (typeof detail !== 'string') return 'unknown';
  if (/^(it happened|the index shows it happened)/.test(detail)) return 'done';
  if (/^(it did not happen|the index shows it did not happen)/.test(detail)) return 'not-done';
  return 'unknown';
}
