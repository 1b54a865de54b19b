// The CLI's routing as users meet it: the bundle, real processes, no terminal.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const run = (args: string[], cwd?: string) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });

describe('release-cockpit (routing)', () => {
  let repo: string;
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'rc-modes-'));
    const config = {
      project: 'Routed',
      version: '2.0.0',
      phases: [{ id: 'checks', title: 'Checks', steps: [{ id: 'hello', kind: 'run', run: [process.execPath, '-e', "console.log('hello from a step')"] }] }],
    };
    writeFileSync(join(repo, '.releaserc.json'), JSON.stringify(config));
    execFileSync('git', ['init', '-q'], { cwd: repo });
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('without a terminal, runs headless with a notice instead of opening the cockpit', () => {
    const r = run(['--repo', repo]);
    expect(r.stderr).toContain('not a terminal: running headless');
    expect(r.stdout).toContain('hello from a step');
    expect(r.stdout).not.toMatch(/\u001b\[/); // no ANSI when stdout is not a terminal
    expect(r.status).toBe(0);
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

  it('prints its version and help', () => {
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run(['--help']).stdout).toContain('release-cockpit run --headless');
  });
});
