// The cargo stand-in's TOML reader (cargo-bin/cargo-toml.cjs): what it reads must be what a real
// TOML parser reads, for the constructs Cargo.toml files use; what it cannot read fails as cargo does.
import { createRequire } from 'node:module';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { readToml } = require('../../src/sandbox/stand-ins/cargo-bin/cargo-toml.cjs') as {
  readToml(text: string): Record<string, unknown>;
};
const { parseToml } = require('../../src/sandbox/stand-ins/cargo-bin/cargo-workspace.cjs') as {
  parseToml(text: string, file: string): Record<string, unknown>;
};

function failure(text: string): string {
  try {
    parseToml(text, '/w/Cargo.toml');
  } catch (e) {
    return (e as { render(): string }).render();
  }
  throw new Error('expected a parse error');
}

describe('the cargo stand-in reads TOML', () => {
  it('reads tables, arrays of tables, dotted and quoted keys, strings, arrays and inline tables as smol-toml does', () => {
    const text = [
      '# a comment',
      '[package]',
      'name = "a-crate" # trailing',
      'version.workspace = true',
      "description = 'literal \\n kept'",
      'keywords = [',
      '  "x", # between',
      '  "y\\"z\\u00e9",',
      ']',
      'n = 1_000',
      'f = -2.5',
      '',
      '[target."cfg(unix)".dependencies]',
      'libc = { version = "0.2", features = ["std"], default-features = false }',
      '',
      '[[bin]]',
      'name = "one"',
      '[[bin]]',
      'name = "two"',
    ].join('\n');
    expect(readToml(text)).toEqual(parse(text));
  });

  it("keeps what it does not type (a date) as written, as the stand-in's callers expect", () => {
    expect(readToml('d = 1979-05-27\n')).toEqual({ d: '1979-05-27' });
  });

  it('reports the line of a syntax error in the shape cargo prints', () => {
    expect(failure('[package]\nname = "x')).toBe(
      'error: failed to parse manifest at `/w/Cargo.toml`\n\nCaused by:\n  TOML parse error at line 2: unterminated string\n',
    );
    expect(failure('[package]\nname "x"\n')).toContain('TOML parse error at line 2: expected `=`');
    expect(failure('a = [1 2]\n')).toContain('TOML parse error at line 1: expected `,` or `]`');
    expect(failure('[package\n')).toContain('TOML parse error at line 1: expected `]`');
    expect(failure('= 1\n')).toContain('TOML parse error at line 1: expected a key');
  });
});
