// The demo resumes: its sandbox lives in the XDG state dir (a temporary one here, never the
// user's), its registry and PyPI keep what they stored on disk. kill -9 in the middle of the
// crate queue, then the same command again: it says it resumes, finishes, and every crate was
// uploaded exactly once. Real git, real cargo (or the stand-in) against the loopback registry.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PUBLISH_ORDER } from '../../src/sandbox/demo-crates.js';
import { CLI } from '../helpers/cli.js';

const homes: string[] = [];
afterEach(() => {
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stateHome(): { env: NodeJS.ProcessEnv; root: string } {
  const home = mkdtempSync(join(tmpdir(), 'rc-xdg-'));
  homes.push(home);
  return { env: { ...process.env, XDG_STATE_HOME: home, NO_COLOR: '1' }, root: join(home, 'release-cockpit', 'demo') };
}

const demo = (env: NodeJS.ProcessEnv, flags: string[] = []) =>
  spawnSync(process.execPath, [CLI, 'demo', '--headless', '--fast', '--yes', ...flags], {
    encoding: 'utf8',
    env,
    timeout: 280_000,
  });

describe('demo resume', () => {
  it('kill -9 mid-queue, then the same command: resumes, finishes, every crate uploaded once', async () => {
    const { env, root } = stateHome();
    const child = spawn(process.execPath, [CLI, 'demo', '--headless', '--fast', '--yes'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const killed = await new Promise<boolean>((resolve) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        // Three crates uploaded: the queue is mid-way.
        if ((out.match(/Uploaded micromegas-/g) ?? []).length >= 3 && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve(true);
        }
      });
      child.once('exit', () => resolve(false));
    });
    expect(killed, out.slice(-2000)).toBe(true);
    await new Promise((r) => child.once('exit', r));
    const before = uploads(root);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(DEMO_PUBLISH_ORDER.length);

    const again = demo(env);
    expect(again.stderr).toMatch(/demo: resuming the unfinished demo release 0\.15\.0 \(\d+\/\d+ steps done\)/);
    expect(again.status, `${again.stderr}\n${again.stdout.slice(-3000)}`).toBe(0);
    expect(again.stdout).toMatch(/Micromegas 0\.15\.0: done/);
    // Its way back to the rollback menu is the demo's cockpit (the sandbox's registry answers there).
    expect(again.stdout).toContain(
      "Something wrong? `release-cockpit demo --fast` opens the demo's cockpit; its y opens the rollback menu.",
    );
    // Exactly once, across the kill: the registry's own record of stored uploads.
    const names = uploads(root).map((u) => `${u.name}@${u.version}`);
    expect(names.sort()).toEqual(DEMO_PUBLISH_ORDER.map((n) => `${n}@0.15.0`).sort());
    // Finished: a third run says so, and `--clean` removes the sandbox.
    const third = demo(env);
    expect(third.stderr).toContain('demo: the demo release 0.15.0 is finished');
    const clean = spawnSync(process.execPath, [CLI, 'demo', '--clean'], { encoding: 'utf8', env });
    expect(clean.stdout).toBe(`removed the demo sandbox ${root}\n`);
    expect(existsSync(root)).toBe(false);
  }, 600_000);

  it('--fresh replaces the sandbox (an older one included); without it the same one is reopened', () => {
    const { env, root } = stateHome();
    mkdirSync(join(root, 'micromegas'), { recursive: true });
    writeFileSync(join(root, 'sandbox.json'), JSON.stringify({ format: 1 }));
    writeFileSync(join(root, 'left-over'), 'from an older sandbox\n');
    // Without --yes the run stops before changing anything: only the sandbox is (re)made.
    const fresh = ['--headless', '--fast', '--fresh'];
    const first = spawnSync(process.execPath, [CLI, 'demo', ...fresh], { encoding: 'utf8', env, timeout: 280_000 });
    expect(first.stderr).toContain(`demo: sandbox: ${root} (new;`);
    expect(first.stderr).toContain('this run needs');
    expect(first.stderr).toContain('Run it with --yes to answer them (`release-cockpit demo --fast --headless --yes`)');
    expect(first.status).toBe(1);
    expect(existsSync(join(root, 'left-over'))).toBe(false);
    expect(JSON.parse(readFileSync(join(root, 'sandbox.json'), 'utf8'))).toMatchObject({ format: 2 });

    writeFileSync(join(root, 'left-over'), 'kept while the sandbox is resumed\n');
    const again = spawnSync(process.execPath, [CLI, 'demo', '--headless', '--fast'], { encoding: 'utf8', env });
    expect(again.stderr).toContain(`demo: sandbox: ${root} (resumed;`);
    expect(existsSync(join(root, 'left-over'))).toBe(true);
    const third = spawnSync(process.execPath, [CLI, 'demo', ...fresh], { encoding: 'utf8', env, timeout: 280_000 });
    expect(third.stderr).toContain(`demo: sandbox: ${root} (new;`);
    expect(existsSync(join(root, 'left-over'))).toBe(false);
  }, 600_000);

  it('refuses a sandbox left by an older version with the --fresh hint, leaving it as it is', () => {
    const { env, root } = stateHome();
    mkdirSync(join(root, 'micromegas'), { recursive: true });
    writeFileSync(join(root, 'sandbox.json'), JSON.stringify({ format: 1 }));
    const r = demo(env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `the demo sandbox ${root} was made by another release-cockpit (sandbox format 1, this one uses 2); it was left as it is.`,
    );
    expect(r.stderr).toContain('release-cockpit demo --fresh');
    expect(existsSync(join(root, 'micromegas'))).toBe(true);
  });
});

function uploads(root: string): { name: string; version: string }[] {
  const file = join(root, 'registry', 'uploads.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { name: string; version: string });
}
