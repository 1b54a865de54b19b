// A TOML *locator*: finds where each key's value is written (line, column) so version edits and
// error messages can point at the exact character. It never decides meaning: the semantic truth
// comes from smol-toml's parse, which always runs first (so the text here is known to be valid).
// It walks statement by statement, recursing into inline tables and arrays, which is what makes
// multi-line arrays, multi-line strings, brackets inside strings and comments harmless.

export interface TomlEntry {
  /** Table path + key path, unquoted: ["target", "cfg(unix)", "dependencies", "libc", "version"].
   *  Array elements get their index ("members", "0"); [[bin]] tables get theirs ("bin", "1", "name"). */
  path: string[];
  /** 1-based line of the key (of the element, for array elements). */
  line: number;
  /** 1-based line and 0-based column where the value starts: for strings, the first character inside the quotes. */
  valueLine: number;
  valueColumn: number;
  /** The characters between the quotes of a single-line string, as written (escapes not decoded). */
  str?: string;
  /** Other scalars as written (true, 42, 1979-05-27). Multi-line strings, tables and arrays have neither. */
  raw?: string;
}

export interface TomlHeader {
  path: string[];
  line: number;
  array: boolean;
}

export interface TomlScan {
  entries: TomlEntry[];
  headers: TomlHeader[];
  /** The first entry with exactly this path. */
  find(path: readonly string[]): TomlEntry | undefined;
  /** The header of a table, e.g. ["package"] or ["workspace", "dependencies"]. */
  header(path: readonly string[]): TomlHeader | undefined;
}

const SEP = '\u0000';
const BARE = /[A-Za-z0-9_-]/;

export function scanToml(text: string): TomlScan {
  const entries: TomlEntry[] = [];
  const headers: TomlHeader[] = [];
  const arrayCounts = new Map<string, number>();
  const n = text.length;
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  let table: string[] = [];

  const newline = () => {
    line++;
    lineStart = pos + 1;
  };
  const skipSpaces = () => {
    while (pos < n && (text[pos] === ' ' || text[pos] === '\t' || text[pos] === '\r' || text[pos] === '\uFEFF')) pos++;
  };
  const skipToEol = () => {
    while (pos < n && text[pos] !== '\n') pos++;
  };
  // Whitespace, newlines and comments, as allowed between array elements.
  const skipBlank = () => {
    for (;;) {
      skipSpaces();
      if (text[pos] === '#') skipToEol();
      if (text[pos] === '\n') {
        newline();
        pos++;
      } else return;
    }
  };

  const readQuoted = (quote: string): string | undefined => {
    // pos is on the opening quote of a single-line string; leaves pos after the closing quote.
    const start = ++pos;
    while (pos < n && text[pos] !== quote && text[pos] !== '\n') {
      if (quote === '"' && text[pos] === '\\') pos++;
      pos++;
    }
    if (text[pos] !== quote) return undefined;
    return text.slice(start, pos++);
  };

  const readKey = (): string[] | undefined => {
    const parts: string[] = [];
    for (;;) {
      skipSpaces();
      const c = text[pos];
      if (c === '"' || c === "'") {
        const s = readQuoted(c);
        if (s === undefined) return undefined;
        parts.push(c === '"' ? s.replace(/\\(["\\])/g, '$1') : s);
      } else {
        const start = pos;
        while (pos < n && BARE.test(text[pos]!)) pos++;
        if (pos === start) return undefined;
        parts.push(text.slice(start, pos));
      }
      skipSpaces();
      if (text[pos] !== '.') return parts;
      pos++;
    }
  };

  const skipMultiline = (delim: string) => {
    pos += 3;
    while (pos < n && !text.startsWith(delim, pos)) {
      if (delim === '"""' && text[pos] === '\\') pos++;
      else if (text[pos] === '\n') newline();
      pos++;
    }
    pos += 3;
    // A closing delimiter may be followed by up to two more quotes that belong to the string.
    while (text[pos] === delim[0]) pos++;
  };

  const readValue = (path: string[], keyLine: number): void => {
    skipSpaces();
    const c = text[pos];
    const entry: TomlEntry = { path, line: keyLine, valueLine: line, valueColumn: pos - lineStart };
    if (c === '"' || c === "'") {
      if (text.startsWith(c.repeat(3), pos)) {
        skipMultiline(c.repeat(3));
        entries.push(entry);
        return;
      }
      entry.valueColumn++;
      const s = readQuoted(c);
      if (s !== undefined) entry.str = s;
      entries.push(entry);
      return;
    }
    if (c === '{') {
      entries.push(entry);
      pos++;
      for (;;) {
        skipBlank();
        if (pos >= n || text[pos] === '}') break;
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        const keyLineHere = line;
        const key = readKey();
        skipSpaces();
        if (!key || text[pos] !== '=') break;
        pos++;
        readValue([...path, ...key], keyLineHere);
      }
      if (text[pos] === '}') pos++;
      return;
    }
    if (c === '[') {
      entries.push(entry);
      pos++;
      for (let i = 0; ; ) {
        skipBlank();
        if (pos >= n || text[pos] === ']') break;
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        const before = pos;
        readValue([...path, String(i++)], line);
        if (pos === before) break; // not a value: stop rather than spin
      }
      if (text[pos] === ']') pos++;
      return;
    }
    const start = pos;
    while (pos < n && !',]}#\n'.includes(text[pos]!)) pos++;
    entry.raw = text.slice(start, pos).trim();
    entries.push(entry);
  };

  while (pos < n) {
    skipSpaces();
    const c = text[pos];
    if (c === undefined) break;
    if (c === '\n') {
      newline();
      pos++;
      continue;
    }
    if (c === '#') {
      skipToEol();
      continue;
    }
    if (c === '[') {
      const array = text[pos + 1] === '[';
      pos += array ? 2 : 1;
      const key = readKey() ?? [];
      if (array) {
        const k = key.join(SEP);
        const i = arrayCounts.get(k) ?? 0;
        arrayCounts.set(k, i + 1);
        table = [...key, String(i)];
      } else table = key;
      headers.push({ path: table, line, array });
      skipToEol();
      continue;
    }
    const keyLine = line;
    const key = readKey();
    skipSpaces();
    if (key && text[pos] === '=') {
      pos++;
      readValue([...table, ...key], keyLine);
    }
    skipToEol();
  }

  let byPath: Map<string, TomlEntry> | undefined;
  return {
    entries,
    headers,
    find(path) {
      if (!byPath) {
        // Built on first use: most manifests are asked about several keys.
        byPath = new Map();
        for (const e of entries) {
          const k = e.path.join(SEP);
          if (!byPath.has(k)) byPath.set(k, e);
        }
      }
      return byPath.get(path.join(SEP));
    },
    header(path) {
      const k = path.join(SEP);
      return headers.find((h) => h.path.join(SEP) === k);
    },
  };
}

/** The line where a table's content can be reported: its header, else the first key inside it (dotted keys), else undefined. */
export function tableLine(scan: TomlScan, path: readonly string[]): number | undefined {
  const h = scan.header(path);
  if (h) return h.line;
  const k = path.join(SEP) + SEP;
  return scan.entries.find((e) => e.path.join(SEP).startsWith(k))?.line;
}
