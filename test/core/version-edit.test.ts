import { describe, expect, it } from 'vitest';
import type { VersionLocation } from '../../src/core/plan-types.js';
import { editText, prepareEdits, verifyEdit, type VersionEdit } from '../../src/core/version-edit.js';
import { bumpValue } from '../../src/core/version-bump.js';

/** A hand-made location: the `nth` quoted occurrence of `value` on the 1-based `line`. */
function locAt(
  path: string,
  text: string,
  line: number,
  value: string,
  extra: Partial<VersionLocation> = {},
  nth = 0,
): VersionLocation {
  const row = text.split('\n')[line - 1] ?? '';
  let column = -1;
  for (let i = 0, from = 0; i <= nth; i++) {
    column = row.indexOf(value, from);
    while (column >= 0 && !/["']/.test(row[column - 1] ?? '')) column = row.indexOf(value, column + 1);
    from = column + 1;
  }
  if (column < 0) throw new Error(`no "${value}" on line ${line} of ${path}`);
  return {
    path,
    line,
    column,
    value,
    kind: 'cargo-package',
    key: 'package.version',
    requirement: /^[~^=<>]/.test(value),
    ...extra,
  };
}

const bump = (loc: VersionLocation, next = '0.16.0'): VersionEdit => ({ location: loc, to: bumpValue(loc, next) });

const WORKSPACE = [
  '[workspace]',
  'members = ["transit", "tracing"]  # "0.15.0" in a comment stays',
  '',
  '[workspace.package]',
  'version = "0.15.0" # keep in sync with pyproject',
  'edition = "2024"',
  '',
  '[workspace.dependencies]',
  'micromegas-transit = { path = "transit", version = "0.15.0" }',
  'micromegas-tracing = { version = \'0.15.0\', path = "tracing" }',
  'serde = { version = "0.15.0" } # an external crate that happens to share the number',
  '',
].join('\n');

describe('editText + verifyEdit', () => {
  it('bumps workspace version and inline-table internal deps, leaving comments and externals alone', () => {
    const p = 'rust/Cargo.toml';
    const edits = [
      bump(locAt(p, WORKSPACE, 5, '0.15.0', { kind: 'cargo-workspace-package', key: 'workspace.package.version' })),
      bump(locAt(p, WORKSPACE, 9, '0.15.0', { kind: 'cargo-workspace-dep', crate: 'micromegas-transit' })),
      bump(locAt(p, WORKSPACE, 10, '0.15.0', { kind: 'cargo-workspace-dep', crate: 'micromegas-tracing' })),
    ];
    const [change] = prepareEdits(new Map([[p, WORKSPACE]]), edits);
    expect(change?.after).toBe(
      WORKSPACE.replace('version = "0.15.0" #', 'version = "0.16.0" #')
        .replace('version = "0.15.0" }', 'version = "0.16.0" }')
        .replace("version = '0.15.0'", "version = '0.16.0'"),
    );
    expect(change?.after).toContain('# "0.15.0" in a comment stays');
    expect(change?.after).toContain('serde = { version = "0.15.0" }');
  });

  it('keeps CRLF line endings byte for byte', () => {
    const p = 'python/micromegas/pyproject.toml';
    const text =
      '[tool.poetry]\r\nname = "micromegas"\r\nversion = "0.15.0"\r\n\r\n[tool.black]\r\nline-length = 88\r\n';
    const [change] = prepareEdits(new Map([[p, text]]), [bump(locAt(p, text, 3, '0.15.0', { kind: 'pyproject' }))]);
    expect(change?.after).toBe(text.replace('0.15.0', '0.16.0'));
    expect(change?.after.split('\r\n')).toHaveLength(text.split('\r\n').length);
  });

  it('handles dotted keys, target tables and bare requirement strings', () => {
    const p = 'rust/tracing/Cargo.toml';
    const text = [
      'package.name = "micromegas-tracing"',
      'package.version = "0.15.0"',
      '',
      "[target.'cfg(unix)'.dependencies]",
      'micromegas-transit = "^0.15"',
      'micromegas-tracing-proc-macros.version = "~0.15"',
      'micromegas-tracing-proc-macros.path = "../proc-macros"',
      '',
    ].join('\n');
    const edits = [
      bump(locAt(p, text, 2, '0.15.0')),
      bump(locAt(p, text, 5, '^0.15', { kind: 'cargo-dep-req', crate: 'micromegas-transit' })),
      bump(locAt(p, text, 6, '~0.15', { kind: 'cargo-dep-req', crate: 'micromegas-tracing-proc-macros' })),
    ];
    const [change] = prepareEdits(new Map([[p, text]]), edits);
    expect(change?.after).toBe(
      text.replace('"0.15.0"', '"0.16.0"').replace('"^0.15"', '"^0.16"').replace('"~0.15"', '"~0.16"'),
    );
  });

  it('edits two values on one line', () => {
    const p = 'Cargo.toml';
    const text =
      '[dependencies]\na = { version = "=0.15.0" }\nb = { version = "^0.15" }\n[x]\ny = [{ version = "0.15" }, { version = "0.15" }]\n';
    const edits = [
      bump(locAt(p, text, 5, '0.15', { kind: 'toml' })),
      bump(locAt(p, text, 5, '0.15', { kind: 'toml' }, 1)),
    ];
    const [change] = prepareEdits(new Map([[p, text]]), edits);
    expect(change?.after).toBe(
      text.replace(
        'y = [{ version = "0.15" }, { version = "0.15" }]',
        'y = [{ version = "0.16" }, { version = "0.16" }]',
      ),
    );
  });

  it('edits package.json as text', () => {
    const p = 'grafana/package.json';
    const text =
      '{\n  "name": "micromegas-datasource",\n  "version": "0.15.0",\n  "devDependencies": { "x": "0.15.0" }\n}\n';
    const [change] = prepareEdits(new Map([[p, text]]), [
      bump(locAt(p, text, 3, '0.15.0', { kind: 'package-json', key: 'version' })),
    ]);
    expect(change?.after).toBe(text.replace('"version": "0.15.0"', '"version": "0.16.0"'));
  });

  it('skips placeholders and no-op edits, returning no change', () => {
    const p = 'a.toml';
    const text = 'version = "%VERSION%"\n[package]\nversion = "0.16.0"\n';
    const edits = [bump(locAt(p, text, 1, '%VERSION%', { placeholder: true })), bump(locAt(p, text, 3, '0.16.0'))];
    expect(prepareEdits(new Map([[p, text]]), edits)).toEqual([]);
  });

  it('accepts the same location listed twice with the same target', () => {
    const p = 'a.toml';
    const text = '[package]\nversion = "0.15.0"\n';
    const l = locAt(p, text, 2, '0.15.0');
    expect(prepareEdits(new Map([[p, text]]), [bump(l), bump({ ...l })])[0]?.after).toBe(
      '[package]\nversion = "0.16.0"\n',
    );
    expect(() => prepareEdits(new Map([[p, text]]), [bump(l), { location: l, to: '0.17.0' }])).toThrow(
      /both "0\.16\.0" and "0\.17\.0"/,
    );
  });
});

describe('refusals', () => {
  const p = 'rust/Cargo.toml';

  it('refuses a location whose value is no longer there', () => {
    const loc = locAt(p, WORKSPACE, 5, '0.15.0');
    const changed = WORKSPACE.replace('version = "0.15.0" #', 'version = "0.15.1" #');
    expect(() => prepareEdits(new Map([[p, changed]]), [bump(loc)])).toThrow(
      /rust\/Cargo\.toml:5 no longer holds "0\.15\.0"/,
    );
  });

  it('refuses an edit that lands in a comment', () => {
    const loc = locAt(p, WORKSPACE, 2, '0.15.0');
    expect(() => prepareEdits(new Map([[p, WORKSPACE]]), [bump(loc)])).toThrow(/did not change a parsed value/);
  });

  it('refuses a location that points at another key holding the same text', () => {
    const text = '[package]\nversion = "0.15.0"\ndescription = "0.15.0"\n';
    const loc = locAt(p, text, 3, '0.15.0');
    expect(() => prepareEdits(new Map([[p, text]]), [bump(loc)])).toThrow(/would change `package\.description`/);
  });

  it('refuses a value that would break the file or that is not a plain version', () => {
    const loc = locAt(p, WORKSPACE, 5, '0.15.0');
    expect(() => editText(p, WORKSPACE, [{ location: loc, to: '0.16.0"\nx = "' }])).toThrow(/refusing to write/);
  });

  it('refuses unparseable input and missing files, naming the file', () => {
    const text = '[package]\nversion = "0.15.0"\nbroken = \n';
    expect(() => prepareEdits(new Map([[p, text]]), [bump(locAt(p, text, 2, '0.15.0'))])).toThrow(
      /rust\/Cargo\.toml as read cannot be parsed as TOML/,
    );
    expect(() => prepareEdits(new Map(), [bump(locAt(p, WORKSPACE, 5, '0.15.0'))])).toThrow(
      /rust\/Cargo\.toml cannot be read/,
    );
  });

  it('verifyEdit catches any extra change', () => {
    const before = '[package]\nversion = "0.15.0"\nedition = "2021"\n';
    const after = '[package]\nversion = "0.16.0"\nedition = "2024"\n';
    const edit = bump(locAt(p, before, 2, '0.15.0'));
    expect(() => verifyEdit(p, before, after, [edit])).toThrow(/`package\.edition` from "2021" to "2024"/);
    expect(() => verifyEdit(p, before, after.replace('edition = "2024"\n', ''), [edit])).toThrow(/`package\.edition`/);
  });

  it('one bad file refuses the whole set', () => {
    const good = '[package]\nversion = "0.15.0"\n';
    const files = new Map([
      ['a/Cargo.toml', good],
      ['b/Cargo.toml', good.replace('0.15.0', '0.14.0')],
    ]);
    expect(() =>
      prepareEdits(files, [
        bump(locAt('a/Cargo.toml', good, 2, '0.15.0')),
        bump(locAt('b/Cargo.toml', good, 2, '0.15.0')),
      ]),
    ).toThrow(/b\/Cargo\.toml:2 no longer holds/);
  });
});
