import { describe, expect, it } from 'vitest';
import { memoryView } from '../../src/core/file-view.js';
import { loadWorkspace } from '../../src/core/cargo-workspace.js';
import { bumpValue, formatBumpLines, lockFilesFor, prepareBump } from '../../src/core/version-bump.js';
import { collectVersionLocations } from '../../src/core/version-locations.js';
import { isPlaceholder } from '../../src/core/version-locations.js';
import { isUserError } from '../../src/core/user-error.js';

const at = (value: string, placeholder?: boolean) => ({ value, placeholder, path: 'rust/Cargo.toml', line: 3 });

describe('bumpValue', () => {
  it.each([
    ['^0.15', '0.16.0', '^0.16'],
    ['0.15.0', '0.16.0', '0.16.0'],
    ['=0.15.0', '0.16.0', '=0.16.0'],
    ['~0.15', '0.16.0', '~0.16'],
    ['0.15', '0.16.0', '0.16'],
    ['^0.15.0', '0.16.0', '^0.16.0'],
    ['~0.15.0', '0.15.1', '~0.15.1'],
    ['>=0.15', '0.16.0', '>=0.16'],
    ['>= 0.15.0', '0.16.0', '>= 0.16.0'],
    ['<0.15', '1.0.0', '<1.0'],
    ['^0', '1.0.0', '^1'],
    ['1', '2.3.4', '2'],
    ['0.15.*', '0.16.0', '0.16.*'],
    ['0.*', '1.0.0', '1.*'],
    ['0.15.0', '0.16.0-dev.1', '0.16.0-dev.1'],
    ['0.16.0-dev.1', '0.16.0', '0.16.0'],
    ['=0.15.0-rc.1', '0.15.0', '=0.15.0'],
    ['0.15.0+build.7', '0.16.0', '0.16.0'],
    ['^0.16', '0.15.0', '^0.15'],
    ['0.16.0', '0.16.0', '0.16.0'],
  ])('%s to %s gives %s', (value, next, expected) => {
    expect(bumpValue(at(value), next)).toBe(expected);
  });

  it('leaves placeholders alone, flagged or recognised', () => {
    expect(bumpValue(at('0.0.0', true), '0.16.0')).toBe('0.0.0');
    for (const p of ['%VERSION%', '${version}', '{{version}}', '@VERSION@']) {
      expect(isPlaceholder(p)).toBe(true);
      expect(bumpValue(at(p), '0.16.0')).toBe(p);
    }
    expect(isPlaceholder('0.15.0')).toBe(false);
  });

  it('refuses compound requirements with the location', () => {
    try {
      bumpValue(at('>=0.15, <0.17'), '0.16.0');
      expect.unreachable();
    } catch (e) {
      expect(isUserError(e)).toBe(true);
      expect((e as Error).message).toContain('>=0.15, <0.17');
      expect(isUserError(e) && e.format()).toMatch(/^rust\/Cargo\.toml:3: /);
    }
  });

  it('refuses a pre-release target on a partial version only when the value carries one', () => {
    expect(bumpValue(at('^0.15'), '0.16.0-dev')).toBe('^0.16');
    expect(() => bumpValue(at('0.15-rc'), '0.16.0')).toThrow(/partial version/);
  });

  it('refuses a target that is not semver', () => {
    expect(() => bumpValue(at('0.15.0'), '0.16')).toThrow(/not a semantic version/);
  });
});

describe('prepareBump', () => {
  const files: Record<string, string> = {
    'rust/Cargo.toml': [
      '[workspace]',
      'members = ["transit", "tracing"]',
      'resolver = "2"',
      '',
      '[workspace.package]',
      'version = "0.15.0"',
      'edition = "2024"',
      '',
      '[workspace.dependencies]',
      'micromegas-transit = { path = "transit", version = "0.15.0" }',
      'micromegas-tracing = { path = "tracing", version = "0.15.0" }',
      'serde = "1.0"',
      '',
    ].join('\n'),
    'rust/transit/Cargo.toml': '[package]\nname = "micromegas-transit"\nversion.workspace = true\n',
    'rust/tracing/Cargo.toml':
      '[package]\nname = "micromegas-tracing"\nversion.workspace = true\n\n[dependencies]\nmicromegas-transit = { path = "../transit", version = "^0.15" }\n',
    'rust/Cargo.lock':
      'version = 4\n\n[[package]]\nname = "micromegas-tracing"\nversion = "0.15.0"\ndependencies = [\n "micromegas-transit",\n]\n\n[[package]]\nname = "micromegas-transit"\nversion = "0.15.0"\n\n[[package]]\nname = "serde"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n',
    'python/pyproject.toml': '[tool.poetry]\nname = "micromegas"\nversion = "0.15.0"\n',
    'grafana/package.json': '{\n  "name": "micromegas-datasource",\n  "version": "0.15.0"\n}\n',
    'grafana/src/plugin.json': '{\n  "info": { "version": "%VERSION%" }\n}\n',
  };
  const versionFiles = ['rust/Cargo.toml', 'python/pyproject.toml', 'grafana/package.json', 'grafana/src/plugin.json'];

  function prepared(view = memoryView(files), vf = versionFiles, next = '0.16.0') {
    const model = loadWorkspace(view, { workspace: 'rust' });
    const { locations } = collectVersionLocations(view, model, {
      published: model.crates.map((c) => c.name),
      versionFiles: vf,
    });
    return prepareBump({
      files: view,
      locations,
      crates: model.crates,
      versionFiles: vf,
      lockFiles: lockFilesFor('rust', []),
      next,
    });
  }

  it('moves every manifest, the lock entries of local crates, and lists each change', () => {
    const bump = prepared();
    expect(formatBumpLines(bump.lines)).toEqual([
      'grafana/package.json:3  0.15.0 -> 0.16.0',
      'python/pyproject.toml:3  0.15.0 -> 0.16.0',
      'rust/Cargo.lock:5  0.15.0 -> 0.16.0',
      'rust/Cargo.lock:12  0.15.0 -> 0.16.0',
      'rust/Cargo.toml:6  0.15.0 -> 0.16.0',
      'rust/Cargo.toml:10  0.15.0 -> 0.16.0',
      'rust/Cargo.toml:11  0.15.0 -> 0.16.0',
      'rust/tracing/Cargo.toml:6  ^0.15 -> ^0.16',
    ]);
    expect(bump.placeholders.map((p) => p.path)).toEqual(['grafana/src/plugin.json']);
    const after = Object.fromEntries(bump.changes.map((c) => [c.path, c.after]));
    expect(after['rust/Cargo.lock']).toContain('name = "serde"\nversion = "1.0.0"');
    expect(after['rust/tracing/Cargo.toml']).toBe(files['rust/tracing/Cargo.toml']!.replace('^0.15', '^0.16'));
  });

  it('refuses a versionFiles entry that is missing or carries no version, in one sentence', () => {
    expect(() => prepared(memoryView(files), [...versionFiles, 'nope/package.json'])).toThrow(
      /^the version file nope\/package\.json listed in versionFiles does not exist; nothing was written\.$/,
    );
    const view = memoryView({ ...files, 'docs/empty.json': '{ "name": "x" }\n' });
    expect(() => prepared(view, [...versionFiles, 'docs/empty.json'])).toThrow(
      /docs\/empty\.json listed in versionFiles carries no version/,
    );
  });

  it('computes lock paths next to the workspace and each extra manifest', () => {
    expect(lockFilesFor('rust', ['rust/datafusion-wasm/Cargo.toml', 'rust/Cargo.toml'])).toEqual([
      'rust/Cargo.lock',
      'rust/datafusion-wasm/Cargo.lock',
    ]);
    expect(lockFilesFor(undefined, [])).toEqual([]);
  });
});
