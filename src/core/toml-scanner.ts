// The cursor of scanToml (toml-scan.ts): one pass over a TOML text that is already known to be
// valid, one method per construct, recording where each value is written.
import type { TomlEntry, TomlHeader } from './toml-scan.js';

/** Joins path parts into one map key: a TOML text cannot contain it. */
export const SEP = '\u0000';

// Character codes: the scanner runs once per manifest on workspaces of thousands of crates, so it
// compares codes, never one-character strings or regexes.
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

/**
 * One pass over the text, one method per construct. `pos` is the cursor; `line` and `lineStart`
 * follow it across every newline consumed, so any method can report where it stands.
 */
export class TomlScanner {
  readonly entries: TomlEntry[] = [];
  readonly headers: TomlHeader[] = [];
  private readonly arrayCounts = new Map<string, number>();
  private readonly n: number;
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  /** The path of the table the last header opened ([] before any header). */
  private table: string[] = [];

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  scan(): void {
    while (this.pos < this.n) this.statement();
  }

  // --- statements -------------------------------------------------------------------------------

  /** One top-level construct: a newline, a comment, a table header or a `key = value`. */
  private statement(): void {
    this.skipSpaces();
    if (this.pos >= this.n) return;
    const c = this.text.charCodeAt(this.pos);
    if (c === LF) this.newline();
    else if (c === HASH) this.skipToEol();
    else if (c === LBRACKET) this.tableHeader();
    else this.keyValue(this.table);
  }

  /** `[a.b]` or `[[a.b]]`: each table of an array gets its index ("bin", "1"). */
  private tableHeader(): void {
    const array = this.text.charCodeAt(this.pos + 1) === LBRACKET;
    this.pos += array ? 2 : 1;
    const key = this.key() ?? [];
    if (array) {
      const k = key.join(SEP);
      const i = this.arrayCounts.get(k) ?? 0;
      this.arrayCounts.set(k, i + 1);
      this.table = [...key, String(i)];
    } else this.table = key;
    this.headers.push({ path: this.table, line: this.line, array });
    this.skipToEol();
  }

  /** `key = value` at the top level; whatever follows the value on its line (a comment) is skipped. */
  private keyValue(table: string[]): void {
    const keyLine = this.line;
    const key = this.key();
    this.skipSpaces();
    if (key && this.text.charCodeAt(this.pos) === EQUALS) {
      this.pos++;
      this.value(table.concat(key), keyLine);
    }
    this.skipToEol();
  }

  // --- keys -------------------------------------------------------------------------------------

  /** A dotted key of bare and quoted parts, unquoted; undefined when there is no key here. */
  private key(): string[] | undefined {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.text.charCodeAt(this.pos);
      const part = c === DQUOTE || c === SQUOTE ? this.quotedKey(c) : this.bareKey();
      if (part === undefined) return undefined;
      parts.push(part);
      this.skipSpaces();
      if (this.text.charCodeAt(this.pos) !== DOT) return parts;
      this.pos++;
    }
  }

  private quotedKey(quote: number): string | undefined {
    const s = this.quoted(quote);
    return s !== undefined && quote === DQUOTE && s.includes('\\') ? s.replace(/\\(["\\])/g, '$1') : s;
  }

  private bareKey(): string | undefined {
    const start = this.pos;
    while (this.pos < this.n && isBare(this.text.charCodeAt(this.pos))) this.pos++;
    return this.pos === start ? undefined : this.text.slice(start, this.pos);
  }

  // --- values -----------------------------------------------------------------------------------

  /** Records the value at the cursor under `path`, then its elements or members, in text order. */
  private value(path: string[], keyLine: number): void {
    this.skipSpaces();
    const c = this.text.charCodeAt(this.pos);
    const entry: TomlEntry = { path, line: keyLine, valueLine: this.line, valueColumn: this.pos - this.lineStart };
    this.entries.push(entry);
    if (c === DQUOTE || c === SQUOTE) this.string(entry, c);
    else if (c === LBRACE) this.inlineTable(path);
    else if (c === LBRACKET) this.array(path);
    else this.scalar(entry);
  }

  /** A basic or literal string, single-line (its text kept) or multi-line (only located). */
  private string(entry: TomlEntry, quote: number): void {
    const t = this.text;
    if (t.charCodeAt(this.pos + 1) === quote && t.charCodeAt(this.pos + 2) === quote) {
      this.multilineString(quote);
      return;
    }
    entry.valueColumn++;
    const s = this.quoted(quote);
    if (s !== undefined) entry.str = s;
  }

  /** pos on the opening quote of a single-line string; leaves pos after the closing quote. */
  private quoted(quote: number): string | undefined {
    const t = this.text;
    const start = ++this.pos;
    for (let c = t.charCodeAt(this.pos); this.pos < this.n && c !== quote && c !== LF; c = t.charCodeAt(++this.pos)) {
      if (quote === DQUOTE && c === BACKSLASH) this.pos++;
    }
    if (t.charCodeAt(this.pos) !== quote) return undefined;
    return t.slice(start, this.pos++);
  }

  /** `"""…"""` or `'''…'''`, counting the newlines inside; a backslash escapes in basic strings only. */
  private multilineString(quote: number): void {
    const t = this.text;
    const delim = quote === DQUOTE ? '"""' : "'''";
    this.pos += 3;
    while (this.pos < this.n && !t.startsWith(delim, this.pos)) {
      const c = t.charCodeAt(this.pos);
      if (quote === DQUOTE && c === BACKSLASH) {
        this.pos++;
        if (t.charCodeAt(this.pos) === LF) this.countLine();
      } else if (c === LF) this.countLine();
      this.pos++;
    }
    this.pos += 3;
    // A closing delimiter may be followed by up to two more quotes that belong to the string.
    while (t.charCodeAt(this.pos) === quote) this.pos++;
  }

  /** `{ k = v, … }`: each member is recorded under the table's path. */
  private inlineTable(path: string[]): void {
    this.pos++;
    for (;;) {
      this.skipBlank();
      const c = this.text.charCodeAt(this.pos);
      if (this.pos >= this.n || c === RBRACE) break;
      if (c === COMMA) {
        this.pos++;
        continue;
      }
      const keyLine = this.line;
      const key = this.key();
      this.skipSpaces();
      if (!key || this.text.charCodeAt(this.pos) !== EQUALS) break;
      this.pos++;
      this.value(path.concat(key), keyLine);
    }
    if (this.text.charCodeAt(this.pos) === RBRACE) this.pos++;
  }

  /** `[v, …]` over any number of lines, with comments between elements: each element gets its index. */
  private array(path: string[]): void {
    this.pos++;
    for (let i = 0; ;) {
      this.skipBlank();
      const c = this.text.charCodeAt(this.pos);
      if (this.pos >= this.n || c === RBRACKET) break;
      if (c === COMMA) {
        this.pos++;
        continue;
      }
      const before = this.pos;
      this.value(path.concat(String(i++)), this.line);
      if (this.pos === before) break; // not a value: stop rather than spin
    }
    if (this.text.charCodeAt(this.pos) === RBRACKET) this.pos++;
  }

  /** A number, boolean or date, as written: up to the next separator, comment or newline. */
  private scalar(entry: TomlEntry): void {
    const t = this.text;
    const start = this.pos;
    for (
      let c = t.charCodeAt(this.pos);
      this.pos < this.n && c !== COMMA && c !== RBRACKET && c !== RBRACE && c !== HASH && c !== LF;
      c = t.charCodeAt(++this.pos)
    );
    entry.raw = t.slice(start, this.pos).trim();
  }

  // --- whitespace and comments ------------------------------------------------------------------

  /** Counts the newline at pos (the cursor stays on it). */
  private countLine(): void {
    this.line++;
    this.lineStart = this.pos + 1;
  }

  /** Consumes the newline at pos. */
  private newline(): void {
    this.countLine();
    this.pos++;
  }

  private skipSpaces(): void {
    const t = this.text;
    for (
      let c = t.charCodeAt(this.pos);
      c === SPACE || c === TAB || c === CR || c === BOM;
      c = t.charCodeAt(++this.pos)
    );
  }

  /** To the newline ending this line (not consumed), or the end of the text. */
  private skipToEol(): void {
    const i = this.text.indexOf('\n', this.pos);
    this.pos = i < 0 ? this.n : i;
  }

  /** Whitespace, newlines and comments, as allowed between array elements. */
  private skipBlank(): void {
    for (;;) {
      this.skipSpaces();
      if (this.text.charCodeAt(this.pos) === HASH) this.skipToEol();
      if (this.text.charCodeAt(this.pos) !== LF) return;
      this.newline();
    }
  }
}
