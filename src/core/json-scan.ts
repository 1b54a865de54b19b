// A tiny JSON *locator*: where the value at a path (["phases", 2, "steps", 0, "kind"]) is written.
// It walks only the objects and arrays on the path and skips everything else, so it is linear and
// never confused by braces inside strings. Meaning comes from JSON.parse; this only points.

export interface JsonLocation {
  /** 1-based line and 0-based column of the value's first character (the opening quote of a string). */
  line: number;
  column: number;
  offset: number;
  /** How many path segments were found: path.length when the value exists, else the depth of the deepest parent found. */
  depth: number;
  /** Line of the key (or of the element) holding the value; equals `line` at the root. */
  keyLine: number;
}

/** 1-based line and 0-based column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart };
}

/** Locates the value at `path`, or the deepest existing parent when the path does not exist. Undefined for unparsable text. */
export function locateJson(text: string, path: readonly (string | number)[]): JsonLocation | undefined {
  let pos = 0;
  const ws = () => {
    while (pos < text.length && ' \t\r\n\uFEFF'.includes(text[pos]!)) pos++;
  };
  const readString = (): string | undefined => {
    if (text[pos] !== '"') return undefined;
    const start = ++pos;
    let hasEscape = false;
    while (pos < text.length && text[pos] !== '"') {
      if (text[pos] === '\\') {
        hasEscape = true;
        pos++;
      }
      pos++;
    }
    const raw = text.slice(start, pos++);
    if (!hasEscape) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  };
  const skipValue = () => {
    ws();
    const c = text[pos];
    if (c === '"') return void readString();
    if (c === '{' || c === '[') {
      let depth = 0;
      while (pos < text.length) {
        const ch = text[pos];
        if (ch === '"') {
          readString();
          continue;
        }
        if (ch === '{' || ch === '[') depth++;
        else if (ch === '}' || ch === ']') depth--;
        pos++;
        if (depth === 0) return;
      }
      return;
    }
    while (pos < text.length && !',}] \t\r\n'.includes(text[pos]!)) pos++;
  };

  ws();
  if (pos >= text.length) return undefined;
  let keyOffset = pos;
  const at = (depth: number): JsonLocation => ({
    ...lineColumnAt(text, pos),
    offset: pos,
    depth,
    keyLine: lineColumnAt(text, keyOffset).line,
  });
  for (let depth = 0; depth < path.length; depth++) {
    const seg = path[depth]!;
    const c = text[pos];
    const parent = at(depth);
    let found = false;
    if (c === '{' && typeof seg === 'string') {
      pos++;
      for (;;) {
        ws();
        if (text[pos] === '}' || pos >= text.length) break;
        const kStart = pos;
        const key = readString();
        if (key === undefined) return parent;
        ws();
        if (text[pos] !== ':') return parent;
        pos++;
        ws();
        if (key === seg) {
          keyOffset = kStart;
          found = true;
          break;
        }
        skipValue();
        ws();
        if (text[pos] === ',') pos++;
      }
    } else if (c === '[' && typeof seg === 'number') {
      pos++;
      for (let i = 0; ; i++) {
        ws();
        if (text[pos] === ']' || pos >= text.length) break;
        if (i === seg) {
          keyOffset = pos;
          found = true;
          break;
        }
        skipValue();
        ws();
        if (text[pos] === ',') pos++;
      }
    }
    if (!found) return parent;
  }
  return at(path.length);
}
