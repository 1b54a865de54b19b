import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPublished } from '../../src/adapters/pypi.js';
import { readStandInLog, standInEnv } from '../../src/sandbox/stand-ins/stand-ins.js';
import { createGitFixture } from '../helpers/git-fixture.js';
import { usePypiServer } from '../helpers/pypi-server.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-standin-');
const pypi = usePypiServer();

function setup(extra: Record<string, string> = {}) {
  const dir = tempDir();
  const log = join(dir, 'calls.jsonl');
  const env = { ...standInEnv({ log }), ...extra };
  const run = (argv: string[], cwd = dir, more: Record<string, string | undefined> = {}) => {
    const r = spawnSync(argv[0] ?? '', argv.slice(1), { cwd, env: { ...env, ...more }, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  return { dir, log, env, run };
}

describe('poetry stand-in', () => {
  it('builds dist/ from pyproject.toml and records its argv', () => {
    const { dir, log, run } = setup();
    writeFileSync(join(dir, 'pyproject.toml'), '[tool.poetry]\nname = "micromegas"\nversion = "0.15.0"\n');
    const r = run(['poetry', 'build']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Building micromegas (0.15.0)');
    expect(r.stdout).toContain('  - Built micromegas-0.15.0-py3-none-any.whl');
    expect(existsSync(join(dir, 'dist', 'micromegas-0.15.0.tar.gz'))).toBe(true);
    expect(readStandInLog(log)).toEqual([{ tool: 'poetry', argv: ['build'], cwd: dir }]);
  });

  it('uploads to the loopback index and fails a second time with "File already exists"', async () => {
    const server = await pypi();
    const { dir, run } = setup({ STANDIN_PYPI_UPLOAD_URL: server.uploadUrl });
    writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "micromegas"\nversion = "0.15.0"\n');
    expect(run(['poetry', 'publish']).stderr).toContain('No files to publish. Run poetry build first');
    run(['poetry', 'build']);
    // spawnSync would block the event loop that serves the index: run the upload asynchronously.
    const publish = () =>
      new Promise<{ code: number; out: string }>((resolve) => {
        const env = standInEnv({ log: join(dir, 'l'), pypiUploadUrl: server.uploadUrl });
        execFile('poetry', ['publish'], { cwd: dir, env }, (err, stdout, stderr) =>
          resolve({ code: err ? Number(err.code ?? 1) : 0, out: stdout + stderr }),
        );
      });
    const first = await publish();
    expect(first.code).toBe(0);
    expect(first.out).toContain('Publishing micromegas (0.15.0) to PyPI');
    expect(await isPublished(server.index, 'micromegas', '0.15.0')).toBe(true);
    const second = await publish();
    expect(second.code).toBe(1);
    expect(second.out).toContain(
      'HTTP Error 400: File already exists. See https://pypi.org/help/#file-name-reuse for more information.',
    );
  });

  it('fails on demand like the real one', () => {
    const { dir, run } = setup({ STANDIN_POETRY_FAIL: 'exists' });
    writeFileSync(join(dir, 'pyproject.toml'), 'name = "m"\nversion = "1.0.0"\n');
    run(['poetry', 'build']);
    const r = run(['poetry', 'publish']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('HTTP Error 400: File already exists');
    expect(run(['poetry', 'frobnicate']).stderr).toContain('The command "frobnicate" does not exist.');
  });
});

describe('yarn stand-in', () => {
  it('builds a Grafana-like dist/ with plugin.json and runs test scripts', () => {
    const { dir, run } = setup();
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'plugin', version: '0.15.0', scripts: { build: 'webpack' } }),
    );
    writeFileSync(join(dir, 'src', 'plugin.json'), '{"id":"x","info":{"version":"%VERSION%"}}');
    expect(run(['yarn', 'build']).code).toBe(0);
    expect(readFileSync(join(dir, 'dist', 'plugin.json'), 'utf8')).toBe('{"id":"x","info":{"version":"0.15.0"}}');
    expect(run(['yarn', 'test:ci']).stdout).toContain('Tests:       47 passed, 47 total');
    expect(run(['yarn', 'nope']).stderr).toContain('error Command "nope" not found.');
    expect(run(['yarn', 'test:ci'], dir, { STANDIN_YARN_FAIL: 'test:ci' }).code).toBe(1);
  });
});

describe('gh stand-in', () => {
  it('keeps releases: view fails with "release not found" until create ran, then edit and delete', () => {
    const fx = createGitFixture(tempDir);
    const { dir, log, run } = setup({ GH_REPO: 'o/r' });
    writeFileSync(join(dir, 'notes.md'), 'Notes\n');
    writeFileSync(join(dir, 'a.tar.gz'), 'x');
    const view = () => run(['gh', 'release', 'view', 'v1.0.0', '--json', 'tagName,isDraft,url,assets'], fx.dir);
    expect(view()).toMatchObject({ code: 1, stderr: 'release not found\n' });
    const create = run(
      [
        'gh',
        'release',
        'create',
        'v1.0.0',
        '--title',
        'P v1.0.0',
        '--notes-file',
        join(dir, 'notes.md'),
        '--latest',
        join(dir, 'a.tar.gz'),
      ],
      fx.dir,
    );
    expect(create).toMatchObject({ code: 0, stdout: 'https://github.com/o/r/releases/tag/v1.0.0\n' });
    expect(JSON.parse(view().stdout)).toEqual({
      tagName: 'v1.0.0',
      isDraft: false,
      url: 'https://github.com/o/r/releases/tag/v1.0.0',
      assets: [{ name: 'a.tar.gz' }],
    });
    expect(run(['gh', 'release', 'create', 'v1.0.0', '--notes', 'x'], fx.dir).stderr).toContain(
      'Release.tag_name already exists',
    );
    expect(run(['gh', 'release', 'edit', 'v1.0.0', '--draft'], fx.dir).code).toBe(0);
    expect(JSON.parse(view().stdout).isDraft).toBe(true);
    expect(run(['gh', 'release', 'delete', 'v1.0.0'], fx.dir).stderr).toContain('--yes required');
    expect(run(['gh', 'release', 'delete', 'v1.0.0', '--yes'], fx.dir).code).toBe(0);
    expect(view().code).toBe(1);
    expect(readStandInLog(log).map((c) => c.argv.slice(0, 2).join(' '))).toContain('release create');
  });

  it('checks --verify-tag against the git remote and wants a token when told to', () => {
    const fx = createGitFixture(tempDir);
    const { run } = setup({ GH_REPO: 'o/r' });
    const create = () => run(['gh', 'release', 'create', 'v2.0.0', '--notes', 'n', '--verify-tag'], fx.dir);
    expect(create().stderr).toBe("tag v2.0.0 doesn't exist in the repo o/r, aborting due to --verify-tag flag\n");
    fx.git(['tag', 'v2.0.0']);
    fx.git(['push', '-q', 'origin', 'v2.0.0']);
    expect(create().code).toBe(0);
    const noToken = run(['gh', 'release', 'view', 'v2.0.0'], fx.dir, {
      STANDIN_GH_REQUIRE_TOKEN: '1',
      GH_TOKEN: undefined,
      GITHUB_TOKEN: undefined,
    });
    expect(noToken.code).toBe(4);
    expect(
      run(['gh', 'release', 'view', 'v2.0.0'], fx.dir, { STANDIN_GH_REQUIRE_TOKEN: '1', GH_TOKEN: 't' }).stdout,
    ).toContain('tag:\tv2.0.0');
  });
});
