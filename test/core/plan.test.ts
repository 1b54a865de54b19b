import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { buildPlan } from '../../src/core/plan.js';
import { toPlanJson, planIsRunnable } from '../../src/core/plan-json.js';
import { loadConfig } from '../../src/cli/load-config.js';
import { parseConfigText } from '../../src/config/load.js';
import { createFsView } from '../../src/adapters/fs-view.js';
import { memoryView } from '../../src/core/file-view.js';
import { UserError } from '../../src/core/user-error.js';
import type { Plan } from '../../src/core/plan-types.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

function fixturePlan(name: string): Plan {
  const repo = join(FIXTURES, name);
  const { config, configPath } = loadConfig(repo);
  return buildPlan(config, configPath, repo, createFsView(repo));
}
const codes = (plan: Plan) => plan.problems.map((p) => `${p.severity}:${p.code}`);

const SEED_ORDER = [
  'micromegas-derive-transit',
  'micromegas-tracing-proc-macros',
  'micromegas-transit',
  'micromegas-tracing',
  'micromegas-auth',
  'micromegas-telemetry',
  'micromegas-ingestion',
  'micromegas-telemetry-sink',
  'micromegas-perfetto',
  'micromegas-analytics',
  'micromegas-proc-macros',
  'micromegas',
];

describe('buildPlan on the Micromegas fixture', () => {
  const plan = fixturePlan('micromegas');

  it('plans the seed v0.15 release: 12 crates in the seed order with correct layers', () => {
    expect(plan.problems).toEqual([]);
    expect([plan.version, plan.next, plan.tag]).toEqual(['0.15.0', '0.16.0', 'v0.15.0']);
    expect(plan.crates.map((c) => c.name)).toEqual(SEED_ORDER);
    expect(plan.crates.map((c) => c.layer)).toEqual([0, 0, 1, 2, 3, 3, 4, 4, 3, 5, 6, 7]);
    expect(plan.crates.find((c) => c.name === 'micromegas-ingestion')!.dependsOn).toEqual([
      'micromegas-transit',
      'micromegas-tracing',
      'micromegas-auth',
      'micromegas-telemetry',
    ]);
    // analytics needs telemetry-sink through a versioned (workspace) dev-dependency
    expect(plan.crates.find((c) => c.name === 'micromegas-analytics')!.dependsOn).toContain(
      'micromegas-telemetry-sink',
    );
    expect(plan.crates.every((c) => c.version === '0.15.0')).toBe(true);
  });

  it('models all 19 members plus the extra manifest', () => {
    expect(plan.workspaceCrates).toHaveLength(20);
    expect(
      plan.workspaceCrates
        .filter((c) => c.procMacro)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['micromegas-derive-transit', 'micromegas-proc-macros', 'micromegas-tracing-proc-macros']);
    const wasm = plan.workspaceCrates.find((c) => c.name === 'micromegas-datafusion-wasm')!;
    expect(wasm).toMatchObject({ inWorkspace: false, publish: false, manifest: 'rust/datafusion-wasm/Cargo.toml' });
  });

  it('lists every version location, the seed pins included', () => {
    const where = plan.versionFiles.map((l) => `${l.path}:${l.value}`);
    expect(where.filter((w) => w.startsWith('rust/Cargo.toml'))).toHaveLength(10); // package + 9 workspace deps
    expect(where).toContain('rust/tracing/Cargo.toml:^0.15');
    expect(where).toContain('rust/transit/Cargo.toml:^0.15');
    expect(where).toContain('python/micromegas/pyproject.toml:0.15.0');
    expect(where).toContain('grafana/package.json:0.15.0');
    expect(plan.versionFiles.find((l) => l.path === 'grafana/src/plugin.json')).toMatchObject({
      value: '%VERSION%',
      placeholder: true,
    });
  });

  it('plans phases and steps with default titles and irreversibility', () => {
    const steps = plan.phases.flatMap((p) => p.steps);
    expect(plan.phases.map((p) => p.id)).toEqual([
      'checks',
      'versions',
      'docs',
      'git-prep',
      'crates',
      'python',
      'grafana',
      'git',
      'bump',
    ]);
    expect(steps.filter((s) => s.irreversible).map((s) => s.kind)).toEqual([
      'publish-crates',
      'publish-python',
      'git-push',
      'github-release',
    ]);
    const title = (id: string) => steps.find((s) => s.id === id)!.title;
    expect(title('cargo-test')).toBe('Run `cargo test` in rust/');
    expect(title('publish-crates')).toBe('Publish 12 crates');
    expect(title('tag')).toBe('Tag v0.15.0');
    expect(title('github-release')).toBe('Create the GitHub release v0.15.0');
    expect(title('bump-version')).toBe('Bump versions to 0.16.0');
    expect(title('plugin-metadata')).toBe('Verify plugin.json metadata (author, links)');
    expect(steps.find((s) => s.id === 'publish-crates')!.phaseId).toBe('crates');
  });

  it('serialises exactly the plan --json contract', () => {
    const json = toPlanJson(plan);
    expect(Object.keys(json)).toEqual(['version', 'next', 'crates', 'versionFiles', 'phases', 'problems']);
    expect(Object.keys(json.crates[0]!)).toEqual(['name', 'version', 'manifest', 'layer', 'dependsOn']);
    expect(Object.keys(json.versionFiles[0]!)).toEqual(['path', 'line', 'value']);
    expect(Object.keys(json.phases[0]!)).toEqual(['id', 'title', 'steps']);
    expect(Object.keys(json.phases[0]!.steps[0]!)).toEqual(['id', 'kind', 'title']);
    expect(json.versionFiles[0]).toEqual({ path: 'rust/Cargo.toml', line: 25, value: '0.15.0' });
    expect(planIsRunnable(plan)).toBe(true);
  });

  it('takes the release version from config.version and checks every location against it', () => {
    const repo = join(FIXTURES, 'micromegas');
    const { config, configPath } = loadConfig(repo);
    const p = buildPlan({ ...config, version: '0.16.0', nextLevel: 'patch' }, configPath, repo, createFsView(repo), {
      previousTag: 'v0.14.0',
    });
    expect([p.version, p.next, p.previousTag]).toEqual(['0.16.0', '0.16.1', 'v0.14.0']);
    // 1 workspace version + 9 workspace deps + 2 pins + wasm + python + npm; the placeholder is left alone
    expect(p.problems.filter((x) => /mismatch/.test(x.code))).toHaveLength(15);
  });
});

describe('buildPlan problems (one fixture each)', () => {
  it.each([
    ['not-closed', ['error:publish-list-not-closed']],
    ['cycle', ['error:dependency-cycle']],
    ['version-mismatch', ['error:requirement-mismatch', 'error:version-mismatch', 'error:version-mismatch']],
    ['bad-requirement', ['error:requirement-mismatch', 'error:invalid-requirement']],
    ['missing-metadata', ['error:missing-description', 'error:missing-license']],
    ['missing-readme', ['error:missing-readme']],
    ['member-glob-empty', ['error:member-glob-empty']],
    ['typo-in-publish-list', ['warning:duplicate-in-publish-list', 'error:unknown-crate']],
  ])('%s', (name, expected) => {
    const plan = fixturePlan(name);
    expect(codes(plan)).toEqual(expected);
    expect(planIsRunnable(plan)).toBe(false);
    for (const p of plan.problems.filter((x) => x.code !== 'dependency-cycle'))
      expect(p.line, p.message).toBeGreaterThan(0);
  });

  it('names the typo and its correction with the config line', () => {
    const p = fixturePlan('typo-in-publish-list').problems.find((x) => x.code === 'unknown-crate')!;
    expect(p).toEqual({
      severity: 'error',
      code: 'unknown-crate',
      message:
        'crates.publish[3]: `micromegas-auht` is not a crate of the workspace rust/Cargo.toml; did you mean `micromegas-auth`?',
      file: '.releaserc.json',
      line: 9,
    });
  });

  it('points version mismatches at file:line', () => {
    expect(fixturePlan('version-mismatch').problems.map((p) => `${p.file}:${p.line}`)).toEqual([
      'rust/Cargo.toml:9',
      'python/pyproject.toml:3',
      'web/package.json:4',
    ]);
  });

  it('malformed TOML stops the plan with file:line:column', () => {
    expect(() => fixturePlan('malformed-toml')).toThrow(UserError);
    try {
      fixturePlan('malformed-toml');
    } catch (e) {
      expect((e as UserError).format()).toMatch(/^rust\/broken\/Cargo\.toml:\d+:\d+: invalid TOML: /);
    }
  });
});

describe('buildPlan step checks', () => {
  const files = {
    'Cargo.toml': '[package]\nname = "solo"\nversion = "1.2.3"\ndescription = "d"\nlicense = "MIT"\n',
    'docs/x.md': '',
  };
  const plan = (config: object) => {
    const text = JSON.stringify(config, null, 2);
    return buildPlan(
      parseConfigText(text, '.releaserc.json'),
      '/repo/.releaserc.json',
      '/repo',
      memoryView({ ...files, '.releaserc.json': text }),
    );
  };

  it('reports duplicate ids, a missing cwd, and an empty publish list with a publish step', () => {
    const p = plan({
      project: 'x',
      crates: { workspace: '.' },
      phases: [
        {
          id: 'a',
          title: 'A',
          steps: [
            { id: 's', kind: 'run', run: ['true'], cwd: 'nope' },
            { id: 'p', kind: 'publish-crates' },
          ],
        },
        { id: 'a', title: 'B', steps: [{ id: 's', kind: 'manual', title: 'ok' }] },
      ],
    });
    expect(p.problems.map((x) => [x.code, x.severity, x.line])).toEqual([
      ['missing-cwd', 'error', 17],
      ['duplicate-phase-id', 'error', 26],
      ['duplicate-step-id', 'error', 30],
      ['empty-publish-list', 'error', 3],
    ]);
    expect(p.version).toBe('1.2.3');
    expect(p.crates).toEqual([]);
  });

  it('warns about settings on a publish-crates step (configs built in code bypass the schema)', () => {
    const text =
      '{"project":"x","version":"1.0.0","phases":[{"id":"a","title":"A","steps":[{"id":"p","kind":"publish-crates"}]}]}';
    const config = parseConfigText(text, 'c');
    (config.phases[0]!.steps[0] as Record<string, unknown>).graceSeconds = 5;
    const p = buildPlan(config, '/repo/c', '/repo', memoryView({}));
    expect(p.problems.map((x) => [x.code, x.severity])).toEqual([
      ['unknown-step-setting', 'warning'],
      ['empty-publish-list', 'error'],
    ]);
    expect(p.problems[0]!.message).toBe(
      'phases[0].steps[0]: publish-crates ignores `graceSeconds`; its settings live in the `crates` section.',
    );
  });

  it('names a crate listed without any manifest configured', () => {
    const text =
      '{"project":"x","version":"1.0.0","crates":{"publish":["solo"]},"phases":[{"id":"a","title":"A","steps":[]}]}';
    const p = buildPlan(parseConfigText(text, 'c'), '/repo/c', '/repo', memoryView({}));
    expect(p.problems[0]!.message).toBe(
      'crates.publish[0]: `solo` is not a crate of any manifest (crates.workspace is not set); fix the name or remove it.',
    );
  });

  it('takes the release version from the first version file when there is no workspace version', () => {
    const text = '{"project":"x","versionFiles":["web/package.json"],"phases":[{"id":"a","title":"A","steps":[]}]}';
    const p = buildPlan(
      parseConfigText(text, 'c'),
      '/elsewhere/c.json',
      '/repo',
      memoryView({ 'web/package.json': '{"version": "2.0.0"}' }),
    );
    expect([p.version, p.next]).toEqual(['2.0.0', '2.1.0']);
  });

  it('refuses to plan without any release version, in one sentence', () => {
    const text = '{"project":"x","phases":[{"id":"a","title":"A","steps":[]}]}';
    expect(() => buildPlan(parseConfigText(text, 'c'), '/c.json', '/repo', memoryView({}))).toThrow(
      'no release version found.',
    );
  });

  it('flags a release version that is not semver', () => {
    const p = plan({ project: 'x', version: 'v1', phases: [{ id: 'a', title: 'A', steps: [] }] });
    expect(p.problems.map((x) => x.code)).toEqual(['invalid-version']);
    expect(p.next).toBe('v1');
  });
});
