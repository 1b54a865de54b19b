import { describe, expect, it } from 'vitest';
import { memoryView } from '../../src/core/file-view.js';
import { loadWorkspace } from '../../src/core/cargo-workspace.js';
import {
  collectVersionLocations,
  fileVersionLocations,
  isPlaceholder,
  jsonVersionLocations,
} from '../../src/core/version-locations.js';
import type { VersionLocation } from '../../src/core/plan-types.js';
import { UserError } from '../../src/core/user-error.js';

const FILES: Record<string, string> = {
  'rust/Cargo.toml': [
    '[workspace]',
    'members = ["core", "macros", "bin"]',
    '',
    '[workspace.package]',
    'version = "0.15.0"',
    '',
    '[workspace.dependencies]',
    'core = { path = "core", version = "0.15.0" }',
    'serde = "1.0"',
    "macros = '0.15.0'",
    '',
  ].join('\n'),
  'rust/core/Cargo.toml':
    '[package]\nname = "core"\nversion.workspace = true\n\n[dependencies]\nmacros = { path = "../macros", version = "^0.15" }\nserde.workspace = true\n',
  'rust/macros/Cargo.toml':
    '[package]\nname = "macros"\nversion = "0.15.0"\n\n[target.\'cfg(unix)\'.dev-dependencies]\ncore = { version = "=0.15.0", path = "../core" }\n',
  // not published: its own unrelated version stays out, its pin on an internal crate does not
  'rust/bin/Cargo.toml':
    '[package]\nname = "bin"\nversion = "3.1.0"\n\n[dependencies]\ncore.version = "0.15"\ncore.path = "../core"\n',
  'ext/Cargo.toml':
    '[package]\nname = "ext"\nversion = "0.15.0"\n[dependencies]\nrenamed = { package = "core", version = "0.15.0" }\n[workspace]\n',
  'py/pyproject.toml': '[project]\nname = "x"\nversion = "0.15.0"\n',
  'poetry/pyproject.toml': '[tool.poetry]\nname = "x"\nversion = "0.15.0"\n',
  'web/package.json':
    '{\n  "name": "w",\n  "scripts": { "version": "echo nested is not top-level" },\n  "version": "0.15.0"\n}\n',
  'web/src/plugin.json': '{\n  "id": "p",\n  "info": {\n    "version": "%VERSION%"\n  }\n}\n',
  'misc/meta.toml': 'title = "x"\n\n[package]\nversion = "0.15.0"\n',
  'misc/top.toml': 'version = "0.15.0"\n',
  'misc/notes.txt': 'version 0.15.0',
  'misc/empty.json': '{ "name": "nothing" }',
};

function collect(versionFiles: string[], files = FILES) {
  const view = memoryView(files);
  const model = loadWorkspace(view, { workspace: 'rust', extraManifests: ['ext/Cargo.toml'] });
  return collectVersionLocations(view, model, { published: ['core', 'macros'], versionFiles });
}

/** The value must sit exactly at line/column in the file: bump-version edits those characters. */
function expectExact(files: Record<string, string>, l: VersionLocation) {
  const line = files[l.path]!.split('\n')[l.line - 1]!;
  expect(line.slice(l.column, l.column + l.value.length)).toBe(l.value);
}

describe('collectVersionLocations', () => {
  it('finds every version-carrying location of the workspace with exact positions', () => {
    const { locations, problems } = collect([]);
    expect(problems).toEqual([]);
    expect(locations.map((l) => [l.path, l.line, l.kind, l.key, l.value, l.crate])).toEqual([
      ['rust/Cargo.toml', 5, 'cargo-workspace-package', 'workspace.package.version', '0.15.0', undefined],
      ['rust/Cargo.toml', 8, 'cargo-workspace-dep', 'workspace.dependencies.core.version', '0.15.0', 'core'],
      ['rust/Cargo.toml', 10, 'cargo-workspace-dep', 'workspace.dependencies.macros', '0.15.0', 'macros'],
      ['rust/core/Cargo.toml', 6, 'cargo-dep-req', 'dependencies.macros.version', '^0.15', 'macros'],
      ['rust/macros/Cargo.toml', 3, 'cargo-package', 'package.version', '0.15.0', undefined],
      [
        'rust/macros/Cargo.toml',
        6,
        'cargo-dep-req',
        "target.'cfg(unix)'.dev-dependencies.core.version",
        '=0.15.0',
        'core',
      ],
      ['rust/bin/Cargo.toml', 6, 'cargo-dep-req', 'dependencies.core.version', '0.15', 'core'],
      ['ext/Cargo.toml', 3, 'cargo-package', 'package.version', '0.15.0', undefined],
      ['ext/Cargo.toml', 5, 'cargo-dep-req', 'dependencies.renamed.version', '0.15.0', 'core'],
    ]);
    for (const l of locations) expectExact(FILES, l);
    expect(locations.filter((l) => l.requirement).map((l) => l.kind)).toEqual(
      Array(6).fill('cargo-workspace-dep').fill('cargo-dep-req', 2),
    );
  });

  it('reads every kind of version file and marks placeholders', () => {
    const files = [
      'py/pyproject.toml',
      'poetry/pyproject.toml',
      'web/package.json',
      'web/src/plugin.json',
      'misc/meta.toml',
      'misc/top.toml',
    ];
    const { locations, problems } = collect(['rust/Cargo.toml', ...files]);
    expect(problems).toEqual([]);
    const extra = locations.filter((l) => files.includes(l.path));
    expect(extra.map((l) => [l.path, l.line, l.kind, l.key, l.value, l.placeholder ?? false])).toEqual([
      ['py/pyproject.toml', 3, 'pyproject', 'project.version', '0.15.0', false],
      ['poetry/pyproject.toml', 3, 'pyproject', 'tool.poetry.version', '0.15.0', false],
      ['web/package.json', 4, 'package-json', 'version', '0.15.0', false],
      ['web/src/plugin.json', 4, 'json', 'info.version', '%VERSION%', true],
      ['misc/meta.toml', 4, 'toml', 'package.version', '0.15.0', false],
      ['misc/top.toml', 1, 'toml', 'version', '0.15.0', false],
    ]);
    for (const l of extra) expectExact(FILES, l);
  });

  it('includes the own version of an unpublished member only when its manifest is a version file', () => {
    const { locations } = collect(['rust/bin/Cargo.toml']);
    expect(locations.some((l) => l.path === 'rust/bin/Cargo.toml' && l.kind === 'cargo-package')).toBe(true);
  });

  it('reports a missing version file, one without a version, and an unsupported one', () => {
    const { problems } = collect(['nope/package.json', 'misc/empty.json', 'misc/notes.txt', 'rust/Cargo.toml']);
    expect(problems.map((p) => [p.code, p.file])).toEqual([
      ['missing-version-file', 'nope/package.json'],
      ['unsupported-version-file', 'misc/notes.txt'],
      ['no-version-in-file', 'misc/empty.json'],
      ['no-version-in-file', 'misc/notes.txt'],
    ]);
    expect(problems[0]!.message).toBe(
      'versionFiles lists `nope/package.json`, which does not exist; fix the path or remove it.',
    );
  });

  it('warns about a version it cannot edit in place rather than skipping it silently', () => {
    const { locations, problems } = collect([], {
      ...FILES,
      'rust/macros/Cargo.toml': '[package]\nname = "macros"\nversion = """0.15.0"""\n',
    });
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'unlocated-version',
        file: 'rust/macros/Cargo.toml',
        line: 3,
      }),
    ]);
    expect(locations.some((l) => l.path === 'rust/macros/Cargo.toml')).toBe(false);
  });

  it('handles CRLF files', () => {
    const text = '{\r\n  "name": "w",\r\n  "version": "0.15.0"\r\n}\r\n';
    const [l] = jsonVersionLocations('a/package.json', text, 'package-json');
    expect(l).toMatchObject({ line: 3, column: 14, value: '0.15.0' });
    const toml = '[tool.poetry]\r\nname = "x"\r\nversion = "0.15.0"\r\n';
    expect(fileVersionLocations('pyproject.toml', toml, new Set())[0]).toMatchObject({ line: 3, column: 11 });
  });

  it('turns malformed JSON into a UserError with file:line:column', () => {
    try {
      jsonVersionLocations('web/package.json', '{\n  "version": "1.0.0",\n}\n', 'package-json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).format()).toBe(
        'web/package.json:2:21: invalid JSON: a trailing comma. JSON allows no trailing comma: remove it.',
      );
    }
  });
});

describe('isPlaceholder', () => {
  it('recognises common build-time placeholders', () => {
    for (const p of ['%VERSION%', '${version}', '{{version}}', '@VERSION@']) expect(isPlaceholder(p)).toBe(true);
    for (const v of ['0.15.0', '^0.15', '=0.15.0']) expect(isPlaceholder(v)).toBe(false);
  });
});
