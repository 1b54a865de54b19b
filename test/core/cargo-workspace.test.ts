// loadWorkspace: how a workspace's manifests are read (members and their order, [workspace.package]
// inheritance, per-crate fields) and the errors that stop it. Dependencies: cargo-workspace-deps.test.ts;
// the membership rules: cargo-workspace-members.test.ts.
import { describe, expect, it } from 'vitest';
import { memoryView } from '../../src/core/file-view.js';
import { loadWorkspace } from '../../src/core/cargo-workspace.js';
import { UserError } from '../../src/core/user-error.js';
import { tree } from '../helpers/cargo-workspace-tree.js';

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

  it('reports an extra manifest that does not exist and does not duplicate one that is a member', () => {
    const m = loadWorkspace(tree(), { workspace: 'rust', extraManifests: ['nope/Cargo.toml', 'rust/core/Cargo.toml'] });
    expect(m.problems.map((p) => p.code)).toEqual(['missing-manifest']);
    expect(m.crates.filter((c) => c.name === 'ws-core')).toHaveLength(1);
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
