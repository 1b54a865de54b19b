// loadWorkspace: which directories are members, as cargo decides (globs, exclude, nested
// workspaces, a root that is also a package), and the problems it reports about them.
import { describe, expect, it } from 'vitest';
import { memoryView } from '../../src/core/file-view.js';
import { loadWorkspace } from '../../src/core/cargo-workspace.js';

describe('loadWorkspace: members', () => {
  it('reports a member glob that matches nothing, an explicit member without manifest, duplicate names', () => {
    const view = memoryView({
      'Cargo.toml': '[workspace]\nmembers = [\n  "a",\n  "plugins/*",\n  "gone",\n  "b",\n]\n',
      'a/Cargo.toml': '[package]\nname = "same"\nversion = "1.0.0"\n',
      'b/Cargo.toml': '[package]\nname = "same"\nversion = "1.0.0"\n',
      'plugins/readme.md': '',
    });
    const m = loadWorkspace(view, { workspace: '.' });
    expect(m.problems.map((p) => [p.code, p.line])).toEqual([
      ['member-glob-empty', 4],
      ['missing-member', 5],
      ['duplicate-crate', undefined],
    ]);
    expect(m.problems[0]!.message).toBe(
      'workspace member `plugins/*` matches no directory with a Cargo.toml; fix the pattern or remove it.',
    );
  });

  it('keeps an explicit member inside an excluded directory, drops globbed and path-dependency ones there', () => {
    const view = memoryView({
      'Cargo.toml': '[workspace]\nmembers = ["*", "examples/app"]\nexclude = ["examples", "vendored"]\n',
      'core/Cargo.toml':
        '[package]\nname = "core"\nversion = "1.0.0"\n\n[dependencies]\nother = { path = "../examples/other" }\nv = { path = "../vendored" }\nout = { path = "../../outside" }\n',
      'examples/app/Cargo.toml':
        '[package]\nname = "app"\nversion = "1.0.0"\n\n[dependencies]\nsub = { path = "sub" }\n',
      'examples/app/sub/Cargo.toml': '[package]\nname = "sub"\nversion = "1.0.0"\n',
      'examples/other/Cargo.toml': '[package]\nname = "other"\nversion = "1.0.0"\n',
      'vendored/Cargo.toml': '[package]\nname = "vendored"\nversion = "1.0.0"\n',
    });
    const m = loadWorkspace(view, { workspace: '' });
    expect(m.problems).toEqual([]);
    expect(m.crates.map((c) => c.name)).toEqual(['core', 'app', 'sub']);
  });

  it('reports what cargo refuses: a globbed directory without Cargo.toml, a nested workspace root as member', () => {
    const view = memoryView({
      'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n',
      'crates/a/Cargo.toml': '[package]\nname = "a"\nversion = "1.0.0"\n',
      'crates/notes/readme.txt': 'not a crate',
      'crates/wasm/Cargo.toml': '[package]\nname = "wasm"\nversion = "1.0.0"\n\n[workspace]\n',
    });
    const m = loadWorkspace(view, { workspace: '' });
    expect(m.problems.map((p) => [p.code, p.file, p.line])).toEqual([
      ['missing-member', 'Cargo.toml', 2],
      ['nested-workspace-member', 'Cargo.toml', 2],
    ]);
    expect(m.problems[0]!.message).toBe(
      'directory matched by workspace member `crates/*` `crates/notes` has no Cargo.toml (cargo refuses such a workspace); add one, or list the directory in `exclude`.',
    );
    expect(m.crates.map((c) => c.name)).toEqual(['a']);
  });

  it('treats a root that is also a package as the first member, and a lone package as its own workspace', () => {
    const view = memoryView({
      'Cargo.toml': '[package]\nname = "top"\nversion = "2.0.0"\n\n[workspace]\nmembers = ["sub"]\n',
      'sub/Cargo.toml': '[package]\nname = "sub"\nversion = "2.0.0"\n',
      'solo/Cargo.toml': '[package]\nname = "solo"\nversion = "1.0.0"\n',
    });
    expect(loadWorkspace(view, { workspace: '' }).crates.map((c) => c.name)).toEqual(['top', 'sub']);
    expect(loadWorkspace(view, { workspace: 'solo' }).crates.map((c) => c.name)).toEqual(['solo']);
  });
});
