import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLISH_ORDER } from '../../src/sandbox/demo-crates.js';
import { createDemoRepo, type DemoRepo } from '../../src/sandbox/demo-repo.js';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd }).toString().trim();

describe('createDemoRepo', () => {
  let root: string;
  let repo: DemoRepo;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'rc-demo-'));
    repo = createDemoRepo(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('publishes the 12 crates of the seed, in the seed order', () => {
    expect(DEMO_PUBLISH_ORDER).toHaveLength(12);
    expect(DEMO_PUBLISH_ORDER[0]).toBe('micromegas-derive-transit');
    expect(DEMO_PUBLISH_ORDER[4]).toBe('micromegas-auth');
    expect(DEMO_PUBLISH_ORDER.at(-1)).toBe('micromegas');
  });

  it('is a clean git repo on main with the previous release tagged and pushed', () => {
    expect(git(repo.dir, 'status', '--porcelain')).toBe('');
    expect(git(repo.dir, 'branch', '--show-current')).toBe('main');
    expect(git(repo.dir, 'tag', '--list')).toBe('v0.14.0');
    expect(git(repo.dir, 'ls-remote', '--tags', 'origin')).toContain('refs/tags/v0.14.0');
    expect(git(repo.dir, 'rev-parse', 'HEAD')).toBe(git(repo.dir, 'rev-parse', 'origin/main'));
  });

  it('has a history with PR numbers since the previous tag', () => {
    const log = git(repo.dir, 'log', '--format=%s', 'v0.14.0..HEAD').split('\n');
    expect(log.length).toBeGreaterThanOrEqual(15);
    expect(log.filter((s) => /\(#\d+\)$/.test(s)).length).toBeGreaterThanOrEqual(15);
  });

  it('carries the release version everywhere, with the hardcoded pins of the seed', () => {
    expect(readFileSync(join(repo.dir, 'rust/Cargo.toml'), 'utf8')).toContain('version = "0.15.0"');
    expect(readFileSync(join(repo.dir, 'rust/transit/Cargo.toml'), 'utf8')).toContain('version = "^0.15"');
    expect(readFileSync(join(repo.dir, 'rust/tracing/Cargo.toml'), 'utf8')).toContain('version = "^0.15"');
    expect(JSON.parse(readFileSync(join(repo.dir, 'grafana/package.json'), 'utf8')).version).toBe('0.15.0');
    // dist/ is the build's to write (yarn build), not the repository's.
    expect(existsSync(join(repo.dir, 'grafana/dist'))).toBe(false);
    expect(existsSync(join(repo.dir, 'python/micromegas/tests/test_time.py'))).toBe(true);
  });

  it('is a workspace real cargo reads offline', () => {
    const meta = JSON.parse(
      execFileSync('cargo', ['metadata', '--no-deps', '--offline', '--format-version', '1'], {
        cwd: join(repo.dir, 'rust'),
      }).toString(),
    ) as { packages: { name: string; version: string }[] };
    expect(meta.packages).toHaveLength(17);
    expect(meta.packages.every((p) => p.version === '0.15.0')).toBe(true);
  });
});
