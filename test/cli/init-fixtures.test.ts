// `release-cockpit init` through the built CLI on real git repositories of each shape the issue
// names (a Python-only project, an npm workspace tagged `name-v1.2.3`, a crate outside the Cargo
// workspace with another registry), then the built CLI's `plan` on the file it wrote: exit 0, the
// choices init said. Bad input in the repository (a crate in two workspaces, a crate version that
// is not semver): named at file:line, exit 1, and the rest of the config still written.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanJson } from '../../src/core/plan-types.js';
import { CLI } from '../helpers/cli.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

function repo(files: Record<string, string>, tags: string[] = []): TempRepo {
  const r = makeGitRepo({ files, commit: true, prefix: 'rc-init-fx-' });
  repos.push(r);
  for (const t of tags) r.git('tag', t);
  return r;
}

function cli(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--repo', dir], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** init, then `plan --json` on what it wrote. */
function initThenPlan(dir: string) {
  const init = cli(dir, 'init');
  const config = existsSync(join(dir, '.releaserc.json'))
    ? (JSON.parse(readFileSync(join(dir, '.releaserc.json'), 'utf8')) as Record<string, unknown>)
    : undefined;
  const plan = cli(dir, 'plan', '--json');
  return { init, config, plan, json: plan.code !== null ? (JSON.parse(plan.out) as PlanJson) : undefined };
}

const crate = (name: string, version: string, deps = '') =>
  `[package]\nname = "${name}"\nversion = "${version}"\nedition = "2021"\ndescription = "d"\nlicense = "MIT"\n\n[dependencies]\n${deps}`;

const stepIds = (json: PlanJson) => json.phases.flatMap((p) => p.steps.map((s) => s.id));

describe('init, then plan, on real repositories', () => {
  it('a Python-only repository (PEP 621): the pyproject carries the version, no crate, the plan runs', () => {
    const r = repo(
      {
        'pyproject.toml': '[project]\nname = "tool"\nversion = "2.1.0"\n',
        'tool/__init__.py': '',
        'CHANGELOG.md': '# Changelog\n\n## Unreleased\n\n- x\n\n## 2.0.0 - 2025-03-01\n\n- y\n',
      },
      ['v2.0.0'],
    );
    const { init, config, plan, json } = initThenPlan(r.dir);
    expect(init.code, init.err).toBe(0);
    expect(init.out).toMatch(/version +2\.1\.0, from pyproject\.toml:3\./);
    expect(config).toMatchObject({ tagFormat: 'v${version}', versionFiles: ['pyproject.toml'] });
    expect(config!.crates).toBeUndefined();
    expect(plan.code, plan.err).toBe(0);
    expect(json).toMatchObject({ version: '2.1.0', crates: [], problems: [] });
    expect(stepIds(json!)).toEqual(['verify-versions', 'review-git-log', 'changelog', 'tag', 'bump-version']);
    const title = (id: string) => json!.phases.flatMap((p) => p.steps).find((s) => s.id === id)!.title;
    expect(title('review-git-log')).toBe('Review the git log since v2.0.0');
    expect(title('bump-version')).toBe(`Bump every version to ${json!.next} for the next cycle`);
    expect(json!.next).toMatch(/^2\.\d+\.\d+$/);
  });

  it('an npm workspace tagged mono-v2.9.0: that tag format, the lockfile manager, the members at the version', () => {
    const r = repo(
      {
        'package.json': JSON.stringify({
          name: 'mono',
          version: '3.0.0',
          private: true,
          workspaces: ['packages/*'],
          scripts: { lint: 'eslint .', test: 'vitest', build: 'tsc -b' },
        }),
        'package-lock.json': '{"lockfileVersion": 3}',
        'packages/a/package.json': JSON.stringify({ name: '@mono/a', version: '3.0.0' }),
        'packages/b/package.json': JSON.stringify({ name: '@mono/b', version: '1.4.0' }),
      },
      ['mono-v2.8.0', 'mono-v2.9.0'],
    );
    const { init, config, plan, json } = initThenPlan(r.dir);
    expect(init.code, init.err).toBe(0);
    expect(config).toMatchObject({
      tagFormat: 'mono-v${version}',
      versionFiles: ['package.json', 'packages/a/package.json'],
    });
    expect(init.out).toMatch(/previousTag +mono-v2\.9\.0 \(the highest mono-v\$\{version\} tag below the release\)/);
    expect(init.out).toContain('packages/b/package.json is at 1.4.0, not 3.0.0: left out');
    expect(plan.code, plan.err).toBe(0);
    expect(json!.version).toBe('3.0.0');
    expect(stepIds(json!).slice(0, 4)).toEqual(['install', 'lint', 'test', 'build']);
    const install = json!.phases[0]!.steps[0]!;
    expect(install.title).toContain('npm ci');
  });

  it('a crate outside the workspace reached by a path dependency, another registry: extraManifests, publish order, plan runs', () => {
    const r = repo(
      {
        'rust/Cargo.toml': '[workspace]\nmembers = ["core", "cli"]\nresolver = "2"\n',
        'rust/core/Cargo.toml': crate('w-core', '0.4.0', 'w-ext = { path = "../../ext", version = "0.4.0" }\n'),
        'rust/core/src/lib.rs': '',
        'rust/cli/Cargo.toml': crate('w-cli', '0.4.0', 'w-core = { path = "../core", version = "0.4.0" }\n'),
        'rust/cli/src/main.rs': 'fn main() {}\n',
        'ext/Cargo.toml': crate('w-ext', '0.4.0'),
        'ext/src/lib.rs': '',
        '.cargo/config.toml':
          '[registry]\ndefault = "corp"\n\n[registries.corp]\nindex = "sparse+https://crates.corp.example/index/"\n',
      },
      ['v0.3.0'],
    );
    const { init, config, plan, json } = initThenPlan(r.dir);
    expect(init.code, init.err).toBe(0);
    expect(config!.crates).toMatchObject({
      workspace: 'rust',
      extraManifests: ['ext/Cargo.toml'],
      publish: ['w-ext', 'w-core'],
      registry: { name: 'corp', index: 'sparse+https://crates.corp.example/index/' },
    });
    expect(init.out).toContain('left out: 1 binary crate: w-cli; add it if you publish it.');
    expect(plan.code, plan.err).toBe(0);
    expect(json!.crates.map((c) => [c.name, c.dependsOn])).toEqual([
      ['w-ext', []],
      ['w-core', ['w-ext']],
    ]);
  });

  it('outside a git repository: says so and that the cockpit needs one; the config is still written', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'rc-init-nogit-')));
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'loose', version: '1.0.0' }));
      const init = cli(dir, 'init');
      expect(init.code, init.err).toBe(0);
      expect(init.out).toMatch(
        /git +not a git repository: no tags to learn from\. The cockpit keeps its state in the git directory: `git init` and commit before releasing\./,
      );
      expect(existsSync(join(dir, '.releaserc.json'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bad input: a crate in two workspaces and a non-semver crate version named at file:line; the rest still written', () => {
    const r = repo({
      'Cargo.toml': '[workspace]\nmembers = ["a", "b"]\n\n[workspace.package]\nversion = "1.0.0"\n',
      'a/Cargo.toml': crate('a', '1.0.0'),
      'a/src/lib.rs': '',
      'b/Cargo.toml': crate('b', '1.0'),
      'b/src/lib.rs': '',
      'tools/Cargo.toml': '[workspace]\nmembers = ["../a"]\n',
    });
    const { init, config } = initThenPlan(r.dir);
    expect(init.code).toBe(1);
    expect(init.out).toContain('error: tools/Cargo.toml:2: `a` (a/Cargo.toml) is a member of both Cargo.toml and');
    expect(init.out).toContain('error: b/Cargo.toml:3: `b` has the version `1.0`, which is not a semantic version');
    expect(init.out).toMatch(/wrote \.releaserc\.json/);
    expect(config).toMatchObject({ crates: { workspace: '.', publish: ['a'] }, versionFiles: ['Cargo.toml'] });
  });
});
