// loadWorkspace: each crate's dependencies (`workspace = true` inheritance, renames, targets, kinds,
// paths) and the problems in them.
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src/core/cargo-workspace.js';
import { tree } from '../helpers/cargo-workspace-tree.js';

describe('loadWorkspace: dependencies', () => {
  it('resolves dependencies: workspace = true (merging optional), renames, targets, kinds, paths', () => {
    const alpha = loadWorkspace(tree(), { workspace: 'rust' }).crates[1]!;
    const deps = alpha.deps.map((d) => ({
      name: d.name,
      alias: d.alias,
      kind: d.kind,
      optional: d.optional,
      target: d.target,
      path: d.path,
      req: d.req,
      ws: d.fromWorkspace,
      file: d.file,
      line: d.line,
      declaredLine: d.declaredLine,
    }));
    expect(deps).toEqual([
      // renamed in [workspace.dependencies], inherited by its key
      {
        name: 'ws-core',
        alias: 'renamed-core',
        kind: 'normal',
        optional: false,
        target: undefined,
        path: 'rust/core',
        req: '0.15.0',
        ws: true,
        file: 'rust/Cargo.toml',
        line: 14,
        declaredLine: 9,
      },
      // `optional` comes from the member
      {
        name: 'ws-macros',
        alias: 'ws-macros',
        kind: 'normal',
        optional: true,
        target: undefined,
        path: 'rust/macros',
        req: '0.15.0',
        ws: true,
        file: 'rust/Cargo.toml',
        line: 13,
        declaredLine: 10,
      },
      {
        name: 'ws-helper',
        alias: 'helper',
        kind: 'normal',
        optional: false,
        target: undefined,
        path: 'rust/helper',
        req: undefined,
        ws: false,
        file: 'rust/crates/alpha/Cargo.toml',
        line: 11,
        declaredLine: 11,
      },
      {
        name: 'ws-core',
        alias: 'ws-core',
        kind: 'dev',
        optional: false,
        target: undefined,
        path: 'rust/core',
        req: undefined,
        ws: false,
        file: 'rust/crates/alpha/Cargo.toml',
        line: 20,
        declaredLine: 20,
      },
      {
        name: 'ws-macros',
        alias: 'ws-macros',
        kind: 'normal',
        optional: false,
        target: 'cfg(unix)',
        path: 'rust/macros',
        req: '0.15.0',
        ws: true,
        file: 'rust/Cargo.toml',
        line: 13,
        declaredLine: 14,
      },
      {
        name: 'ws-core',
        alias: 'ws-core',
        kind: 'build',
        optional: false,
        target: 'cfg(windows)',
        path: 'rust/core',
        req: '^0.15',
        ws: false,
        file: 'rust/crates/alpha/Cargo.toml',
        line: 17,
        declaredLine: 17,
      },
    ]);
  });

  it('reports a `workspace = true` dependency missing from [workspace.dependencies]', () => {
    const view = tree({
      'rust/core/Cargo.toml':
        '[package]\nname = "ws-core"\nversion = "0.15.0"\n\n[dependencies]\nnope.workspace = true\n',
    });
    const p = loadWorkspace(view, { workspace: 'rust' }).problems;
    expect(p).toEqual([
      expect.objectContaining({ code: 'missing-workspace-dependency', file: 'rust/core/Cargo.toml', line: 6 }),
    ]);
  });

  it('merges `optional` from the member into an inherited dependency', () => {
    const view = tree({
      'rust/core/Cargo.toml':
        '[package]\nname = "ws-core"\nversion = "0.15.0"\n\n[dependencies]\nws-macros = { workspace = true, optional = true, features = ["b"] }\n',
    });
    const dep = loadWorkspace(view, { workspace: 'rust' }).crates[0]!.deps[0]!;
    expect(dep).toMatchObject({
      name: 'ws-macros',
      optional: true,
      req: '0.15.0',
      path: 'rust/macros',
      fromWorkspace: true,
    });
  });
});
