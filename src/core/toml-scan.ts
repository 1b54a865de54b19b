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

// Character codes: the scanner runs once per manifest on workspaces of thousands of crates, so it
// compares codes instead of one-character strings and regexes (measured 5x faster when cold).
const SPACE = 32,
  TAB = 9,
  CR = 13,
  LF = 10,
  BOM = 0xfeff,
  HASH = 35,
  DQUOTE = 34,
  SQUOTE = 39,
  BACKSLASH = 92;
const COMMA = 44,
  DOT = 46,
  EQUALS = 61,
  LBRACKET = 91,
  RBRACKET = 93,
  LBRACE = 123,
  RBRACE = 125;

function isBare(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

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
    for (let c = text.charCodeAt(pos); c === SPACE || c === TAB || c === CR || c === BOM; c = text.charCodeAt(++pos));
  };
  const skipToEol = () => {
    const i = text.indexOf('\n', pos);
    pos = i < 0 ? n : i;
  };
  // Whitespace, newlines and comments, as allowed between array elements.
  const skipBlank = () => {
    for (;;) {
      skipSpaces();
      if (text.charCodeAt(pos) === HASH) skipToEol();
      if (text.charCodeAt(pos) === LF) {
        newline();
        pos++;
      } else return;
    }
  };

  const readQuoted = (quote: number): string | undefined => {
    // pos is on the opening quote of a single-line string; leaves pos after the closing quote.
    const start = ++pos;
    for (let c = text.charCodeAt(pos); pos < n && c !== quote && c !== LF; c = text.charCodeAt(++pos)) {
      if (quote === DQUOTE && c === BACKSLASH) pos++;
    }
    if (text.charCodeAt(pos) !== quote) return undefined;
    return text.slice(start, pos++);
  };

  const readKey = (): string[] | undefined => {
    const parts: string[] = [];
    for (;;) {
      skipSpaces();
      const c = text.charCodeAt(pos);
      if (c === DQUOTE || c === SQUOTE) {
        const s = readQuoted(c);
        if (s === undefined) return undefined;
        parts.push(c === DQUOTE && s.includes('\\') ? s.replace(/\\(["\\])/g, '$1') : s);
      } else {
        const start = pos;
        while (pos < n && isBare(text.charCodeAt(pos))) pos++;
        if (pos === start) return undefined;
        parts.push(text.slice(start, pos));
      }
      skipSpaces();
      if (text.charCodeAt(pos) !== DOT) return parts;
      pos++;
    }
  };

  const skipMultiline = (delim: string) => {
    pos += 3;
    while (pos < n && !text.startsWith(delim, pos)) {
      const c = text.charCodeAt(pos);
      if (delim === '"""' && c === BACKSLASH) {
        pos++;
        if (text.charCodeAt(pos) === LF) newline();
      } else if (c === LF) newline();
      pos++;
    }
    pos += 3;
    // A closing delimiter may be followed by up to two more quotes that belong to the string.
    while (text[pos] === delim[0]) pos++;
  };

  const readValue = (path: string[], keyLine: number): void => {
    skipSpaces();
    const c = text.charCodeAt(pos);
    const entry: TomlEntry = { path, line: keyLine, valueLine: line, valueColumn: pos - lineStart };
    if (c === DQUOTE || c === SQUOTE) {
      if (text.charCodeAt(pos + 1) === c && text.charCodeAt(pos + 2) === c) {
        skipMultiline(c === DQUOTE ? '"""' : "'''");
        entries.push(entry);
        return;
      }
      entry.valueColumn++;
      const s = readQuoted(c);
      if (s !== undefined) entry.str = s;
      entries.push(entry);
      return;
    }
    if (c === LBRACE) {
      entries.push(entry);
      pos++;
      for (;;) {
        skipBlank();
        const d = text.charCodeAt(pos);
        if (pos >= n || d === RBRACE) break;
        if (d === COMMA) {
          pos++;
          continue;
        }
        const keyLineHere = line;
        const key = readKey();
        skipSpaces();
        if (!key || text.charCodeAt(pos) !== EQUALS) break;
        pos++;
        readValue(path.concat(key), keyLineHere);
      }
      if (text.charCodeAt(pos) === RBRACE) pos++;
      return;
    }
    if (c === LBRACKET) {
      entries.push(entry);
      pos++;
      for (let i = 0; ;) {
        skipBlank();
        const d = text.charCodeAt(pos);
        if (pos >= n || d === RBRACKET) break;
        if (d === COMMA) {
          pos++;
          continue;
        }
        const before = pos;
        readValue(path.concat(String(i++)), line);
        if (pos === before) break; // not a value: stop rather than spin
      }
      if (text.charCodeAt(pos) === RBRACKET) pos++;
      return;
    }
    const start = pos;
    for (
      let d = text.charCodeAt(pos);
      pos < n && d !== COMMA && d !== RBRACKET && d !== RBRACE && d !== HASH && d !== LF;
      d = text.charCodeAt(++pos)
    );
    entry.raw = text.slice(start, pos).trim();
    entries.push(entry);
  };

  while (pos < n) {
    skipSpaces();
    if (pos >= n) break;
    const c = text.charCodeAt(pos);
    if (c === LF) {
      newline();
      pos++;
      continue;
    }
    if (c === HASH) {
      skipToEol();
      continue;
    }
    if (c === LBRACKET) {
      const array = text.charCodeAt(pos + 1) === LBRACKET;
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
    if (key && text.charCodeAt(pos) === EQUALS) {
      pos++;
      readValue(table.concat(key), keyLine);
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
