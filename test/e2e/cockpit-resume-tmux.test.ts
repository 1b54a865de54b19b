// The cockpit in a real terminal (tmux) across a kill -9 in the middle of the crate queue: the
// demo (its cargo stand-in, so nothing compiles) driven from the keyboard until crates are on the
// index, the process killed, the cockpit opened again. The resume screen counts from the journal
// and the index, the interrupted step shows the output of the killed session (reloaded from its
// log), and the release then finishes on the completion panel; every crate uploaded once.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PUBLISH_ORDER } from '../../src/sandbox/demo-crates.js';
import { CLI } from '../helpers/cli.js';
import { binWithoutCargo } from '../helpers/no-cargo-bin.js';
import { TmuxSession } from '../helpers/tmux.js';

const cleanup: string[] = [];
let tmux: TmuxSession | undefined;
afterEach(() => {
  tmux?.kill();
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** What the registry stored, in upload order (its own record, on disk). */
function uploads(home: string): string[] {
  const file = join(home, 'release-cockpit', 'demo', 'registry', 'uploads.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { name: string }).name);
}

/**
 * Answers the cockpit as a maintainer would until `done`: y on a confirmation, enter on a manual
 * item (and to run the next step). Returns the screen that satisfied `done`.
 */
async function drive(t: TmuxSession, done: (screen: string) => boolean, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = t.screen();
    if (done(screen)) return screen;
    const footer = screen.trimEnd().split('\n').at(-1) ?? '';
    if (screen.includes('y: go ahead')) t.keys('y');
    else if (/^enter (confirm|run)\b/.test(footer)) t.keys('Enter');
    await new Promise((r) => setTimeout(r, 700));
  }
  throw new Error(`the cockpit never got there; the screen was:\n${screen}`);
}

const publishedRows = (screen: string): number =>
  (screen.match(/✓ micromegas[\w-]* +0\.15\.0 published/g) ?? []).length;

describe('the cockpit after kill -9 mid-publish (tmux)', () => {
  it('resumes with the journal and the index, shows what ran, and ends on the completion panel', async () => {
    const bin = binWithoutCargo();
    const home = mkdtempSync(join(tmpdir(), 'rc-xdg-'));
    cleanup.push(bin, home);
    const demo = ['env', `PATH=${bin}`, `XDG_STATE_HOME=${home}`, process.execPath, CLI, 'demo', '--fast'];

    tmux = new TmuxSession(120, 40);
    tmux.start(demo, process.cwd());
    await tmux.waitFor('DEMO', 90_000);
    tmux.keys('Enter');
    await drive(tmux, (s) => publishedRows(s) >= 3, 240_000);
    process.kill(tmux.programPid(), 'SIGKILL');
    await tmux.waitFor(() => tmux!.exitStatus() !== undefined);
    expect(tmux.exitStatus()).toBe(137);
    const before = uploads(home);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(DEMO_PUBLISH_ORDER.length);

    tmux.kill();
    tmux = new TmuxSession(120, 40);
    tmux.start(demo, process.cwd());
    // Once the index has answered ("checking the index…" first).
    const resume = await tmux.waitFor(/Registry status:[\s│]+micromegas[\s\S]*Press enter to continue/, 90_000);
    expect(resume).toContain('⏸ interrupted: Publish 12 crates in dependency order');
    // Every crate the registry stored is published on the resume screen, none is a ghost in flight.
    for (const name of before) expect(resume).toContain(`${name}@0.15.0: published`);
    const counted = /Crates: (\d+) published by this release, (\d+) already on the index/.exec(resume);
    expect(counted, resume).not.toBeNull();
    expect(Number(counted![1]) + Number(counted![2])).toBe(before.length);
    expect(resume).not.toMatch(/this release has no crates|grace 0:00/);
    // The crates not on the index yet are named there too, none left out.
    const notYet = DEMO_PUBLISH_ORDER.length - before.length;
    expect(resume).toContain(`not on the index yet (${notYet}): `);

    tmux.keys('Enter');
    // The interrupted step's output is the killed session's, reloaded from its log.
    const reopened = await tmux.waitFor(() => !tmux!.screen().includes('Press enter to continue'));
    expect(reopened).toMatch(/⏸ Publish 12 crates in dependency order/);
    expect(reopened).toMatch(/Uploaded micromegas[\w-]* v0\.15\.0/);
    expect(reopened).not.toContain('(no output yet)');

    tmux.keys('r');
    const summary = await drive(tmux, (s) => s.includes('Release summary'), 360_000);
    expect(summary).toContain('Micromegas 0.15.0: released');
    const crates = /Crates on local: (\d+) published by this release, (\d+) already there/.exec(summary);
    expect(crates, summary).not.toBeNull();
    expect(Number(crates![1]) + Number(crates![2])).toBe(DEMO_PUBLISH_ORDER.length);
    expect(summary).toMatch(
      /micromegas-derive-transit 0\.15\.0 {2}http:\/\/127\.0\.0\.1:\d+\/crates\/micromegas-derive-transit\/0\.15\.0/,
    );
    expect(summary).toContain('Tag: v0.15.0 (pushed)');
    expect(summary).toContain('GitHub release: https://github.com/local/micromegas/releases/tag/v0.15.0');
    expect(summary).toMatch(
      /Python package: micromegas 0\.15\.0 {2}http:\/\/127\.0\.0\.1:\d+\/project\/micromegas\/0\.15\.0\//,
    );
    expect(summary).toContain('Archive: micromegas-datasource-0.15.0.tar.gz');
    expect(summary).toMatch(/Report: \S+\/\.git\/release-cockpit\/0\.15\.0\/report\.md/);
    expect(summary).toContain('Unpushed commits on main: 0');

    tmux.keys('q');
    await tmux.waitFor(() => tmux!.exitStatus() !== undefined);
    expect(tmux.exitStatus()).toBe(0);
    // Exactly once across the kill.
    expect(uploads(home).sort()).toEqual([...DEMO_PUBLISH_ORDER].sort());
  }, 900_000);
});
