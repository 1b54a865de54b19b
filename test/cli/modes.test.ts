// The CLI's routing as users meet it: the bundle, real processes, no terminal.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const run = (args: string[], cwd?: string) =>
  spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('release-cockpit (routing)', () => {
  let repo: string;
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'rc-modes-'));
    const config = {
      project: 'Routed',
      version: '2.0.0',
      phases: [
        {
          id: 'checks',
          title: 'Checks',
          steps: [
            {
              id: 'hello',
              kind: 'run',
              run: [
                process.execPath,
                '-e',
                "console.log('hello from a step'); require('fs').writeFileSync('touched', '')",
              ],
            },
          ],
        },
      ],
    };
    writeFileSync(join(repo, '.releaserc.json'), JSON.stringify(config));
    execFileSync('git', ['init', '-q'], { cwd: repo });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'init'], {
      cwd: repo,
    });
    execFileSync('git', ['tag', 'v1.0.0'], { cwd: repo });
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('without a terminal, the bare command refuses in one sentence naming run --headless, exit 2, and changes nothing', () => {
    const before =
      execFileSync('git', ['log', '--all', '--oneline'], { cwd: repo, encoding: 'utf8' }) +
      execFileSync('git', ['tag'], { cwd: repo, encoding: 'utf8' });
    const r = run(['--repo', repo]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('`release-cockpit run --headless`');
    expect(r.stdout).toBe('');
    expect(existsSync(join(repo, 'touched'))).toBe(false);
    expect(existsSync(join(repo, '.git', 'release-cockpit'))).toBe(false);
    expect(
      execFileSync('git', ['log', '--all', '--oneline'], { cwd: repo, encoding: 'utf8' }) +
        execFileSync('git', ['tag'], { cwd: repo, encoding: 'utf8' }),
    ).toBe(before);
  });

  it('run --headless runs it, without ANSI when stdout is not a terminal', () => {
    const r = run(['run', '--headless', '--repo', repo]);
    expect(r.stdout).toContain('hello from a step');
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.status).toBe(0);
  });

  it('a headless run to a pipe hands over every line before it exits (it exits without a teardown)', async () => {
    const { spawn } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'rc-pipe-'));
    try {
      const lines = 200_000;
      const print = `let s='';for(let i=0;i<${lines};i++)s+='line '+i+'\\n';process.stdout.write(s)`;
      const config = {
        project: 'Piped',
        version: '1.0.0',
        phases: [
          { id: 'ci', title: 'CI', steps: [{ id: 'flood', kind: 'run', run: [process.execPath, '-e', print] }] },
        ],
      };
      writeFileSync(join(dir, '.releaserc.json'), JSON.stringify(config));
      execFileSync('git', ['init', '-q'], { cwd: dir });
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'i'], {
        cwd: dir,
      });
      const child = spawn(process.execPath, [CLI, 'run', '--headless', '--repo', dir], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => chunks.push(d));
      const code = await new Promise<number | null>((done) => child.on('close', done));
      const out = Buffer.concat(chunks).toString('utf8').split('\n');
      expect(code).toBe(0);
      const flood = out.filter((l) => / {5}line \d+$/.test(l)).map((l) => l.slice(l.lastIndexOf(' ') + 1));
      expect(flood).toHaveLength(lines);
      expect(flood.every((n, i) => n === String(i))).toBe(true);
      expect(out).toContain('Piped 1.0.0: done (1 passed)');
      expect(out.at(-2)).toMatch(/rollback menu/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown command in one line, exit 1', () => {
    const r = run(['publsh']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('unknown command `publsh`');
  });

  it('refuses an unknown flag in one line, exit 1', () => {
    const r = run(['plan', '--jsn']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--jsn/);
  });

  it('a missing config is one sentence naming the file, exit 1', () => {
    const empty = mkdtempSync(join(tmpdir(), 'rc-noconfig-'));
    try {
      const r = run(['plan', '--repo', empty]);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('.releaserc.json');
      expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('exits quietly when its stdout is closed by the reader (`| head`), whatever the command', async () => {
    const { spawn } = await import('node:child_process');
    const closed = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, [CLI, ...args], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, NO_COLOR: '1' },
        });
        child.stdout.destroy(); // the reader goes away before the first write: every write fails with EPIPE
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
        child.on('close', (code) => done({ code, stderr }));
      });
    const fixture = fileURLToPath(new URL('../fixtures/micromegas', import.meta.url));
    for (const args of [
      ['plan', '--repo', fixture],
      ['plan', '--json', '--repo', fixture],
      ['--help'],
      ['bump', '--help'],
      ['status', '--repo', repo],
    ]) {
      const r = await closed(args);
      expect(r.stderr, args.join(' ')).not.toMatch(/EPIPE|internal error|\n\s+at /);
      expect(r.code, args.join(' ')).not.toBe(70);
    }
  });

  it('a --json command that fails prints the problem as JSON too, exit 1', () => {
    const empty = mkdtempSync(join(tmpdir(), 'rc-noconfig-'));
    try {
      for (const args of [
        ['plan', '--json', '--repo', empty],
        ['status', '--json', '--repo', empty],
        ['plan', '--json', '--frob'],
      ]) {
        const r = run(args);
        expect(r.status, args.join(' ')).toBe(1);
        const doc = JSON.parse(r.stdout) as { problems: { severity: string; code: string; message: string }[] };
        expect(doc.problems).toHaveLength(1);
        expect(doc.problems[0]).toMatchObject({ severity: 'error', code: 'user-error' });
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
      const bad = join(empty, '.releaserc.json');
      writeFileSync(bad, '{\n  "project": "x",\n}\n');
      const r = run(['plan', '--json', '--repo', empty]);
      expect(JSON.parse(r.stdout)).toEqual({
        problems: [
          {
            severity: 'error',
            code: 'user-error',
            message: 'invalid JSON: a trailing comma. JSON allows no trailing comma: remove it.',
            file: expect.stringContaining('.releaserc.json'),
            line: 2,
          },
        ],
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('prints its version and help', () => {
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run(['--help']).stdout).toContain('release-cockpit run --headless');
  });
});
