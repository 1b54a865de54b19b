// After a finished release and its post-release bump, the cockpit (on the next version, which has
// no state) offers the finished release's crates under `y`, yanks one from the keyboard (typed
// version) against that release, and holds no lock of it while idle; opened and quit in a real
// terminal (tmux), it leaves no state, and status and rollback still address the finished
// release. Real git, cargo, registry.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { openEngineForPlan } from '../../src/cli/open-engine.js';
import { loadRunnablePlan } from '../../src/cli/runnable-plan.js';
import { previousReleaseFor } from '../../src/cli/previous-release.js';
import { releaseShelfFor } from '../../src/cli/release-shelf.js';
import type { FakeEngine } from '../helpers/fake-engine.js';
import { TmuxSession } from '../helpers/tmux.js';
import { renderApp } from '../ui/render-app.js';
import { openTinyRelease, type TinyRelease } from './tiny-release.js';

let t: TinyRelease;
let repo: string;
let env: Record<string, string | undefined>;
const cli = (...args: string[]) => t.cli(...args);
const onIndex = (name: string) => t.onIndex(name);

beforeAll(async () => {
  t = await openTinyRelease('cockpit-yank-finished');
  ({ repo, env } = t);
}, 120_000);

let tmux: TmuxSession | undefined;
afterAll(async () => {
  tmux?.kill();
  await t?.close();
});

describe('the cockpit after a finished release and its bump', () => {
  it('y offers the finished release; a typed yank reaches the index; status still addresses it', async () => {
    const run = await cli('run', '--headless', '--yes');
    expect(run.code, run.out + run.err).toBe(0);
    const bump = await cli('bump', '--to', '0.2.0', '--commit');
    expect(bump.code, bump.err).toBe(0);

    const args = parseArgs(['--repo', repo]);
    const plan = (await loadRunnablePlan(args, { write: () => true }))!;
    expect(plan.version).toBe('0.2.0');
    const engine = await openEngineForPlan(plan, args, env, { interactive: true });
    const previous = previousReleaseFor(plan, env);
    expect(previous?.version).toBe('0.1.0');
    const app = await renderApp(engine as unknown as FakeEngine, { previous, clock: Date.now });
    try {
      await app.press('y');
      const menu = await app.until((f) => /tiny-mid@0\.1\.0\s+PUBLISHED/.test(f), 20_000);
      expect(menu).toMatch(/Rollback v0\.1\.0, finished (just now|\d+ min ago)/);
      expect(menu).toMatch(/tiny-base@0\.1\.0\s+PUBLISHED/);
      expect(menu).not.toMatch(/has not published any crate/);

      // Idle on the menu: the finished release's lock is free (the CLI can act on it).
      const other = await cli('rollback', '--yank', 'tiny-base', '--yes');
      expect(other.code, other.err).toBe(0);
      await cli('rollback', '--unyank', 'tiny-base', '--yes');

      await app.press('space', 'y');
      await app.until('Type 0.1.0 to confirm', 20_000);
      await app.type('0.1.0');
      await app.press('enter');
      await app.until((f) => /tiny-base@0\.1\.0\s+YANKED/.test(f), 30_000);
      expect(await onIndex('tiny-base')).toBe('yanked');
      expect(await onIndex('tiny-mid')).toBe('published');
    } finally {
      app.unmount();
      await engine.close();
    }

    const status = await cli('status');
    expect(status.out.split('\n')[0]).toMatch(/^\S+ 0\.1\.0 \(next 0\.2\.0\): /);
    const unyank = await cli('rollback', '--unyank', 'tiny-base', '--yes');
    expect(unyank.code, unyank.err).toBe(0);
  }, 180_000);

  // Runs after the test above: 0.1.0 finished and the config bumped to 0.2.0.
  it('h lists the finished release with its crates; its rollback menu yanks through its own engine', async () => {
    const args = parseArgs(['--repo', repo]);
    const plan = (await loadRunnablePlan(args, { write: () => true }))!;
    expect(plan.version).toBe('0.2.0');
    const engine = await openEngineForPlan(plan, args, env, { interactive: true });
    const history = releaseShelfFor(plan, env);
    const app = await renderApp(engine as unknown as FakeEngine, { history, clock: Date.now });
    try {
      await app.press('h');
      const list = await app.until((f) => /0\.1\.0\s+finished/.test(f), 20_000);
      expect(list).toMatch(/published 2 crates: tiny-base, tiny-mid|published 2 crates: tiny-mid, tiny-base/);
      await app.press('enter');
      await app.until((f) => /tiny-mid@0\.1\.0\s+PUBLISHED/.test(f), 20_000);
      expect(app.frame()).toMatch(/Rollback v0\.1\.0, finished/);
      // Idle on the menu: the finished release's lock is free.
      const st = await cli('status', '--version', '0.1.0');
      expect(st.code, st.err).toBe(0);
      await app.until((f) => /tiny-base@0\.1\.0\s+PUBLISHED/.test(f));
      await app.press('down', 'space', 'y');
      await app.until('Type 0.1.0 to confirm', 20_000);
      await app.type('0.1.0');
      await app.press('enter');
      await app.until((f) => /tiny-mid@0\.1\.0\s+YANKED/.test(f), 30_000);
      expect(await onIndex('tiny-mid')).toBe('yanked');
      await app.press('escape');
      await app.until('1 yanked', 20_000);
    } finally {
      app.unmount();
      await engine.close();
    }
    const all = await cli('status', '--all');
    expect(all.out).toMatch(/0\.1\.0\s+finished .*published 2 crates, 1 yanked \(tiny-mid@0\.1\.0\)/);
    expect((await cli('rollback', '--unyank', 'tiny-mid', '--yes')).code).toBe(0);
  }, 120_000);

  // Runs after the tests above. The real cockpit in a terminal, as the maintainer opens it.
  it('in tmux: y yanks one from the keyboard; after quitting, status and rollback --yank address 0.1.0', async () => {
    const cargoEnv = Object.fromEntries(
      Object.entries(env).filter((e): e is [string, string] => e[0].startsWith('CARGO_') && e[1] !== undefined),
    );
    tmux = new TmuxSession(120, 40);
    tmux.start([process.execPath, t.cliPath, '--repo', repo], repo, { ...cargoEnv, NO_COLOR: '1' });
    await tmux.waitFor(/tiny-base/, 60_000);
    tmux.keys('y');
    const menu = await tmux.waitFor(/tiny-mid@0\.1\.0\s+PUBLISHED/, 60_000);
    expect(menu).toMatch(/Rollback v0\.1\.0, finished (just now|\d+ min ago)/);
    expect(menu).toMatch(/tiny-base@0\.1\.0\s+PUBLISHED/);
    expect(menu).not.toMatch(/has not published any crate/);

    // Idle on the menu, the cockpit holds no lock of 0.1.0: the CLI yanks one of its crates.
    const other = await cli('rollback', '--yank', 'tiny-mid', '--yes');
    expect(other.code, other.err).toBe(0);
    expect(await onIndex('tiny-mid')).toBe('yanked');
    expect((await cli('rollback', '--unyank', 'tiny-mid', '--yes')).code).toBe(0);

    tmux.keys('Space', 'y');
    await tmux.waitFor('Type 0.1.0 to confirm', 30_000);
    tmux.keys('-l', '0.1.0');
    tmux.keys('Enter');
    await tmux.waitFor(/tiny-base@0\.1\.0\s+YANKED/, 60_000);
    expect(await onIndex('tiny-base')).toBe('yanked');

    // Typed fast, as one read (Ink sees alt-q): Esc closes the menu, q quits.
    tmux.keys('Escape', 'q');
    await tmux.waitFor(() => tmux!.exitStatus() !== undefined, 30_000);
    expect(tmux.exitStatus()).toBe(0);
    expect(tmux.screen()).toContain('tiny 0.2.0: not started; nothing was saved.');
    // Opened, used and quit: the next release has no state, the finished one is still addressed.
    const gitDir = join(repo, '.git', 'release-cockpit');
    expect(existsSync(join(gitDir, '0.2.0'))).toBe(false);
    const status = await cli('status');
    expect(status.out.split('\n')[0]).toMatch(/^\S+ 0\.1\.0 \(next 0\.2\.0\): /);
    const yank = await cli('rollback', '--yank', 'tiny-mid', '--yes');
    expect(yank.code, yank.err).toBe(0);
    expect(await onIndex('tiny-mid')).toBe('yanked');
    for (const name of ['tiny-base', 'tiny-mid']) {
      const unyank = await cli('rollback', '--unyank', name, '--yes');
      expect(unyank.code, unyank.err).toBe(0);
      expect(await onIndex(name)).toBe('published');
    }
  }, 240_000);
});
