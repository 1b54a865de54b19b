'use strict';
// The cargo stand-in's TOML reader, for what Cargo.toml and cargo's config.toml use: tables and
// arrays of tables, dotted keys, basic and literal strings, booleans, numbers, arrays and inline
// tables. CommonJS and builtins only, like the other modules of cargo-bin/.

/** Where the text stops making sense: a 1-based line and what was expected there. */
class TomlSyntaxError extends Error {
  constructor(line, what) {
    super(`line ${line}: ${what}`);
    this.line = line;
    this.what = what;
  }
}

/** Walks `keys` down from `obj`, making the tables that are missing. */
function descend(obj, keys) {
  let o = obj;
  for (const k of keys) o = o[k] ??= {};
  return o;
}

function setPath(obj, keys, v) {
  descend(obj, keys.slice(0, -1))[keys[keys.length - 1]] = v;
}

const ESCAPES = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

/** A cursor over one text, one method per construct. */
class TomlReader {
  constructor(text) {
    this.text = text;
    this.i = 0;
  }

  bad(what) {
    throw new TomlSyntaxError(this.text.slice(0, this.i).split('\n').length, what);
  }

  /** Consumes `c`, or fails (the cursor still moves past what was there, as the line reported counts it). */
  expect(c, what) {
    if (this.text[this.i++] !== c) this.bad(what);
  }

  /** Spaces and comments; newlines too when `newlines`. */
  skip(newlines) {
    const t = this.text;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.i++;
      else if (c === '#') while (this.i < t.length && t[this.i] !== '\n') this.i++;
      else break;
    }
  }

  /** The whole text: `[table]`, `[[array]]` headers and `key = value` lines. */
  document() {
    const root = {};
    let table = root;
    for (;;) {
      this.skip(true);
      if (this.i >= this.text.length) return root;
      if (this.text[this.i] === '[') table = this.header(root);
      else this.keyValue(table);
    }
  }

  /** `[a.b]` opens a table, `[[a.b]]` appends one to an array: the table that follows fills it. */
  header(root) {
    const many = this.text[this.i + 1] === '[';
    const close = many ? ']]' : ']';
    this.i += close.length;
    const keys = this.key();
    if (this.text.slice(this.i, this.i + close.length) !== close) this.bad('expected `]`');
    this.i += close.length;
    const parent = descend(root, keys.slice(0, -1));
    const last = keys[keys.length - 1];
    if (!many) return (parent[last] ??= {});
    const table = {};
    (parent[last] ??= []).push(table);
    return table;
  }

  keyValue(table) {
    const k = this.key();
    this.expect('=', 'expected `=`');
    setPath(table, k, this.value());
  }

  /** A dotted key: its parts, bare or quoted. */
  key() {
    const parts = [];
    for (;;) {
      this.skip(false);
      if (this.text[this.i] === '"' || this.text[this.i] === "'") parts.push(this.string());
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.i));
        if (!m) this.bad('expected a key');
        parts.push(m[0]);
        this.i += m[0].length;
      }
      this.skip(false);
      if (this.text[this.i] !== '.') return parts;
      this.i++;
    }
  }

  value() {
    this.skip(false);
    const c = this.text[this.i];
    if (c === '"' || c === "'") return this.string();
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    return this.scalar();
  }

  /** A single-line string; escapes are decoded in basic ("") strings, not in literal ('') ones. */
  string() {
    const t = this.text;
    const q = t[this.i++];
    let s = '';
    while (this.i < t.length && t[this.i] !== q) {
      if (q === '"' && t[this.i] === '\\') {
        const e = t[++this.i];
        if (e === 'u') {
          s += String.fromCharCode(parseInt(t.slice(this.i + 1, this.i + 5), 16));
          this.i += 4;
        } else s += ESCAPES[e] ?? e;
        this.i++;
      } else s += t[this.i++];
    }
    this.expect(q, 'unterminated string');
    return s;
  }

  /** `[v, …]`, over several lines and with comments. */
  array() {
    this.i++;
    const arr = [];
    for (;;) {
      this.skip(true);
      if (this.text[this.i] === ']') return (this.i++, arr);
      arr.push(this.value());
      this.skip(true);
      if (this.text[this.i] === ',') this.i++;
      else if (this.text[this.i] !== ']') this.bad('expected `,` or `]`');
    }
  }

  /** `{ k = v, … }` on one line. */
  inlineTable() {
    this.i++;
    const obj = {};
    for (;;) {
      this.skip(false);
      if (this.text[this.i] === '}') return (this.i++, obj);
      const k = this.key();
      this.expect('=', 'expected `=`');
      setPath(obj, k, this.value());
      this.skip(false);
      if (this.text[this.i] === ',') this.i++;
    }
  }

  /** true/false, a number (underscores allowed), or anything else as its text (dates). */
  scalar() {
    const m = /^[^\s,\]}#]+/.exec(this.text.slice(this.i));
    if (!m) this.bad('expected a value');
    this.i += m[0].length;
    if (m[0] === 'true' || m[0] === 'false') return m[0] === 'true';
    return /^[+-]?\d[\d_]*(\.\d+)?$/.test(m[0]) ? Number(m[0].replace(/_/g, '')) : m[0];
  }
}

/** The tables of a TOML text; throws TomlSyntaxError where it cannot read on. */
function readToml(text) {
  return new TomlReader(text).document();
}

module.exports = { readToml, TomlSyntaxError };
