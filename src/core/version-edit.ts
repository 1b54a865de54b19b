// Version edits as text transforms. A manifest is never re-serialised (smol-toml's stringify drops
// comments and reshapes tables): each edit replaces exactly the characters of one value, and the
// result is parsed again to prove that the only values that changed are the intended ones.
import { parse as parseToml } from 'smol-toml';
import type { VersionLocation } from './plan-types.js';
import { UserError } from './user-error.js';

export interface VersionEdit {
  location: VersionLocation;
  /** The new value, without quotes. */
  to: string;
}

export interface FileChange {
  path: string;
  before: string;
  after: string;
  /** The edits applied to this file, in file order (no-ops excluded). */
  edits: VersionEdit[];
}

export type FileFormat = 'toml' | 'json';

/** How a file is parsed for the proof: by its name first, then by the kind of its locations. */
export function formatOf(path: string, kind?: VersionLocation['kind']): FileFormat {
  if (/\.json$/i.test(path)) return 'json';
  if (/\.toml$/i.test(path) || /(^|\/)Cargo\.lock$/.test(path)) return 'toml';
  return kind === 'package-json' || kind === 'json' ? 'json' : 'toml';
}

/** Offset in `text` of the 0-based column on the 1-based line, or undefined when the line does not exist. */
export function offsetOf(text: string, line: number, column: number): number | undefined {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  const nl = text.indexOf('\n', start);
  const end = nl < 0 ? text.length : nl;
  return start + column <= end ? start + column : undefined;
}

function where(loc: VersionLocation): string {
  return `${loc.path}:${loc.line}`;
}

/**
 * Applies the edits of one file as text replacements. Each location must still hold its value
 * between matching quotes; anything else means the file changed since it was read.
 */
export function editText(path: string, text: string, edits: VersionEdit[]): { text: string; applied: VersionEdit[] } {
  const placed: { at: number; edit: VersionEdit }[] = [];
  for (const edit of edits) {
    const loc = edit.location;
    if (loc.path !== path) throw new Error(`edit for ${loc.path} given to ${path}`);
    if (/["'\\\r\n]/.test(edit.to) || edit.to.length === 0) {
      throw new UserError(`refusing to write \`${JSON.stringify(edit.to)}\` as a version.`, {
        file: loc.path,
        line: loc.line,
      });
    }
    const at = offsetOf(text, loc.line, loc.column);
    const quote = at === undefined ? undefined : text[at - 1];
    if (
      at === undefined ||
      text.slice(at, at + loc.value.length) !== loc.value ||
      (quote !== '"' && quote !== "'") ||
      text[at + loc.value.length] !== quote
    ) {
      throw new UserError(
        `${where(loc)} no longer holds "${loc.value}" at column ${loc.column}; the file changed since it was read.`,
        {
          hint: 'Run the command again.',
        },
      );
    }
    placed.push({ at, edit });
  }
  placed.sort((a, b) => a.at - b.at);
  const kept: typeof placed = [];
  for (const p of placed) {
    const prev = kept[kept.length - 1];
    if (prev && prev.at === p.at && prev.edit.location.value === p.edit.location.value) {
      // The same location listed twice (e.g. by two sources): fine when both want the same value.
      if (prev.edit.to !== p.edit.to) {
        throw new UserError(`${where(p.edit.location)} would be set to both "${prev.edit.to}" and "${p.edit.to}".`);
      }
      continue;
    }
    if (prev && prev.at + prev.edit.location.value.length > p.at) {
      throw new UserError(`${where(p.edit.location)} has two overlapping version locations.`);
    }
    kept.push(p);
  }
  let out = '';
  let from = 0;
  const applied: VersionEdit[] = [];
  for (const { at, edit } of kept) {
    if (edit.to === edit.location.value) continue;
    out += text.slice(from, at) + edit.to;
    from = at + edit.location.value.length;
    applied.push(edit);
  }
  return { text: out + text.slice(from), applied };
}

function parseAs(format: FileFormat, path: string, text: string, which: string): unknown {
  try {
    return format === 'json' ? JSON.parse(text) : parseToml(text);
  } catch (e) {
    const first = String((e as Error).message).split('\n')[0];
    throw new UserError(`${path} ${which} cannot be parsed as ${format.toUpperCase()}: ${first}`);
  }
}

interface ValueChange {
  key: string;
  before: unknown;
  after: unknown;
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Every leaf (or shape) that differs between two parsed documents. */
export function diffValues(a: unknown, b: unknown, key = '', out: ValueChange[] = []): ValueChange[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push({ key, before: `array of ${a.length}`, after: `array of ${b.length}` });
    else a.forEach((x, i) => diffValues(x, b[i], `${key}[${i}]`, out));
  } else if (isTable(a) && isTable(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const sub = key ? `${key}.${k}` : k;
      if (!(k in a) || !(k in b))
        out.push({ key: sub, before: k in a ? 'present' : 'absent', after: k in b ? 'present' : 'absent' });
      else diffValues(a[k], b[k], sub, out);
    }
  } else if (a instanceof Date && b instanceof Date) {
    if (String(a) !== String(b)) out.push({ key, before: String(a), after: String(b) });
  } else if (!Object.is(a, b)) {
    out.push({ key, before: a, after: b });
  }
  return out;
}

/**
 * Proves that `after` differs from `before` exactly by the edits: the same number of changed
 * values, each a string that went from an edit's old value to its new value, and no change of shape.
 */
export function verifyEdit(path: string, before: string, after: string, edits: VersionEdit[]): void {
  const format = formatOf(path, edits[0]?.location.kind);
  const a = parseAs(format, path, before, 'as read');
  const b = parseAs(format, path, after, 'after the edit');
  const expected = new Map<string, number>();
  for (const e of edits) {
    const k = `${e.location.value}\u0000${e.to}`;
    expected.set(k, (expected.get(k) ?? 0) + 1);
  }
  for (const c of diffValues(a, b)) {
    const k = typeof c.before === 'string' && typeof c.after === 'string' ? `${c.before}\u0000${c.after}` : undefined;
    const left = k === undefined ? 0 : (expected.get(k) ?? 0);
    // A version lives under a `version` key, as an array element (Cargo.lock references), or
    // under the crate's own name (`micromegas-tracing = "^0.15"`): any other key was mislocated.
    const last = /(?:^|\.)([^.[\]]*)$/.exec(c.key)?.[1] ?? '';
    const keyOk =
      last === 'version' ||
      /\]$/.test(c.key) ||
      edits.some((e) => e.location.crate === last && e.location.value === c.before);
    if (k === undefined || left === 0 || !keyOk) {
      throw new UserError(
        `${path}: the edit would change \`${c.key}\` from ${JSON.stringify(c.before)} to ${JSON.stringify(c.after)}, which is not a version it meant to change; nothing was written.`,
      );
    }
    expected.set(k, left - 1);
  }
  for (const [k, n] of expected) {
    if (n > 0) {
      const [from, to] = k.split('\u0000');
      throw new UserError(
        `${path}: the edit of "${from}" to "${to}" did not change a parsed value (is it inside a comment?); nothing was written.`,
      );
    }
  }
}

/**
 * Prepares and verifies the edits of every file before anything is written: a problem in any
 * file refuses the whole set. `files` maps a repo-relative path to its current content.
 * Returns only the files whose text changes.
 */
export function prepareEdits(files: ReadonlyMap<string, string>, edits: VersionEdit[]): FileChange[] {
  const byPath = new Map<string, VersionEdit[]>();
  for (const e of edits) {
    const list = byPath.get(e.location.path) ?? [];
    list.push(e);
    byPath.set(e.location.path, list);
  }
  const changes: FileChange[] = [];
  for (const [path, list] of byPath) {
    const before = files.get(path);
    if (before === undefined) throw new UserError(`${path} cannot be read; nothing was written.`);
    const { text: after, applied } = editText(path, before, list);
    if (applied.length === 0) continue;
    verifyEdit(path, before, after, applied);
    changes.push({ path, before, after, edits: applied });
  }
  return changes.sort((x, y) => x.path.localeCompare(y.path));
}
