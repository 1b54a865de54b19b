import { describe, expect, it } from 'vitest';
import { memoryView } from '../../src/core/file-view.js';
import { loadWorkspace } from '../../src/core/cargo-workspace.js';
import { checkCrateMetadata, checkPublishList } from '../../src/core/crate-checks.js';

const files = {
  'rust/Cargo.toml':
    '[workspace]\nmembers = ["*"]\n\n[workspace.package]\nversion = "1.0.0"\nlicense = "MIT"\nreadme = "DOCS.md"\n',
  'rust/good/Cargo.toml':
    '[package]\nname = "good"\nversion.workspace = true\ndescription = "fine"\nlicense.workspace = true\n',
  'rust/private/Cargo.toml':
    '[package]\nname = "private"\nversion = "1.0.0"\ndescription = "p"\nlicense = "MIT"\npublish = false\n',
  'rust/internal/Cargo.toml':
    '[package]\nname = "internal"\nversion = "1.0.0"\ndescription = "p"\nlicense = "MIT"\npublish = ["my-registry"]\n',
  'rust/files/Cargo.toml': [
    '[package]',
    'name = "files"',
    'version = "1.0.0"',
    'description = "   "',
    'license-file = "LICENSE.txt"',
    'readme.workspace = true',
    '',
    '[dependencies]',
    'good = { path = "../good" }',
    '',
    '[dev-dependencies]',
    'private = { path = "../private" }',
  ].join('\n'),
};

describe('checkPublishList', () => {
  const view = memoryView(files);
  const model = loadWorkspace(view, { workspace: 'rust' });
  const config =
    '{\n  "crates": {\n    "publish": [\n      "good",\n      "goood",\n      "private",\n      "internal",\n      "good",\n      "zzz"\n    ]\n  }\n}\n';
  const problems = checkPublishList(JSON.parse(config).crates.publish, {
    crates: model.crates,
    rootManifest: model.rootManifest,
    registryName: 'crates-io',
    configFile: '.releaserc.json',
    configText: config,
  });

  it('reports unknown names (with did-you-mean), unpublishable crates and duplicates at their config line', () => {
    expect(problems.map((p) => [p.code, p.severity, p.line])).toEqual([
      ['unknown-crate', 'error', 5],
      ['crate-not-publishable', 'error', 6],
      ['crate-not-publishable', 'error', 7],
      ['duplicate-in-publish-list', 'warning', 8],
      ['unknown-crate', 'error', 9],
    ]);
    expect(problems[0]!.message).toBe(
      'crates.publish[1]: `goood` is not a crate of the workspace rust/Cargo.toml; did you mean `good`?',
    );
    expect(problems[1]!.message).toContain('`private` has `publish = false` in rust/private/Cargo.toml');
    expect(problems[2]!.message).toContain('`publish = ["my-registry"]` (not `crates-io`)');
    expect(problems[4]!.message).toBe(
      'crates.publish[5]: `zzz` is not a crate of the workspace rust/Cargo.toml; fix the name or remove it.',
    );
  });
});

describe('checkCrateMetadata', () => {
  it('accepts a complete crate', () => {
    const view = memoryView({ ...files, 'rust/DOCS.md': '' });
    const model = loadWorkspace(view, { workspace: 'rust' });
    const good = model.crates.find((c) => c.name === 'good')!;
    expect(
      checkCrateMetadata(good, model.manifests.get(good.manifest), view, model.manifests.get('rust/Cargo.toml')),
    ).toEqual([]);
  });

  it('reports blank description, absent license-file, absent inherited README, path deps without version', () => {
    const view = memoryView(files);
    const model = loadWorkspace(view, { workspace: 'rust' });
    const crate = model.crates.find((c) => c.name === 'files')!;
    const problems = checkCrateMetadata(
      crate,
      model.manifests.get(crate.manifest),
      view,
      model.manifests.get('rust/Cargo.toml'),
    );
    expect(problems.map((p) => [p.code, p.file, p.line])).toEqual([
      ['missing-description', 'rust/files/Cargo.toml', 1],
      ['missing-license-file', 'rust/files/Cargo.toml', 5],
      // inherited: the path is written in the workspace root
      ['missing-readme', 'rust/Cargo.toml', 7],
      // the dev-dependency without version is fine: cargo strips it
      ['dependency-without-version', 'rust/files/Cargo.toml', 9],
    ]);
    expect(problems[2]!.message).toContain('readme `rust/DOCS.md` does not exist');
  });
});
