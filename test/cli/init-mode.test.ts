// `release-cockpit init` on real git repositories: the Micromegas-shaped demo repository (17
// crates, 5 binaries, a crate outside the workspace, a Poetry project, a Grafana plugin with
// yarn.lock, tags v0.14.0 and grafana-v0.14.0) and a single crate; the config it writes validates
// and the built CLI's `plan` runs on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args.js';
import { runInitMode } from '../../src/cli/init-mode.js';
import { loadConfig } from '../../src/cli/load-config.js';
import { createDemoRepo } from '../../src/sandbox/demo-repo.js';
import { DEMO_CRATES } from '../../src/sandbox/demo-crates.js';
import type { PlanJson } from '../../src/core/plan-types.js';
import { CLI } from '../helpers/cli.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';

/** The crates the seed's v0.15.0 plan publishes, as it lists them. */
const SEED_CRATES = [
  'micromegas-derive-transit', 'micromegas-tracing-proc-macros', 'micromegas-transit', 'micromegas-tracing',
  'micromegas-auth', 'micromegas-telemetry', 'micromegas-ingestion', 'micromegas-telemetry-sink',
  'micromegas-perfetto', 'micromegas-analytics', 'micromegas-proc-macros', 'micromegas',
]; // prettier-ignore

async function init(repo: string, ...flags: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) } };
  const code = await runInitMode(parseArgs(['init', '--repo', repo, ...flags]), io);
  return { code, out: out.join(''), err: err.join('') };
}

function plan(repo: string) {
  const r = spawnSync(process.execPath, [CLI, 'plan', '--json', '--repo', repo], { encoding: 'utf8' });
  return { code: r.status, json: JSON.parse(r.stdout) as PlanJson, stderr: r.stderr };
}

describe('init on the Micromegas-shaped repository', () => {
  let root: string;
  let dir: string;
  beforeAll(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'rc-init-')));
    dir = createDemoRepo(root).dir;
    spawnSync('git', ['tag', 'grafana-v0.14.0', 'v0.14.0^{}'], { cwd: dir });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes a config that validates, whose plan runs, with the expected choices and why', async () => {
    const r = await init(dir);
    expect(r.code).toBe(0);
    const { config } = loadConfig(dir);
    expect(config.crates).toMatchObject({
      workspace: 'rust',
      extraManifests: ['rust/datafusion-wasm/Cargo.toml'],
      registry: { name: 'crates-io', index: 'sparse+https://index.crates.io/' },
    });
    // The 12 crates of the seed's release plan, in an order of init's own that is valid by itself
    // (every crate after each crate it depends on, pinned ones included), binaries left out.
    expect([...config.crates.publish].sort()).toEqual([...SEED_CRATES].sort());
    const at = new Map(config.crates.publish.map((name, i) => [name, i]));
    for (const c of DEMO_CRATES.filter((c) => !c.binary))
      for (const dep of [...c.deps, ...(c.pinned ?? []).map((p) => p.name)])
        expect(at.get(dep), `${dep} before ${c.name}`).toBeLessThan(at.get(c.name)!);
    expect(config.tagFormat).toBe('v${version}');
    expect(config.versionFiles).toEqual([
      'rust/Cargo.toml',
      'grafana/package.json',
      'python/micromegas/pyproject.toml',
    ]);
    const steps = config.phases.flatMap((p) => p.steps);
    expect(config.phases.map((p) => p.id)).toEqual([
      'checks',
      'versions',
      'docs',
      'git-prep',
      'crates',
      'python',
      'git',
      'bump',
    ]);
    expect(steps.map((s) => s.id)).toEqual([
      'cargo-fmt', 'cargo-clippy', 'cargo-test', 'python-micromegas-pytest', 'grafana-install', 'grafana-lint',
      'grafana-test', 'grafana-build', 'verify-versions', 'review-git-log', 'changelog', 'grafana-changelog', 'tag',
      'publish-crates', 'publish-python', 'pip-install', 'push-tag', 'bump-version',
    ]); // prettier-ignore
    expect(steps.find((s) => s.id === 'tag')).toMatchObject({ extraTags: ['grafana-v${version}'], branch: 'main' });
    expect(steps.find((s) => s.id === 'grafana-install')).toMatchObject({
      run: ['yarn', 'install', '--frozen-lockfile'],
    });
    expect(steps.find((s) => s.id === 'grafana-changelog')).toMatchObject({ heading: '1.0.0', paths: ['grafana'] });

    const binaries = DEMO_CRATES.filter((c) => c.binary).map((c) => c.name);
    expect(r.out).toContain(`left out: 5 binary crates: ${binaries.join(', ')}; add them if you publish them.`);
    expect(r.out).toContain(
      'grafana/src/plugin.json: info.version is %VERSION%, a build-time placeholder: left alone.',
    );
    expect(r.out).toContain('grafana-v${version}: grafana-v0.14.0 was created at the same commit as v0.14.0.');
    expect(r.out).toContain('CI scripts found, not added');
    expect(r.out).toMatch(
      /wrote \S*\.releaserc\.json \(plan: micromegas 0\.15\.0: 12 crates to publish, 8 phases, 18 steps, 0 errors, 0 warnings\)/,
    );

    const p = plan(dir);
    expect(p.stderr).toBe('');
    expect(p.code).toBe(0);
    // A valid order: every crate after the crates it needs.
    const position = new Map(p.json.crates.map((c, i) => [c.name, i]));
    for (const c of p.json.crates)
      for (const d of c.dependsOn) expect(position.get(d)!).toBeLessThan(position.get(c.name)!);
    expect(p.json.phases.flatMap((ph) => ph.steps).find((s) => s.id === 'review-git-log')!.title).toBe(
      'Review the git log since v0.14.0',
    );
  });

  it('refuses to overwrite without --force; --force replaces; --dry-run prints and writes nothing', async () => {
    const file = join(dir, '.releaserc.json');
    writeFileSync(file, '{"mine": true}\n');
    await expect(init(dir)).rejects.toThrow(/\.releaserc\.json already exists; init does not overwrite it\./);
    expect(readFileSync(file, 'utf8')).toBe('{"mine": true}\n');
    const dry = await init(dir, '--dry-run');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ project: 'micromegas', tagFormat: 'v${version}' });
    expect(dry.err).toContain('--dry-run: nothing written.');
    expect(readFileSync(file, 'utf8')).toBe('{"mine": true}\n');
    expect((await init(dir, '--force')).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ project: 'micromegas' });
  });
});

describe('init on small repositories', () => {
  let repo: TempRepo;
  afterAll(() => repo?.cleanup());

  it('a single crate tagged 1.x without prefix: ${version} tags, the crate published, nothing written on --dry-run', async () => {
    repo = makeGitRepo({
      files: {
        'Cargo.toml':
          '[package]\nname = "solo"\nversion = "1.3.0"\nedition = "2021"\ndescription = "d"\nlicense = "MIT"\n',
        'src/lib.rs': '',
      },
      commit: true,
    });
    repo.git('tag', '1.2.0');
    const r = await init(repo.dir, '--dry-run');
    expect(r.code).toBe(0);
    const config = JSON.parse(r.out);
    expect(config).toMatchObject({
      tagFormat: '${version}',
      crates: { workspace: '.', publish: ['solo'] },
      versionFiles: ['Cargo.toml'],
    });
    expect(r.err).toMatch(/previousTag +1\.2\.0 \(the highest \$\{version\} tag below the release\)/);
    expect(r.err).toContain(
      'checks            in the repository root: cargo fmt --check, clippy -D warnings and test.',
    );
    expect(r.err).toContain('no `origin` remote: no push or GitHub release step.');
    expect(existsSync(join(repo.dir, '.releaserc.json'))).toBe(false);
  });

  it('a repository with nothing to release: says what it looked for, writes nothing', async () => {
    const empty = makeGitRepo({ files: { 'README.md': '# x\n' }, commit: true });
    try {
      await expect(init(empty.dir)).rejects.toThrow(
        /init found no Cargo\.toml, pyproject\.toml or package\.json carrying a release version in .*; nothing was written\./,
      );
      expect(existsSync(join(empty.dir, '.releaserc.json'))).toBe(false);
    } finally {
      empty.cleanup();
    }
  });
});
