// A TOML *locator*: finds where each key's value is written (line, column) so version edits and
// error messages can point at the exact character. It never decides meaning: the semantic truth
// comes from smol-toml's parse, which always runs first (so the text here is known to be valid).
// It walks statement by statement, recursing into inline tables and arrays, which is what makes
// multi-line arrays, multi-line strings, brackets inside strings and comments harmless.

import { SEP, TomlScanner } from './toml-scanner.js';

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

export function scanToml(text: string): TomlScan {
  const scanner = new TomlScanner(text);
  scanner.scan();
  const { entries, headers } = scanner;
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
