// init's inspection over in-memory trees: a Python-only repo, an npm workspace, a crate outside the
// workspace, another registry, and bad input in the repository (a crate in two workspaces, a crate
// version that is not semver). Every proposed config validates and its plan runs.
import { describe, expect, it } from 'vitest';
import { proposeConfig } from '../../../src/core/init/propose-config.js';
import { scanRepo } from '../../../src/core/init/repo-scan.js';
import { formatConfigJson } from '../../../src/core/init/config-json.js';
import type { GitFacts } from '../../../src/core/init/types.js';
import { memoryView } from '../../../src/core/file-view.js';
import { parseConfigText } from '../../../src/config/load.js';
import { buildPlan } from '../../../src/core/plan.js';
import { planIsRunnable } from '../../../src/core/plan-json.js';

function propose(files: Record<string, string>, git: GitFacts = { tags: [] }) {
  const view = memoryView(files);
  const proposal = proposeConfig(view, scanRepo(view), git, 'demo');
  if (!proposal.config) return { proposal, text: '', notes: '' };
  const text = formatConfigJson(proposal.config);
  const config = parseConfigText(text, '.releaserc.json');
  const plan = buildPlan(config, '/repo/.releaserc.json', '/repo', memoryView({ ...files, '.releaserc.json': text }));
  const notes = proposal.notes.map((n) => `${n.topic}: ${n.text}`).join('\n');
  return { proposal, config, plan, text, notes };
}

const crate = (name: string, version: string, deps = '') =>
  `[package]\nname = "${name}"\nversion = "${version}"\nedition = "2021"\ndescription = "d"\nlicense = "MIT"\n\n[dependencies]\n${deps}`;

describe('init proposals', () => {
  it('a Python-only repository (PEP 621, no Poetry): the pyproject is the version file, no publish step', () => {
    const { config, plan, notes } = propose({
      'pyproject.toml': '[project]\nname = "tool"\nversion = "2.1.0"\n',
      'setup.cfg': '[metadata]\nversion = 2.1.0\n',
      'CHANGES.md': '# Changes\n\n## 2.0.0 (March 2025)\n\n- x\n',
    });
    expect(config).toMatchObject({ versionFiles: ['pyproject.toml'], tagFormat: 'v${version}' });
    expect(config!.crates.workspace).toBeUndefined();
    expect(config!.phases.map((p) => p.id)).toEqual(['versions', 'docs', 'git-prep', 'bump']);
    expect(plan!.version).toBe('2.1.0');
    expect(planIsRunnable(plan!)).toBe(true);
    expect(notes).toContain('version: 2.1.0, from pyproject.toml:3.');
    expect(notes).toContain('setup.cfg writes a version: versionFiles edits TOML and JSON only');
    expect(notes).toContain('CHANGES.md: headings like `## {version} ({date})`');
  });

  it('an npm workspace with package-lock.json: the root scripts through npm, member versions listed', () => {
    const { config, plan, notes } = propose({
      'package.json': JSON.stringify({
        name: 'mono',
        version: '3.0.0',
        workspaces: ['packages/*'],
        scripts: { test: 'x', build: 'y' },
      }),
      'package-lock.json': '{}',
      'packages/a/package.json': JSON.stringify({ name: 'a', version: '3.0.0', scripts: { test: 'z' } }),
      'packages/b/package.json': JSON.stringify({ name: 'b', version: '1.0.0' }),
    });
    expect(config!.versionFiles).toEqual(['package.json', 'packages/a/package.json']);
    expect(config!.phases[0]!.steps.map((s) => [s.id, s.kind === 'run' ? s.run.join(' ') : ''])).toEqual([
      ['install', 'npm ci'],
      ['test', 'npm run test'],
      ['build', 'npm run build'],
    ]);
    expect(config!.phases.at(-1)!.steps[0]).toMatchObject({
      after: [{ run: ['npm', 'install', '--package-lock-only'] }],
    });
    expect(notes).toContain('packages/b/package.json is at 1.0.0, not 3.0.0: left out');
    expect(planIsRunnable(plan!)).toBe(true);
  });

  it('a crate outside the workspace reached by a path dependency, another default registry, pnpm', () => {
    const { config, plan, notes } = propose({
      'rust/Cargo.toml': '[workspace]\nmembers = ["core"]\n',
      'rust/core/Cargo.toml': crate('w-core', '0.4.0', 'w-ext = { path = "../../ext", version = "0.4.0" }\n'),
      'rust/core/src/lib.rs': '',
      'ext/Cargo.toml': crate('w-ext', '0.4.0'),
      'ext/src/lib.rs': '',
      '.cargo/config.toml':
        '[registry]\ndefault = "corp"\n\n[registries.corp]\nindex = "sparse+https://crates.corp.example/index/"\n',
      'web/package.json': JSON.stringify({ version: '0.4.0', scripts: { lint: 'l' } }),
      'web/pnpm-lock.yaml': '',
    });
    expect(config!.crates).toMatchObject({
      workspace: 'rust',
      extraManifests: ['ext/Cargo.toml'],
      publish: ['w-ext', 'w-core'],
      registry: { name: 'corp', index: 'sparse+https://crates.corp.example/index/' },
    });
    expect(notes).toContain('ext/Cargo.toml: outside the workspace, path dependency of w-core.');
    expect(config!.phases[0]!.steps.map((s) => s.id)).toContain('web-lint');
    expect(plan!.crates.map((c) => c.name)).toEqual(['w-ext', 'w-core']);
    expect(planIsRunnable(plan!)).toBe(true);
  });

  it('bad input: a crate in two workspaces and a crate version that is not semver are named with file:line; the rest is proposed', () => {
    const { proposal, config } = propose({
      'Cargo.toml': '[workspace]\nmembers = ["a", "b", "c"]\n\n[workspace.package]\nversion = "1.0.0"\n',
      'a/Cargo.toml': crate('a', '1.0.0'),
      'a/src/lib.rs': '',
      'b/Cargo.toml': crate('b', '1.0'),
      'b/src/lib.rs': '',
      'c/Cargo.toml': crate('c', '1.0.0'),
      'c/src/main.rs': '',
      'tools/Cargo.toml': '[workspace]\nmembers = ["../a"]\n',
    });
    expect(proposal.problems).toEqual([
      {
        severity: 'error',
        code: 'crate-in-two-workspaces',
        message:
          "`a` (a/Cargo.toml) is a member of both Cargo.toml and tools/Cargo.toml (cargo refuses: multiple workspace roots); init uses Cargo.toml: remove it from the other's members or list it in its `exclude`.",
        file: 'tools/Cargo.toml',
        line: 2,
      },
      {
        severity: 'error',
        code: 'invalid-crate-version',
        message:
          '`b` has the version `1.0`, which is not a semantic version; init left it out of crates.publish: fix it and add it.',
        file: 'b/Cargo.toml',
        line: 3,
      },
    ]);
    expect(config!.crates.publish).toEqual(['a']);
  });

  it('a workspace without [workspace.package] version: the version its crates carry, the highest when they differ', () => {
    const files = (b: string) => ({
      'Cargo.toml': '[workspace]\nmembers = ["a", "b", "app"]\n',
      'a/Cargo.toml': crate('a', '0.4.0'),
      'a/src/lib.rs': '',
      'b/Cargo.toml': crate('b', b, 'a = { path = "../a", version = "0.4.0" }\n'),
      'b/src/lib.rs': '',
      'app/Cargo.toml': crate('app', '9.0.0'),
      'app/src/main.rs': '',
    });
    const same = propose(files('0.4.0'));
    expect(same.notes).toContain('version: 0.4.0, from a/Cargo.toml:3.');
    expect(same.config!.crates.publish).toEqual(['a', 'b']);
    expect(planIsRunnable(same.plan!)).toBe(true);
    const apart = propose(files('0.5.0'));
    expect(apart.plan!.version).toBe('0.5.0');
    expect(apart.notes).toContain(
      'version: the crates carry 0.5.0, 0.4.0: the cockpit releases one version, so init took the highest; `release-cockpit bump --to 0.5.0` brings the others to it.',
    );
    expect(apart.notes).toContain('version: 0.5.0, from b/Cargo.toml:3.');
  });

  it('docs that tell users which version to install become docsFiles; the plan then checks them and the bump moves them', () => {
    const files = {
      'Cargo.toml': '[workspace]\nmembers = ["core", "cli"]\n',
      'core/Cargo.toml': crate('demo-core', '0.15.0'),
      'core/src/lib.rs': '',
      'cli/Cargo.toml': crate('demo-cli', '0.15.0', 'demo-core = { path = "../core", version = "0.15.0" }\n'),
      'cli/src/main.rs': '',
      'python/pyproject.toml': '[tool.poetry]\nname = "demo-py"\nversion = "0.15.0"\n',
      'README.md': '# Demo\n\n```toml\ndemo-core = "0.15"\n```\n',
      'docs/install.md': 'Install:\n\n    pip install demo-py==0.14.0\n    cargo add demo-core@0.15.0\n',
      'docs/design.md': 'Written for 0.15.0; no install line.\n',
      'CHANGELOG.md': '# Changelog\n\n## 0.15.0\n\n- `cargo add demo-core@0.15`\n',
      'NOTES.txt': 'demo-core = "0.15"\n',
    };
    const { config, notes, plan } = propose(files);
    expect(config!.docsFiles).toEqual(['README.md', 'docs/install.md']);
    expect(notes).toContain(
      'docsFiles: README.md:4 tells users to install demo-core 0.15: the plan checks it names the release, the bump moves it.',
    );
    expect(notes).toContain('docsFiles: docs/install.md:3 tells users to install demo-py 0.14.0 and 1 more:');
    // The stale pip line is a plan problem at once; the lines naming this release are not.
    expect(plan!.problems.map((p) => `${p.file}:${p.line}`)).toEqual(['docs/install.md:3']);
    // Nothing beyond the default (README.md): the config leaves docsFiles out.
    const only = (docs: Record<string, string>) =>
      propose({ ...files, ...docs }).proposal.config as { docsFiles?: string[] };
    expect(only({ 'docs/install.md': 'cargo install something-else@1.0.0\n' }).docsFiles).toBeUndefined();
    expect(
      only({ 'README.md': '# Demo\n', 'docs/install.md': 'cargo install something-else@1.0.0\n' }).docsFiles,
    ).toBeUndefined();
  });

  it('other TOML and JSON carrying the release version are version files; another version, a lockfile, a fixture are not', () => {
    const { config, notes, plan } = propose({
      'Cargo.toml': crate('solo', '1.3.0'),
      'src/lib.rs': '',
      'blender/blender_manifest.toml': 'schema_version = "1.0.0"\nid = "solo"\nversion = "1.3.0"\n',
      'vscode/package.json': JSON.stringify({ name: 'solo-vscode', version: '0.9.0' }),
      'web/manifest.json': JSON.stringify({ name: 'solo', version: '%VERSION%' }),
      'package-lock.json': JSON.stringify({ version: '1.3.0' }),
      'tests/fixtures/app.json': JSON.stringify({ version: '1.3.0' }),
    });
    expect(config!.versionFiles).toEqual(['Cargo.toml', 'blender/blender_manifest.toml']);
    expect(notes).toContain('versionFiles: blender/blender_manifest.toml: version = 1.3.0.');
    expect(notes).toContain('vscode/package.json is at 0.9.0, not 1.3.0: left out');
    expect(notes).toContain('web/manifest.json: version is %VERSION%, a build-time placeholder: left alone.');
    expect(planIsRunnable(plan!)).toBe(true);
  });

  it('nothing to release: no config, and why', () => {
    const { proposal } = propose({ 'README.md': '# x\n', 'docs/conf.json': '{"theme": "x"}' });
    expect(proposal.config).toBeUndefined();
    expect(proposal.nothing).toBe('found no Cargo.toml, pyproject.toml or package.json carrying a release version');
  });
});
