import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock } from '../../src/adapters/lock.js';
import { parseArgs } from '../../src/cli/args.js';
import { runHeadless } from '../../src/cli/run-mode.js';
import { runStatusMode } from '../../src/cli/status-mode.js';
import { UserError } from '../../src/core/user-error.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';
import { copyCli } from '../helpers/cli.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

const config = {
  project: 'Demo',
  version: '1.0.0',
  phases: [
    {
      id: 'checks',
      title: 'Code quality',
      steps: [
        {
          id: 'test',
          kind: 'run',
          run: ['node', '-e', "console.log('5 tests passed')"],
          summary: '(\\d+ tests passed)',
        },
        { id: 'lint', kind: 'run', run: ['node', '-e', 'process.exit(1)'] },
      ],
    },
    { id: 'ship', title: 'Ship', steps: [{ id: 'eyeball', kind: 'manual', title: 'Look' }] },
  ],
};

async function started(): Promise<TempRepo> {
  const r = makeGitRepo({ files: { '.releaserc.json': JSON.stringify(config) } });
  repos.push(r);
  const sink = { write: () => true };
  await runHeadless(parseArgs(['run', '--headless', '--yes', '--repo', r.dir]), {
    out: sink,
    err: sink,
    env: { PATH: process.env.PATH },
  });
  return r;
}

async function status(r: TempRepo, flags: string[] = []) {
  let out = '';
  const code = await runStatusMode(parseArgs(['status', '--repo', r.dir, ...flags]), {
    out: { write: (s: string) => (out += s), isTTY: false },
    env: {},
  });
  return { code, out };
}

describe('status', () => {
  it('prints the Release Execution Log with each step', async () => {
    const r = await started();
    const { code, out } = await status(r);
    expect(code).toBe(0);
    expect(out).toMatch(/^Demo 1\.0\.0 \(next 1\.1\.0\): session 1/);
    expect(out).toContain('Release Execution Log');
    expect(out).toMatch(/Code quality \[checks\]\n {4}Started: \d{4}-\d\d-\d\dT[\d:.]+Z {3}Completed: ____/);
    expect(out).toMatch(/Ship \[ship\]\n {4}Started: ____ {3}Completed: ____/);
    expect(out).toMatch(/✓ passed +test +\d+\.\d s +5 tests passed/);
    expect(out).toMatch(/✗ failed +lint +\d+\.\d s +node exited with code 1/);
    expect(out).toMatch(/· pending +eyeball/);
  });

  it('--json prints the saved state object', async () => {
    const r = await started();
    const { out } = await status(r, ['--json']);
    const state = JSON.parse(out);
    const file = JSON.parse(readFileSync(join(r.dir, '.git', 'release-cockpit', '1.0.0', 'state.json'), 'utf8'));
    expect(state).toEqual(file.state);
    expect(state.steps.test.summary).toBe('5 tests passed');
  });

  it('still reads the state when the config is broken', async () => {
    const r = await started();
    writeFileSync(join(r.dir, '.releaserc.json'), '{ nope');
    const { out } = await status(r);
    expect(out).toMatch(/✓ passed +test/);
  });

  it('says when no release is in progress', async () => {
    const r = makeGitRepo({ files: { '.releaserc.json': JSON.stringify(config) } });
    repos.push(r);
    await expect(status(r)).rejects.toThrow(UserError);
    await expect(status(r)).rejects.toThrow(/no release in progress for Demo 1\.0\.0/);
  });

  it('reports a corrupt state without moving it (read-only)', async () => {
    const r = await started();
    const file = join(r.dir, '.git', 'release-cockpit', '1.0.0', 'state.json');
    writeFileSync(file, '{"state":');
    await expect(status(r)).rejects.toThrow(/state\.json is not valid saved state at line 1, column 10: /);
    expect(readFileSync(file, 'utf8')).toBe('{"state":');
  });
});

describe('status --report', () => {
  const stateDir = (r: TempRepo, version = '1.0.0') => join(r.dir, '.git', 'release-cockpit', version);

  it('prints the report built from the saved state and journal: steps, results, what needs attention', async () => {
    const r = await started();
    const { code, out } = await status(r, ['--report']);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('# Demo 1.0.0 release report');
    expect(out).toContain('- Result: needs attention (1 step failed or interrupted)');
    expect(out).toMatch(/\(`test`\) \| passed \| [\d-]+ [\d:]+ UTC \| [\d-]+ [\d:]+ UTC \| [^|]+ \| 5 tests passed \|/);
    expect(out).toMatch(/\(`lint`\) \| failed \| .* \| node exited with code 1; exit code 1 \|/);
    expect(out).toContain('| Look (`eyeball`) | pending |  |  |  |  |');
    expect(out).toMatch(
      /## Needs attention\n\n- Run `node -e process\.exit\(1\)` \(`lint`\): failed: node exited with code 1/,
    );
    // The same text the engine wrote when the run stopped, but for the time it was written.
    const saved = readFileSync(join(stateDir(r), 'report.md'), 'utf8');
    const strip = (t: string) => t.replace(/^- Report written: .*$/m, '');
    expect(strip(out)).toBe(strip(saved));
  });

  it('reads without the lock and writes nothing, even beside a running session', async () => {
    const r = await started();
    const lock = acquireLock(stateDir(r));
    try {
      const before = readdirSync(stateDir(r)).map((f) => [f, statSync(join(stateDir(r), f)).mtimeMs]);
      const { code, out } = await status(r, ['--report']);
      expect(code).toBe(0);
      expect(out).toContain('# Demo 1.0.0 release report');
      expect(readdirSync(stateDir(r)).map((f) => [f, statSync(join(stateDir(r), f)).mtimeMs])).toEqual(before);
    } finally {
      lock.release();
    }
  });

  it('after the post-release bump (the config names the next version): the report of the release that ran', async () => {
    const r = await started();
    writeFileSync(join(r.dir, '.releaserc.json'), JSON.stringify({ ...config, version: '1.1.0' }));
    const { out } = await status(r, ['--report']);
    expect(out.split('\n')[0]).toBe('# Demo 1.0.0 release report');
    expect(out).toContain('- Version: 1.0.0 (tag v1.0.0)');
  });

  it('says in one sentence that there is nothing to report in a repo with no release state', async () => {
    const r = makeGitRepo({ files: { '.releaserc.json': JSON.stringify(config) } });
    repos.push(r);
    const e = await status(r, ['--report']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).format()).toBe(
      'no release of Demo has run in this repository yet, so there is no release report to show.',
    );
  });

  it('with a broken config: says why it cannot rebuild it and where the last written report is', async () => {
    const r = await started();
    writeFileSync(join(r.dir, '.releaserc.json'), '{ nope');
    await expect(status(r, ['--report'])).rejects.toThrow(/^cannot rebuild the report of Demo 1\.0\.0: .*\.$/);
    const e = (await status(r, ['--report']).catch((x: unknown) => x)) as UserError;
    expect(e.format()).toContain(`read the report the last run wrote: ${join(stateDir(r), 'report.md')}.`);
  });
});

describe('status --report through the built CLI', () => {
  const cliDir = mkdtempSync(join(tmpdir(), 'rc-status-report-cli-'));
  const CLI = join(cliDir, 'cli.js');
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' };
  const cli = (...args: string[]) =>
    execa(process.execPath, [CLI, ...args], { env, extendEnv: false, reject: false, stdin: 'ignore' });

  beforeAll(() => {
    // A private copy of the bundle built by test/global-setup.ts.
    copyCli(cliDir);
  });
  afterAll(() => rmSync(cliDir, { recursive: true, force: true }));

  const tiny = {
    project: 'Tiny',
    version: '0.3.0',
    phases: [
      {
        id: 'checks',
        title: 'Checks',
        steps: [
          {
            id: 'unit',
            kind: 'run',
            run: ['node', '-e', "console.log('3 tests passed')"],
            summary: '(\\d+ tests passed)',
          },
        ],
      },
      {
        id: 'wrap-up',
        title: 'Wrap up',
        steps: [{ id: 'notes', kind: 'run', title: 'Write notes', run: ['node', '-e', "console.log('ok')"] }],
      },
    ],
  };

  it('prints the report after a short headless run, and exits 1 with one line where nothing ran', async () => {
    const r = makeGitRepo({ files: { '.releaserc.json': JSON.stringify(tiny) } });
    repos.push(r);
    const run = await cli('run', '--headless', '--yes', '--repo', r.dir);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);

    const rep = await cli('status', '--report', '--repo', r.dir);
    expect(rep.exitCode, rep.stderr).toBe(0);
    expect(rep.stderr).toBe('');
    expect(rep.stdout.split('\n').slice(0, 2)).toEqual(['# Tiny 0.3.0 release report', '']);
    expect(rep.stdout).toContain('- Result: complete');
    expect(rep.stdout).toMatch(/### Checks\n\nStarted [\d-]+ [\d:]+ UTC, completed [\d-]+ [\d:]+ UTC \([^)]+\)\./);
    expect(rep.stdout).toMatch(
      /\| Run `node -e console\.log\('3 tests passed'\)` \(`unit`\) \| passed \| [\d-]+ [\d:]+ UTC \| [\d-]+ [\d:]+ UTC \| [^|]+ \| 3 tests passed \|/,
    );
    expect(rep.stdout).toMatch(/\| Write notes \(`notes`\) \| passed \|/);
    const saved = join(r.dir, '.git', 'release-cockpit', '0.3.0', 'report.md');
    expect(statSync(saved).mode & 0o777).toBe(0o600);

    const empty = makeGitRepo({ files: { '.releaserc.json': JSON.stringify(tiny) } });
    repos.push(empty);
    const none = await cli('status', '--report', '--repo', empty.dir);
    expect(none.exitCode).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(
      'release-cockpit: no release of Tiny has run in this repository yet, so there is no release report to show.',
    );
  });
});
