import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { scanToml } from '../../src/core/toml-scan.js';

/** The text at the reported position must be the value itself: that is what edits rely on. */
function at(text: string, line: number, column: number, length: number): string {
  return text.split('\n')[line - 1]!.slice(column, column + length);
}

/** Scans a text smol-toml accepts (the scanner's precondition). */
function scan(lines: string[]) {
  const text = lines.join('\n');
  parse(text);
  return { text, s: scanToml(text) };
}

describe('scanToml, construct by construct', () => {
  it('locates a multi-line string without reading it, and counts its lines (escaped newlines too)', () => {
    const { text, s } = scan([
      'a = """',
      'first \\',
      '  second "quoted" \\"""',
      '""""',
      "b = '''x",
      "y''''",
      'c = "after"',
    ]);
    expect(s.find(['a'])).toEqual({ path: ['a'], line: 1, valueLine: 1, valueColumn: 4 });
    expect(at(text, 1, 4, 3)).toBe('"""');
    expect(s.find(['b'])).toEqual({ path: ['b'], line: 5, valueLine: 5, valueColumn: 4 });
    expect(s.find(['c'])).toMatchObject({ line: 7, valueLine: 7, valueColumn: 5, str: 'after' });
  });

  it('keeps a backslash in a literal string as a character, not an escape', () => {
    const { s } = scan(["path = 'C:\\dir\\'", "key = 'x'"]);
    expect(s.find(['path'])).toMatchObject({ str: 'C:\\dir\\', valueColumn: 8 });
    expect(s.find(['key'])).toMatchObject({ line: 2, str: 'x' });
  });

  it('reads dotted keys with spaces and quoted parts, at the top level and inside inline tables', () => {
    const { text, s } = scan([
      '[dependencies]',
      'a . "b.c" . d = "1.0"',
      'e = { f.\'g h\' = "2.0", i = { j = 3 } }',
      '"k\\"l".m = true',
    ]);
    const d = s.find(['dependencies', 'a', 'b.c', 'd'])!;
    expect([d.line, d.str, at(text, d.valueLine, d.valueColumn, 3)]).toEqual([2, '1.0', '1.0']);
    expect(s.find(['dependencies', 'e', 'f', 'g h'])).toMatchObject({ str: '2.0', line: 3 });
    expect(s.find(['dependencies', 'e', 'i', 'j'])).toMatchObject({ raw: '3', line: 3 });
    expect(s.find(['dependencies', 'k"l', 'm'])).toMatchObject({ raw: 'true', line: 4 });
  });

  it('records an inline table before its members, and arrays of inline tables by index', () => {
    const { text, s } = scan(['x = { v = "1", w = [{ n = "a" }, { n = "b" }] }', 'y = {}']);
    expect(s.entries.map((e) => e.path.join('.'))).toEqual([
      'x',
      'x.v',
      'x.w',
      'x.w.0',
      'x.w.0.n',
      'x.w.1',
      'x.w.1.n',
      'y',
    ]);
    const b = s.find(['x', 'w', '1', 'n'])!;
    expect([b.str, at(text, b.valueLine, b.valueColumn, 1)]).toEqual(['b', 'b']);
    expect(s.find(['x'])).toMatchObject({ valueColumn: 4 });
    expect(s.find(['x'])!.str ?? s.find(['x'])!.raw).toBeUndefined();
    expect(s.find(['y'])).toMatchObject({ line: 2, valueColumn: 4 });
  });

  it('stops scalars at a comment, and ignores what a comment says', () => {
    const { s } = scan([
      'n = 42 # the answer = 41',
      'd = 1979-05-27T07:32:00Z# no space',
      'f = [1.5, -2] # ]',
      '# z = "commented out"',
      'b = false',
    ]);
    expect(s.find(['n'])!.raw).toBe('42');
    expect(s.find(['d'])!.raw).toBe('1979-05-27T07:32:00Z');
    expect(s.find(['f', '0'])!.raw).toBe('1.5');
    expect(s.find(['f', '1'])!.raw).toBe('-2');
    expect(s.find(['z'])).toBeUndefined();
    expect(s.find(['b'])).toMatchObject({ line: 5, raw: 'false' });
  });

  it('gives array elements the line of each element and tables of an array their index', () => {
    const { s } = scan([
      'members = [',
      '  # a comment before the first',
      '  "a",',
      '',
      '  "b", "c"',
      ']',
      '[[package.metadata.list]]',
      'k = 1',
      '[[package.metadata.list]]',
      'k = 2',
    ]);
    expect(['0', '1', '2'].map((i) => s.find(['members', i])!.line)).toEqual([3, 5, 5]);
    expect(s.headers).toEqual([
      { path: ['package', 'metadata', 'list', '0'], line: 7, array: true },
      { path: ['package', 'metadata', 'list', '1'], line: 9, array: true },
    ]);
    expect(s.find(['package', 'metadata', 'list', '1', 'k'])).toMatchObject({ line: 10, raw: '2' });
  });
});
