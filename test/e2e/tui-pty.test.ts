// The full-screen cockpit in a real terminal (tmux): opens on a small release, runs it from the
// keyboard, survives a resize below 80x24, quits, and leaves the terminal as it found it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { BEFORE_MARKER, TmuxSession } from '../helpers/tmux.js';

const node = process.execPath;

function makeRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rc-pty-'));
  const config = {
    project: 'PtyProject',
    version: '1.2.3',
    phases: [
      {
        id: 'checks',
        title: 'Checks',
        steps: [
          {
            id: 'tests',
            kind: 'run',
            title: 'Unit tests',
            run: [
              node,
              '-e',
              "for (let i = 0; i < 200; i++) console.log('test case ' + i + ' ... ok'); console.log('200 tests passed')",
            ],
            summary: '(\\d+ tests passed)',
          },
          { id: 'eyeball', kind: 'manual', title: 'Read the diff' },
          { id: 'lint', kind: 'run', title: 'Lint', run: [node, '-e', "console.log('clean')"] },
        ],
      },
    ],
  };
  writeFileSync(join(dir, '.releaserc.json'), JSON.stringify(config, null, 2));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  execFileSync('git', ['add', '-A'], { cwd: dir });
  execFileSync('git', ['commit', '-q', '-m', 'init'], { cwd: dir });
  return dir;
}

describe('the cockpit in a real terminal', () => {
  let tmux: TmuxSession;
  let repo: string;
  beforeEach(() => {
    tmux = new TmuxSession(120, 40);
    repo = makeRepo();
  });
  afterEach(() => {
    tmux.kill();
    rmSync(repo, { recursive: true, force: true });
  });

  it('runs a release from the keyboard, handles a small terminal, and restores the screen on quit', async () => {
    tmux.start([node, CLI, '--repo', repo], repo);
    await tmux.waitFor('PtyProject');
    expect(tmux.alternateScreen()).toBe(true);
    expect(tmux.screen()).not.toContain(BEFORE_MARKER);

    tmux.keys('Enter'); // run from the first unfinished step
    await tmux.waitFor('200 tests passed');
    await tmux.waitFor('waiting for the maintainer');
    tmux.keys('Enter'); // confirm the manual item
    await tmux.waitFor('3/3 steps');

    tmux.resize(70, 20);
    await tmux.waitFor('needs a terminal of at least 80x24');
    tmux.resize(100, 30);
    await tmux.waitFor('3/3 steps');

    tmux.keys('q');
    await tmux.waitFor(() => tmux.exitStatus() !== undefined);
    expect(tmux.exitStatus()).toBe(0);
    expect(tmux.alternateScreen()).toBe(false);
    expect(tmux.screen()).toContain(BEFORE_MARKER);
    expect(tmux.screen()).toContain('PtyProject 1.2.3: released (3/3 steps).'); // the exit words

    const stateFile = execFileSync('git', ['rev-parse', '--absolute-git-dir'], { cwd: repo, encoding: 'utf8' }).trim();
    const state = JSON.parse(readFileSync(join(stateFile, 'release-cockpit', '1.2.3', 'state.json'), 'utf8'));
    const steps = state.state?.steps ?? state.steps;
    expect(Object.values(steps).map((s) => (s as { status: string }).status)).toEqual(['passed', 'passed', 'passed']);
  });

  it("opens with React's development mode on (DEV=true) and quits cleanly", async () => {
    tmux.start([node, CLI, '--repo', repo], repo, { DEV: 'true' });
    await tmux.waitFor('0/3 steps done');
    await tmux.waitFor('enter run');
    tmux.keys('q');
    await tmux.waitFor(() => tmux.exitStatus() !== undefined);
    expect(tmux.exitStatus()).toBe(0);
    expect(tmux.screen()).not.toMatch(/is not a function|internal error/);
  });

  it('restores the terminal when killed with SIGTERM mid-step, leaving a resumable state', async () => {
    const slow = join(repo, 'slow.cjs');
    writeFileSync(slow, "setInterval(() => console.log('still working'), 100);");
    const cfg = JSON.parse(readFileSync(join(repo, '.releaserc.json'), 'utf8'));
    cfg.phases[0].steps.unshift({ id: 'slow', kind: 'run', run: [node, slow] });
    writeFileSync(join(repo, '.releaserc.json'), JSON.stringify(cfg));
    execFileSync('git', ['commit', '-q', '-am', 'slow step'], { cwd: repo });

    tmux.start([node, CLI, '--repo', repo], repo);
    await tmux.waitFor('PtyProject');
    tmux.keys('Enter');
    await tmux.waitFor('still working');
    process.kill(tmux.programPid(), 'SIGTERM');
    await tmux.waitFor(() => tmux.exitStatus() !== undefined);
    expect(tmux.exitStatus()).toBe(143);
    expect(tmux.alternateScreen()).toBe(false);
    expect(tmux.screen()).toContain(BEFORE_MARKER);

    // Reopened, the cockpit says what happened before anything runs.
    tmux.kill();
    tmux = new TmuxSession(120, 40);
    tmux.start([node, CLI, '--repo', repo], repo);
    const screen = await tmux.waitFor(/interrupted/i);
    expect(screen).toMatch(/resum/i);
    tmux.keys('C-c');
  });
});
