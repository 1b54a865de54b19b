import { describe, expect, it } from 'vitest';
import { memoryView } from '../../src/core/file-view.js';
import { loadWorkspace } from '../../src/core/cargo-workspace.js';
import { expandGlob } from '../../src/core/cargo-glob.js';
import { UserError } from '../../src/core/user-error.js';

const ROOT = `[workspace]
members = ["core", "crates/*", "macros"]
exclude = ["crates/skipped"]

[workspace.package]
version = "0.15.0"
license = "Apache-2.0"
description = "shared description"
readme = "README.md"

[workspace.dependencies]
ws-core = { path = "core", version = "0.15.0" }
ws-macros = { path = "macros", version = "0.15.0", features = ["a"] }
renamed-core = { package = "ws-core", path = "core", version = "0.15.0" }
serde = "1.0"
`;

function tree(extra: Record<string, string> = {}) {
  return memoryView({
    'rust/Cargo.toml': ROOT,
    'rust/README.md': '# shared\n',
    'rust/core/Cargo.toml': `[package]
name = "ws-core"
version.workspace = true
license.workspace = true
description.workspace = true
readme.workspace = true

[dependencies]
serde = { workspace = true }
`,
    'rust/macros/Cargo.toml':
      '[package]\nname = "ws-macros"\nversion = "0.15.0"\ndescription = "macros"\nlicense = "MIT"\nreadme = false\n\n[lib]\nproc-macro = true\n',
    'rust/crates/alpha/Cargo.toml': `[package]
name = "ws-alpha"
version.workspace = true
description = "alpha"
license-file = "LICENSE"
publish = false

[dependencies]
renamed-core.workspace = true
ws-macros = { workspace = true, optional = true }
helper = { package = "ws-helper", path = "../../helper" }

[target.'cfg(unix)'.dependencies]
ws-macros = { workspace = true }

[target.'cfg(windows)'.build-dependencies]
ws-core = { path = "../../core", version = "^0.15" }

[dev-dependencies]
ws-core = { path = "../../core" }
`,
    'rust/crates/alpha/README.md': '# alpha\n',
    'rust/crates/skipped/Cargo.toml': '[package]\nname = "skipped"\nversion = "1.0.0"\n',
    'rust/helper/Cargo.toml': '[package]\nname = "ws-helper"\nversion = "0.1.0"\n',
    'wasm/Cargo.toml':
      '[package]\nname = "ws-wasm"\nversion = "0.15.0"\n\n[dependencies]\nws-core = { path = "../rust/core", version = "0.15" }\n\n[workspace]\n',
    ...extra,
  });
}

describe('loadWorkspace', () => {
  it('reads members (globs, exclude), path-dep members and extra manifests in a stable order', () => {
    const m = loadWorkspace(tree(), { workspace: 'rust', extraManifests: ['wasm/Cargo.toml'] });
    expect(m.problems).toEqual([]);
    expect(m.rootManifest).toBe('rust/Cargo.toml');
    expect(m.crates.map((c) => [c.name, c.manifest, c.inWorkspace])).toEqual([
      ['ws-core', 'rust/core/Cargo.toml', true],
      ['ws-alpha', 'rust/crates/alpha/Cargo.toml', true],
      ['ws-macros', 'rust/macros/Cargo.toml', true],
      // a path dependency inside the workspace directory is a member too (cargo's rule)
      ['ws-helper', 'rust/helper/Cargo.toml', true],
      ['ws-wasm', 'wasm/Cargo.toml', false],
    ]);
    expect([...m.manifests.keys()][0]).toBe('rust/Cargo.toml');
  });

  it('applies [workspace.package] inheritance with paths relative to the root', () => {
    const core = loadWorkspace(tree(), { workspace: 'rust' }).crates[0]!;
    expect(core).toMatchObject({
      version: '0.15.0',
      versionInherited: true,
      versionLine: 6,
      license: 'Apache-2.0',
      description: 'shared description',
      readme: 'rust/README.md',
      publish: true,
      procMacro: false,
    });
  });

  it('reads publish, readme (explicit, false, default), license-file and proc-macro', () => {
    const [, alpha, macros, helper] = loadWorkspace(tree(), { workspace: 'rust' }).crates;
    expect(alpha).toMatchObject({
      publish: false,
      readme: 'rust/crates/alpha/README.md',
      licenseFile: 'rust/crates/alpha/LICENSE',
      versionInherited: true,
    });
    expect(macros).toMatchObject({ readme: false, procMacro: true, versionInherited: false, versionLine: 3 });
    expect(helper!.readme).toBeUndefined();
  });

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

  it('says clearly when the workspace Cargo.toml or its directory is missing', () => {
    expect(() => loadWorkspace(memoryView({ 'rust/x.txt': '' }), { workspace: 'rust' })).toThrow(
      'crates.workspace points to `rust` but there is no Cargo.toml in `rust`.',
    );
    expect(() => loadWorkspace(memoryView({}), { workspace: 'crates' })).toThrow(
      '`crates` is not a directory of the repository',
    );
  });

  it('turns malformed TOML into a UserError with file, line and column', () => {
    const view = tree({ 'rust/macros/Cargo.toml': '[package]\nname = "ws-macros"\nversion = 0.15.0"\n' });
    let err: unknown;
    try {
      loadWorkspace(view, { workspace: 'rust' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const ue = err as UserError;
    expect(ue.details).toMatchObject({ file: 'rust/macros/Cargo.toml', line: 3 });
    expect(ue.details.column).toBeGreaterThan(0);
    expect(ue.format()).toMatch(/^rust\/macros\/Cargo\.toml:3:\d+: invalid TOML: /);
    expect(ue.format()).not.toContain('\n');
  });

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

  it('reports an extra manifest that does not exist and does not duplicate one that is a member', () => {
    const m = loadWorkspace(tree(), { workspace: 'rust', extraManifests: ['nope/Cargo.toml', 'rust/core/Cargo.toml'] });
    expect(m.problems.map((p) => p.code)).toEqual(['missing-manifest']);
    expect(m.crates.filter((c) => c.name === 'ws-core')).toHaveLength(1);
  });
});

describe('expandGlob', () => {
  const view = memoryView({
    'rust/crates/a/Cargo.toml': '',
    'rust/crates/b1/Cargo.toml': '',
    'rust/crates/.hidden/Cargo.toml': '',
    'rust/crates/file.txt': '',
    'rust/deep/x/y/Cargo.toml': '',
  });
  it('matches *, ?, [..] per segment, directories only, hidden ones too (cargo uses the glob crate defaults)', () => {
    expect(expandGlob(view, 'rust', 'crates/*')).toEqual(['rust/crates/.hidden', 'rust/crates/a', 'rust/crates/b1']);
    expect(expandGlob(view, 'rust', 'crates/b?')).toEqual(['rust/crates/b1']);
    expect(expandGlob(view, 'rust', 'crates/[ab]')).toEqual(['rust/crates/a']);
    expect(expandGlob(view, 'rust', 'crates/[!a]*')).toEqual(['rust/crates/.hidden', 'rust/crates/b1']);
    expect(expandGlob(view, 'rust', '*')).toEqual(['rust/crates', 'rust/deep']);
    expect(expandGlob(view, 'rust', 'deep/**')).toEqual(['rust/deep', 'rust/deep/x', 'rust/deep/x/y']);
    expect(expandGlob(view, 'rust', 'nothing/*')).toEqual([]);
  });
});

describe('loadWorkspace: inheritance problems', () => {
  it('reports a `field.workspace = true` the workspace does not define, and a workspace without crates', () => {
    const view = memoryView({
      'Cargo.toml': '[workspace]\nmembers = ["a"]\n\n[workspace.package]\nversion = "1.0.0"\n',
      'a/Cargo.toml': '[package]\nname = "a"\nversion.workspace = true\ndescription.workspace = true\n',
      'empty/Cargo.toml': '[workspace]\nmembers = []\n',
    });
    const m = loadWorkspace(view, { workspace: '' });
    expect(m.problems).toEqual([
      {
        severity: 'error',
        code: 'missing-workspace-field',
        message: '`description.workspace = true` but [workspace.package] of Cargo.toml defines no `description`.',
        file: 'a/Cargo.toml',
        line: 4,
      },
    ]);
    expect(m.crates[0]!.description).toBeUndefined();
    expect(loadWorkspace(view, { workspace: 'empty' }).problems.map((p) => p.code)).toEqual(['empty-workspace']);
  });
});
