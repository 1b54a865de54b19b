// `release-cockpit demo`: the README's first command. Headless end to end (real git, real cargo
// against the loopback registry, real Poetry/pip/Yarn when installed, the gh stand-in), then the
// cockpit in a terminal.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commandExists } from '../../src/adapters/exec.js';
import { DEMO_PUBLISH_ORDER } from '../../src/sandbox/demo-crates.js';
import { CLI } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { demoStateDir, readDemoState, sandboxOf } from '../helpers/demo.js';

describe('release-cockpit demo', () => {
  const cleanup: string[] = [];
  afterEach(() => {
    for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  /** The demo's sandbox goes to $XDG_STATE_HOME: a temporary one, never the user's. */
  const stateHome = (): string => {
    const home = mkdtempSync(join(tmpdir(), 'rc-xdg-'));
    cleanup.push(home);
    return home;
  };

  it('runs the whole Micromegas release headless: every step passes, every crate uploaded once', () => {
    const home = stateHome();
    const r = spawnSync(process.execPath, [CLI, 'demo', '--headless', '--fast', '--yes'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', XDG_STATE_HOME: home },
      timeout: 420_000,
    });
    const sandbox = sandboxOf(r.stderr);
    expect(sandbox).toBe(join(home, 'release-cockpit', 'demo'));
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.status, r.stdout.slice(-3000)).toBe(0);
    expect(r.stdout).toMatch(/Micromegas 0\.15\.0: done \(\d+ passed\)/);

    const stateDir = demoStateDir(sandbox);
    const state = readDemoState(sandbox);
    expect(Object.entries(state.steps).filter(([, s]) => (s as { status: string }).status !== 'passed')).toEqual([]);
    expect(Object.keys(state.crates)).toEqual(DEMO_PUBLISH_ORDER);
    expect(Object.values(state.crates).every((c) => (c as { status: string }).status === 'published')).toBe(true);

    // Exactly once: one journal `done` per crate, and no second upload attempt answered "already uploaded".
    const journal = readFileSync(join(stateDir, 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const published = journal.filter((e) => e.action === 'publish-crate' && e.type === 'done').map((e) => e.target);
    expect(published.sort()).toEqual(DEMO_PUBLISH_ORDER.map((n) => `${n}@0.15.0`).sort());
    expect(r.stdout).not.toMatch(/already uploaded/);

    // The release left its marks in git: tag pushed, bump committed and pushed.
    const git = (...a: string[]) =>
      spawnSync('git', a, { cwd: join(sandbox, 'micromegas'), encoding: 'utf8' }).stdout.trim();
    expect(git('ls-remote', '--tags', 'origin', 'v0.15.0')).toContain('refs/tags/v0.15.0');
    expect(git('log', '-1', '--format=%s', 'origin/main')).toBe('Bump version to 0.16.0 for next development cycle');
    // The token reached cargo through env only and was masked in every log.
    const logs = spawnSync('grep', ['-r', 'cio-demo-0123456789abcdef', stateDir], { encoding: 'utf8' });
    expect(logs.stdout).toBe('');
    expect(spawnSync('grep', ['-r', 'pypi-demo-0123456789abcdef', stateDir], { encoding: 'utf8' }).stdout).toBe('');

    // With Poetry, pip and Yarn installed (.ci/run installs them) they ran for real: pytest, black,
    // the plugin's scripts, a real wheel on the loopback PyPI (on disk in the sandbox), pip in a venv.
    if (commandExists('poetry')) {
      expect(r.stderr).toMatch(/real: .*poetry/);
      expect(r.stdout).toMatch(/✓ passed \([\d.]+ s\) 12 passed/);
      expect(r.stdout).toMatch(/✓ passed \([\d.]+ s\) 6 files would be left unchanged/);
      const pypi = JSON.parse(readFileSync(join(sandbox, 'pypi', 'index.json'), 'utf8')) as {
        projects: { micromegas: { releases: Record<string, { filename: string }[]> } };
      };
      expect(pypi.projects.micromegas.releases['0.15.0']?.map((f) => f.filename).sort()).toEqual([
        'micromegas-0.15.0-py3-none-any.whl',
        'micromegas-0.15.0.tar.gz',
      ]);
      expect(r.stdout).toMatch(/micromegas==0\.15\.0 installed from 127\.0\.0\.1:\d+ and imported/);
    }
    if (commandExists('yarn') || commandExists('yarnpkg')) expect(r.stdout).toMatch(/Tests:\s+6 passed, 6 total/);
  }, 450_000);

  it('opens the cockpit in a terminal with the DEMO badge; quitting before anything ran leaves no release', async () => {
    const home = stateHome();
    const tmux = new TmuxSession(120, 40);
    try {
      // With React's development mode on (DEV=true), as a contributor runs it: Ink then loads its
      // devtools hook, which the build replaces with a stub (cockpit-resume-tmux opens it without).
      const env = ['env', `XDG_STATE_HOME=${home}`, 'DEV=true'];
      tmux.start([...env, process.execPath, CLI, 'demo', '--fast'], process.cwd());
      // The publish queue lists the crates once the release is open (the first frame says it loads).
      const screen = await tmux.waitFor('micromegas-derive-transit', 30_000);
      expect(screen).toContain('Micromegas');
      expect(screen).toContain('DEMO');
      tmux.keys('q');
      await tmux.waitFor(() => tmux.exitStatus() !== undefined);
      expect(tmux.exitStatus()).toBe(0);
      expect(tmux.alternateScreen()).toBe(false);
      // The sandbox stays for the next run; the release was only looked at, so it has no state.
      const sandbox = sandboxOf(tmux.screen());
      expect(existsSync(join(sandbox, 'micromegas'))).toBe(true);
      expect(existsSync(demoStateDir(sandbox))).toBe(false);
      expect(tmux.screen()).toContain('Micromegas 0.15.0: not started; nothing was saved.');
    } finally {
      tmux.kill();
    }
  });
});
