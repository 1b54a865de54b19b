// What a newcomer sees in a real terminal (tmux): the cockpit in a repository without a
// config names `init`; a manual step's title says `${previousTag}` expanded and, selected, its
// `show` command's output fills the output pane before anything ran; the demo's first screen says
// it is a sandbox, where it lives, what is real and what is loopback, and which key starts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { BEFORE_MARKER, TmuxSession } from '../helpers/tmux.js';

const node = process.execPath;
const dirs: string[] = [];
let tmux: TmuxSession | undefined;
afterEach(() => {
  tmux?.kill();
  tmux = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  dirs.push(dir);
  return dir;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
}

/** A repository tagged v0.1.0 with one commit since, released by a config with a reviewed git log. */
function reviewedRepo(): string {
  const dir = tempDir('rc-onboard-');
  const config = {
    project: 'Onboard',
    versionFiles: ['package.json'],
    phases: [
      {
        id: 'docs',
        title: 'Documentation',
        steps: [
          { id: 'lint', kind: 'run', title: 'Lint', run: [node, '-e', "console.log('clean')"] },
          {
            id: 'review-git-log',
            kind: 'manual',
            title: 'Review the git log since ${previousTag}',
            details: 'Spot what ${version} breaks; ${next} comes after.',
            show: ['git', 'log', '--oneline', '${previousTag}..HEAD'],
          },
        ],
      },
    ],
  };
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'package.json'), '{"name": "onboard", "version": "0.1.0"}\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'first release');
  git(dir, 'tag', 'v0.1.0');
  writeFileSync(join(dir, 'package.json'), '{"name": "onboard", "version": "0.2.0"}\n');
  writeFileSync(join(dir, '.releaserc.json'), JSON.stringify(config, null, 2));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'Parser handles tabs');
  return dir;
}

async function exited(t: TmuxSession): Promise<number> {
  await t.waitFor(() => t.exitStatus() !== undefined, 30_000);
  return t.exitStatus()!;
}

describe('onboarding in a real terminal', () => {
  it('the cockpit in a repository without a config says that `init` writes one', async () => {
    const dir = tempDir('rc-onboard-empty-');
    git(dir, 'init', '-q', '-b', 'main');
    tmux = new TmuxSession(120, 40);
    tmux.start([node, CLI, '--repo', dir], dir);
    expect(await exited(tmux)).toBe(1);
    expect(tmux.alternateScreen()).toBe(false);
    const screen = tmux.screen().replace(/\n/g, ' ').replace(/ +/g, ' ');
    expect(screen).toContain(BEFORE_MARKER);
    expect(screen).toContain('release-cockpit: no config file at');
    expect(screen).toContain('`release-cockpit init` writes one from what the repository holds');
    expect(screen).toContain('`release-cockpit demo --config` prints a complete one');
  });

  it('a manual step: its title expanded, and selected, its show output fills the output pane before anything ran', async () => {
    const dir = reviewedRepo();
    const subject = git(dir, 'log', '-1', '--format=%h %s').trim();
    tmux = new TmuxSession(120, 40);
    tmux.start([node, CLI, '--repo', dir], dir);
    await tmux.waitFor('Review the git log since v0.1.0');
    tmux.keys('Down');
    const screen = await tmux.waitFor(subject);
    expect(screen).toContain('$ git log --oneline v0.1.0..HEAD');
    expect(screen).toContain('Spot what 0.2.0 breaks; 0.3.0 comes after.');
    expect(screen).not.toContain('first release'); // only the commits since the previous tag
    tmux.keys('q');
    expect(await exited(tmux)).toBe(0);
    expect(tmux.screen()).toContain('Onboard 0.2.0: not started; nothing was saved.');
  });

  it("the demo's first screen: a sandbox, where, what is real and loopback, nothing real touched, the key that starts", async () => {
    const home = tempDir('rc-onboard-xdg-');
    tmux = new TmuxSession(140, 45);
    tmux.start([node, CLI, 'demo', '--fast'], process.cwd(), { XDG_STATE_HOME: home });
    const screen = await tmux.waitFor('Nothing real is touched', 60_000);
    // The output pane is the right column (the checklist is left of the first │).
    const right = screen.split('\n').map((l) => (l.includes('│') ? l.slice(l.indexOf('│') + 1) : ''));
    const flat = right.join(' ').replace(/\s+/g, ' ');
    expect(flat).toContain('This is the demo: a Micromegas-shaped release in a sandbox.');
    expect(flat).toContain('no crates.io, no PyPI, no GitHub, no credentials.');
    expect(flat).toContain(`sandbox ${join(home, 'release-cockpit', 'demo')}`);
    const real = right.map((l) => l.trim()).find((l) => l.startsWith('real '));
    expect(real?.slice('real'.length).trim().split(', ')).toEqual(expect.arrayContaining(['cargo', 'git']));
    expect(flat).toMatch(/loopback cargo registry http:\/\/127\.0\.0\.1:\d+/);
    expect(flat).toMatch(/PyPI http:\/\/127\.0\.0\.1:\d+/);
    expect(flat).toContain('enter starts the release');
    expect(flat).toContain('release-cockpit demo --config');
    tmux.keys('q');
    expect(await exited(tmux)).toBe(0);
  });
});
