// `plan` through the built CLI, as users and scripts run it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PlanJson } from '../../src/core/plan-types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('release-cockpit plan', () => {
  it('--json prints the contract for the Micromegas fixture and exits 0', () => {
    const r = cli('plan', '--json', '--repo', 'test/fixtures/micromegas');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as PlanJson;
    expect(Object.keys(plan)).toEqual(['version', 'next', 'crates', 'versionFiles', 'phases', 'problems']);
    expect([plan.version, plan.next]).toEqual(['0.15.0', '0.16.0']);
    expect(plan.crates.map((c) => `${c.name}@${c.layer}`)).toEqual([
      'micromegas-derive-transit@0',
      'micromegas-tracing-proc-macros@0',
      'micromegas-transit@1',
      'micromegas-tracing@2',
      'micromegas-auth@3',
      'micromegas-telemetry@3',
      'micromegas-ingestion@4',
      'micromegas-telemetry-sink@4',
      'micromegas-perfetto@3',
      'micromegas-analytics@5',
      'micromegas-proc-macros@6',
      'micromegas@7',
    ]);
    expect(plan.crates[2]).toEqual({
      name: 'micromegas-transit',
      version: '0.15.0',
      manifest: 'rust/transit/Cargo.toml',
      layer: 1,
      dependsOn: ['micromegas-derive-transit'],
    });
    expect(plan.versionFiles).toContainEqual({ path: 'rust/tracing/Cargo.toml', line: 11, value: '^0.15' });
    expect(plan.phases[4]).toEqual({
      id: 'crates',
      title: 'Phase 1: Rust crates',
      steps: [{ id: 'publish-crates', kind: 'publish-crates', title: 'Publish 12 crates' }],
    });
    expect(plan.problems).toEqual([]);
  });

  it('prints a readable plan and exits 1 when the plan has an error', () => {
    const ok = cli('plan', '--repo', 'test/fixtures/micromegas');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Micromegas 0.15.0 (tag v0.15.0), next development version 0.16.0');
    expect(ok.stdout).toMatch(/ 3\. micromegas-transit 0\.15\.0 {2}layer 1 {2}needs micromegas-derive-transit/);
    expect(ok.stdout).toContain('grafana/src/plugin.json:23  info.version = %VERSION%  (placeholder, left alone)');
    const bad = cli('plan', '--repo', 'test/fixtures/not-closed');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('error: rust/app/Cargo.toml:8: `demo-app` needs `demo-core` from the registry');
    const json = cli('plan', '--json', '--repo', 'test/fixtures/typo-in-publish-list');
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as PlanJson).problems.map((p) => p.code)).toEqual([
      'duplicate-in-publish-list',
      'unknown-crate',
    ]);
  });

  it('reports user errors as one line on stderr, never a stack trace', () => {
    const toml = cli('plan', '--repo', 'test/fixtures/malformed-toml');
    expect(toml.code).toBe(1);
    expect(toml.stdout).toBe('');
    expect(toml.stderr).toMatch(/^release-cockpit: rust\/broken\/Cargo\.toml:\d+:\d+: invalid TOML: [^\n]+\n$/);
    const missing = cli('plan', '--repo', 'test/fixtures');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^release-cockpit: no config file at test\/fixtures\/\.releaserc\.json\. `release-cockpit init` writes one/,
    );
    expect(missing.stderr).not.toContain('    at ');
  });
});
