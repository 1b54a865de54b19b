// The demo's choice of tools: the real Poetry and Yarn when on PATH, else the stand-ins, announced.
// Each fallback is run for real with a PATH that lacks the tool. The plugin's own scripts (what
// real Yarn runs) are run here with node directly.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandExists } from '../../src/adapters/exec.js';
import { demoPluginFiles } from '../../src/sandbox/demo-plugin-files.js';
import { demoPythonFiles } from '../../src/sandbox/demo-python-files.js';
import { prepareDemoTools } from '../../src/sandbox/demo-tools.js';
import { readStandInLog } from '../../src/sandbox/stand-ins/stand-ins.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-demo-tools-');

function writeAll(root: string, files: Map<string, string>): void {
  for (const [rel, text] of files) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

/** A PATH holding node and python3 only: no poetry, no yarn, no yarnpkg. */
function barePath(): string {
  const dir = tempDir();
  symlinkSync(process.execPath, join(dir, 'node'));
  return dir;
}

function toolsWithout(root: string) {
  const path = barePath();
  const tools = prepareDemoTools({ root, uploadUrl: 'http://127.0.0.1:9/legacy/', token: 't', env: { PATH: path } });
  const log = join(root, 'calls.jsonl');
  const env = { ...process.env, ...tools.env, PATH: `${tools.binDir}:${path}`, STANDIN_LOG: log };
  return { tools, env, log };
}

describe('demo tools: fallbacks', () => {
  it('runs the poetry stand-in, announced, when poetry is not on PATH', () => {
    const root = tempDir();
    const { tools, env, log } = toolsWithout(root);
    expect(tools.standIns).toContain('poetry');
    expect(
      tools.notes.some((n) => n.startsWith('poetry is not installed: using the poetry stand-in of release-cockpit')),
    ).toBe(true);
    writeAll(root, demoPythonFiles('0.15.0'));
    const r = spawnSync('poetry', ['build'], { cwd: join(root, 'python/micromegas'), env, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readStandInLog(log).map((c) => `${c.tool} ${c.argv.join(' ')}`)).toEqual(['poetry build']);
    expect(existsSync(join(root, 'python/micromegas/dist/micromegas-0.15.0-py3-none-any.whl'))).toBe(true);
  });

  it('runs the yarn stand-in, announced, when neither yarn nor yarnpkg is on PATH', () => {
    const root = tempDir();
    const { tools, env, log } = toolsWithout(root);
    expect(tools.standIns).toContain('yarn');
    expect(
      tools.notes.some((n) => n.startsWith('yarn is not installed: using the yarn stand-in of release-cockpit')),
    ).toBe(true);
    writeAll(root, demoPluginFiles('0.15.0'));
    const r = spawnSync('yarn', ['build'], { cwd: join(root, 'grafana'), env, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readStandInLog(log).map((c) => `${c.tool} ${c.argv.join(' ')}`)).toEqual(['yarn build']);
    expect(JSON.parse(readFileSync(join(root, 'grafana/dist/plugin.json'), 'utf8')).info.version).toBe('0.15.0');
  });

  it('uses the real tools when they are installed (yarnpkg through its Debian module path)', () => {
    const tools = prepareDemoTools({ root: tempDir(), uploadUrl: 'http://127.0.0.1:9/legacy/', token: 't' });
    expect(tools.standIns.includes('poetry')).toBe(!commandExists('poetry'));
    expect(tools.env.POETRY_REPOSITORIES_LOCAL_URL).toBe('http://127.0.0.1:9/legacy/');
    expect(tools.env.POETRY_PYPI_TOKEN_LOCAL).toBe('t');
    if (!commandExists('yarn') && commandExists('yarnpkg'))
      expect(existsSync(join(tools.binDir, 'yarn'))).toBe(tools.real.includes('yarn (yarnpkg)'));
  });
});

describe('demo plugin: its scripts are real programs', () => {
  it('lints, tests (a Jest-style summary) and builds dist/ with node alone', () => {
    const root = tempDir();
    writeAll(root, demoPluginFiles('0.15.0'));
    writeFileSync(join(root, 'grafana/CHANGELOG.md'), '# Changelog\n');
    const node = (script: string, ...args: string[]) =>
      spawnSync(process.execPath, [join('scripts', script), ...args], { cwd: join(root, 'grafana'), encoding: 'utf8' });
    expect(node('lint.mjs').stdout).toContain('9 files linted, 0 problems');
    const tests = node('test.mjs', '--ci');
    expect(tests.status).toBe(0);
    expect(tests.stdout).toMatch(/Tests:\s+6 passed, 6 total/);
    expect(node('build.mjs').status).toBe(0);
    for (const f of ['plugin.json', 'module.js', 'README.md', 'CHANGELOG.md', 'img/logo.svg'])
      expect(existsSync(join(root, 'grafana/dist', f))).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'grafana/dist/plugin.json'), 'utf8')).info.version).toBe('0.15.0');

    writeFileSync(
      join(root, 'grafana/src/query.js'),
      `${readFileSync(join(root, 'grafana/src/query.js'), 'utf8')}const x = 1;   \n`,
    );
    const lint = node('lint.mjs');
    expect(lint.status).toBe(1);
    expect(lint.stdout).toContain('src/query.js: trailing whitespace');
    expect(node('lint.mjs', '--fix').stdout).toContain('fixed src/query.js');
    expect(node('lint.mjs').status).toBe(0);
  });
});
