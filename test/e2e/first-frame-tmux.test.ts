// The first frame in a real terminal (tmux): drawn as text before Ink is loaded, then Ink's first
// frame written over it without a changed cell, then the App, whose screen is the same as when it
// is drawn again on a cleared screen: nothing of the first frame is left behind. Sizes: wide, 80x24 with a
// plan longer than the screen, and narrow (stacked panes).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';

const DRIVER = join(ROOT, 'test/helpers/first-frame-driver.ts');

describe('the first frame in a real terminal', () => {
  const sessions: TmuxSession[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.kill();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function start(cols: number, rows: number, plan: string): { tmux: TmuxSession; dir: string } {
    const dir = mkdtempSync(join(tmpdir(), 'rc-first-frame-'));
    const tmux = new TmuxSession(cols, rows);
    sessions.push(tmux);
    dirs.push(dir);
    tmux.start([process.execPath, '--import', 'tsx', DRIVER, dir, plan], ROOT);
    return { tmux, dir };
  }

  async function quit(tmux: TmuxSession): Promise<void> {
    tmux.keys('q');
    await tmux.waitFor(() => tmux.exitStatus() !== undefined);
    expect(tmux.exitStatus()).toBe(0);
    expect(tmux.alternateScreen()).toBe(false);
  }

  /** The App's screen once two reads in a row agree. */
  async function steadyApp(tmux: TmuxSession): Promise<string> {
    let last = '';
    await tmux.waitFor(() => {
      const now = tmux.styledScreen();
      const steady = now === last && now.includes('steps done');
      last = now;
      return steady;
    });
    return last;
  }

  it.each([
    [120, 40, 'demo'],
    [80, 24, 'long'],
    [100, 30, 'demo'],
  ])(
    'at %sx%s (%s plan): Ink takes the first frame over cell for cell, the App leaves nothing of it',
    async (cols, rows, plan) => {
      const { tmux, dir } = start(cols, rows, plan);
      await tmux.waitFor(() => tmux.title() === 'pre-drawn');
      const preDrawn = tmux.styledScreen();
      expect(tmux.alternateScreen()).toBe(true);
      expect(preDrawn).toContain('opening…');
      expect(preDrawn).toContain('Checklist');

      writeFileSync(join(dir, 'go-ink'), '');
      await tmux.waitFor(() => tmux.title() === 'ink-drawn');
      expect(tmux.styledScreen()).toBe(preDrawn);
      // Ink's first frame on a cleared screen: the text drawn before it had no cell more or less.
      writeFileSync(join(dir, 'redraw-1'), '');
      await tmux.waitFor(() => tmux.title() === 'redrawn-1');
      expect(tmux.styledScreen()).toBe(preDrawn);

      writeFileSync(join(dir, 'go-open'), '');
      const app = await steadyApp(tmux);
      expect(app).not.toContain('opening…');
      // The same App drawn again on a cleared screen: equal, so nothing was left behind.
      writeFileSync(join(dir, 'redraw-2'), '');
      await tmux.waitFor(() => tmux.title() === 'redrawn-2');
      expect(tmux.styledScreen()).toBe(app);
      await quit(tmux);
    },
  );
});
