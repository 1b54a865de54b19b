import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { scanToml, tableLine } from '../../src/core/toml-scan.js';

/** The text at the reported position must be the value itself: that is what edits rely on. */
function at(text: string, line: number, column: number, length: number): string {
  return text.split('\n')[line - 1]!.slice(column, column + length);
}

describe('scanToml', () => {
  it('locates table headers, dotted keys and inline tables with exact columns', () => {
    const text = [
      '[package]',
      'name = "micromegas-tracing"',
      'version.workspace = true',
      '',
      "[target.'cfg(unix)'.dependencies]",
      'libc = "0.2"',
      '',
      '[dependencies]',
      'micromegas-transit.version = "0.15"',
      'x = { path = "a", version = "0.15.0" }',
      '"quoted key" = { version = \'=0.15.0\' }',
    ].join('\n');
    parse(text);
    const s = scanToml(text);
    expect(s.header(['package'])?.line).toBe(1);
    expect(s.header(['target', 'cfg(unix)', 'dependencies'])?.line).toBe(5);
    const libc = s.find(['target', 'cfg(unix)', 'dependencies', 'libc'])!;
    expect([libc.line, libc.str, at(text, libc.valueLine, libc.valueColumn, 3)]).toEqual([6, '0.2', '0.2']);
    const dotted = s.find(['dependencies', 'micromegas-transit', 'version'])!;
    expect([dotted.valueLine, at(text, dotted.valueLine, dotted.valueColumn, 4)]).toEqual([9, '0.15']);
    const inline = s.find(['dependencies', 'x', 'version'])!;
    expect(inline.str).toBe('0.15.0');
    expect(at(text, inline.valueLine, inline.valueColumn, 6)).toBe('0.15.0');
    expect(s.find(['dependencies', 'x', 'path'])!.str).toBe('a');
    expect(s.find(['dependencies', 'quoted key', 'version'])!.str).toBe('=0.15.0');
    expect(s.find(['package', 'version', 'workspace'])!.raw).toBe('true');
  });

  it('skips multi-line strings and arrays, comments and brackets inside strings', () => {
    const text = [
      '[package]',
      'description = """',
      'version = "not a key"',
      '[not.a.table]',
      '"""',
      "notes = '''",
      "x = '1'",
      "'''",
      'keywords = [',
      '  "a", # a comment with "quotes" and ]',
      '  "b]",',
      '  [1, 2],',
      ']',
      'version = "1.2.3" # trailing comment',
      '[[bin]]',
      'name = "one"',
      '[[bin]]',
      'name = "two"',
    ].join('\n');
    parse(text);
    const s = scanToml(text);
    expect(s.headers.map((h) => h.path.join('.'))).toEqual(['package', 'bin.0', 'bin.1']);
    expect(s.find(['package', 'version'])).toMatchObject({ line: 14, str: '1.2.3', valueColumn: 11 });
    expect(s.find(['package', 'keywords', '1'])).toMatchObject({ str: 'b]', line: 11 });
    expect(s.find(['bin', '1', 'name'])!.str).toBe('two');
    expect(s.find(['not', 'a', 'table'])).toBeUndefined();
    expect(s.entries.some((e) => e.path.join('.') === 'version')).toBe(false);
  });

  it('handles CRLF line endings and a BOM without shifting columns', () => {
    const text =
      '\uFEFF[workspace.package]\r\nversion = "0.15.0"\r\n\r\n[workspace.dependencies]\r\nfoo = { path = "foo", version = "0.15.0" }\r\n';
    parse(text.slice(1));
    const s = scanToml(text);
    const v = s.find(['workspace', 'package', 'version'])!;
    expect(v).toMatchObject({ valueLine: 2, valueColumn: 11, str: '0.15.0' });
    const dep = s.find(['workspace', 'dependencies', 'foo', 'version'])!;
    expect(at(text.replace(/\r/g, ''), dep.valueLine, dep.valueColumn, 6)).toBe('0.15.0');
    expect(dep.valueLine).toBe(5);
  });

  it('reports escaped basic strings as written and keeps going after them', () => {
    const text = 'a = "say \\"hi\\""\nb = "2"\n';
    parse(text);
    const s = scanToml(text);
    expect(s.find(['a'])!.str).toBe('say \\"hi\\"');
    expect(s.find(['b'])).toMatchObject({ line: 2, str: '2' });
  });

  it('tableLine falls back to the first dotted key of a table without header', () => {
    const text = 'package.name = "x"\npackage.version = "1.0.0"\n';
    expect(tableLine(scanToml(text), ['package'])).toBe(1);
    expect(tableLine(scanToml(text), ['lib'])).toBeUndefined();
  });

  it('locates every string of a real manifest where smol-toml finds the same value', () => {
    const text = [
      '[workspace]',
      'members = [',
      '    "a", # first',
      '    "crates/*",',
      ']',
      '[workspace.dependencies]',
      'b = { path = \'b\', version = "^0.15", features = ["x", "y"] }',
      '[workspace.package]',
      'version = "0.15.0"',
    ].join('\n');
    const data = parse(text) as {
      workspace: { members: string[]; dependencies: { b: { version: string } } };
    };
    const s = scanToml(text);
    expect(s.find(['workspace', 'members', '1'])).toMatchObject({ str: data.workspace.members[1], line: 4 });
    expect(s.find(['workspace', 'dependencies', 'b', 'features', '1'])!.str).toBe('y');
    expect(s.find(['workspace', 'dependencies', 'b', 'version'])!.str).toBe(data.workspace.dependencies.b.version);
  });
});
