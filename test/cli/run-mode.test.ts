import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../../src/cli/args.js';
import { runHeadless } from '../../src/cli/run-mode.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

function repoWith(steps: unknown[], extra: Record<string, unknown> = {}): TempRepo {
  const config = {
    project: 'Demo',
    version: '1.0.0',
    ...extra,
    phases: [
      { id: 'checks', title: 'Checks', steps },
      {
        id: 'ship',
        title: 'Ship',
        steps: [{ id: 'push', kind: 'run', run: ['node', '-e', "console.log('pushed')"], irreversible: true }],
      },
    ],
  };
  const r = makeGitRepo({ commit: true, files: { '.releaserc.json': JSON.stringify(config, null, 2) } });
  repos.push(r);
  return r;
}

async function headless(
  repo: TempRepo,
  flags: string[] = [],
  env: Record<string, string | undefined> = { PATH: process.env.PATH },
) {
  let out = '';
  let err = '';
  const code = await runHeadless(parseArgs(['run', '--headless', '--repo', repo.dir, ...flags]), {
    out: { write: (s: string) => (out += s), isTTY: false },
    err: { write: (s: string) => (err += s) },
    env,
  });
  return { code, out, err };
}

const test = {
  id: 'test',
  kind: 'run',
  run: ['node', '-e', "console.log('running'); console.log('137 tests passed')"],
  summary: '(\\d+ tests passed)',
};
const STATE = (r: TempRepo) => join(r.dir, '.git', 'release-cockpit', '1.0.0');

describe('run --headless', () => {
  it("strips a child's escape sequences when not on a terminal (or under NO_COLOR), and masks a token split by a colour code", async () => {
    const js = String.raw`process.stdout.write('\x1b[31mred\x1b[0m \x1b]0;title\x07\x1b[2Kcleared \x07bell \x1b(Bcharset tok-\x1b[1m0123456789\x1b[0m\n')`;
    for (const env of [{ PATH: process.env.PATH }, { PATH: process.env.PATH, NO_COLOR: '1' }]) {
      const r = repoWith([
        { id: 'esc', kind: 'run', run: ['node', '-e', js], env: { DEPLOY_TOKEN: 'tok-0123456789' } },
      ]);
      const { out } = await headless(r, ['--yes'], env);
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
      expect(out).toMatch(/^\d\d:\d\d:\d\d {5}red cleared bell charset \*\*\*$/m);
      expect(out.replace(/^.*▶.*$/m, '')).not.toContain('0123456789'); // the start line shows the argv, which holds the escapes as text
    }
  });

  it('prints timestamped lines without ANSI and exits 0 when done', async () => {
    const r = repoWith([test]);
    const { code, out } = await headless(r, ['--yes']);
    expect(code).toBe(0);
    expect(out).not.toMatch(/\u001b\[/);
    expect(out).toMatch(/^\d\d:\d\d:\d\d ▶ checks\/test {2}node -e /m);
    expect(out).toMatch(/^\d\d:\d\d:\d\d {5}137 tests passed$/m);
    expect(out).toMatch(/^\d\d:\d\d:\d\d ✓ passed \(\d+\.\d s\) 137 tests passed$/m);
    expect(out).toMatch(/━━ Checks \[checks\]/);
    expect(out).toMatch(/Demo 1\.0\.0: done \(2 passed\)/);
    expect(existsSync(join(STATE(r), 'lock'))).toBe(false);
  });

  it("ends with the cockpit's completion summary, line for line", async () => {
    const r = repoWith([test]);
    const { code, out } = await headless(r, ['--yes']);
    expect(code).toBe(0);
    const tail = out.slice(out.indexOf('Demo 1.0.0: released')).trimEnd().split('\n');
    // The panel's lines (core/completion.ts), printed after the exit words.
    expect(tail).toEqual([
      'Demo 1.0.0: released',
      `Report: ${join(STATE(r), 'report.md')}`,
      'Next:',
      '  - Development continues at 1.1.0.',
      "  - Something wrong? The cockpit's y opens the rollback menu.",
    ]);
  });

  it('uses colour only on a terminal without NO_COLOR', async () => {
    const r = repoWith([test]);
    let out = '';
    await runHeadless(parseArgs(['run', '--headless', '--yes', '--repo', r.dir]), {
      out: { write: (s: string) => (out += s), isTTY: true },
      err: { write: () => undefined },
      env: { PATH: process.env.PATH },
    });
    expect(out).toMatch(/\u001b\[32m✓ passed/);
  });

  it('exits 1 on a failure and says why, with the command that resumes it', async () => {
    const r = repoWith([{ id: 'bad', kind: 'run', run: ['node', '-e', 'process.exit(4)'] }]);
    const { code, out, err } = await headless(r, ['--yes']);
    expect(code).toBe(1);
    expect(out).toMatch(/✗ failed \(\d+\.\d s\): node exited with code 4/);
    expect(err).toContain('Demo 1.0.0: 0/2 steps done; stopped at bad (failed).');
    expect(err).toContain(`Resume with: release-cockpit run --headless --yes --repo ${r.dir}`);
  });

  it('without --yes, lists the confirmations the run needs and stops before changing anything', async () => {
    const r = repoWith([test, { id: 'look', kind: 'manual', title: 'Read the diff' }]);
    const { code, out, err } = await headless(r);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('this run needs 2 confirmations and --yes was not given; nothing was changed:');
    expect(err).toContain('  checks/look: confirm the manual step: Read the diff');
    expect(err).toContain(`  ship/push: irreversible: node -e console.log('pushed')`);
    expect(existsSync(STATE(r))).toBe(false); // not even the state dir: the release never started
    expect((await headless(r, ['--yes'])).code).toBe(0);
  });

  it('without --yes on a failed release, the refused run is not a session: the saved count and time stay', async () => {
    const r = repoWith([{ id: 'gate', kind: 'run', run: ['node', '-e', 'process.exit(process.env.GO ? 0 : 4)'] }]);
    const env = { PATH: process.env.PATH };
    expect((await headless(r, ['--yes'], env)).code).toBe(1);
    const saved = (): { sessions: number; updatedAt: string } =>
      JSON.parse(readFileSync(join(STATE(r), 'state.json'), 'utf8')).state;
    const before = saved();
    expect(before.sessions).toBe(1);
    for (let i = 0; i < 2; i++) {
      const refused = await headless(r, [], env);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('this run needs 1 confirmation and --yes was not given; nothing was changed:');
    }
    expect(saved()).toMatchObject({ sessions: 1, updatedAt: before.updatedAt });
    const next = await headless(r, ['--yes'], { ...env, GO: '1' });
    expect(next.code, next.out + next.err).toBe(0);
    expect(next.out).toContain(`Demo 1.0.0: session 2, state in ${STATE(r)}`);
    expect(saved().sessions).toBe(2);
  });

  it("without --yes in the demo, the command that answers them is the demo's, not its sandbox's config", async () => {
    const r = repoWith([test]);
    let err = '';
    const args = parseArgs(['run', '--headless', '--repo', r.dir, '--config', join(r.dir, '.releaserc.json')]);
    const io = {
      out: { write: () => true },
      err: { write: (s: string) => (err += s) },
      env: { PATH: process.env.PATH },
    };
    for (const npm of [false, true]) {
      err = '';
      expect(await runHeadless(args, io, { demo: { fast: true, npm } })).toBe(1);
      expect(err).toContain('Run it with --yes to answer them (`release-cockpit demo --fast --headless --yes`)');
    }
    expect(existsSync(STATE(r))).toBe(false);
  });

  it('--dry-run prints what it would run and saves nothing', async () => {
    const r = repoWith([test]);
    const { code, out } = await headless(r, ['--dry-run']);
    expect(code).toBe(0);
    expect(out).toMatch(/would run: node -e console\.log\('pushed'\)/);
    expect(out).toMatch(/✓ passed.*137 tests passed/);
    expect(existsSync(STATE(r))).toBe(false);
  });

  it('--only runs one phase', async () => {
    const r = repoWith([test]);
    const { code, out } = await headless(r, ['--only', 'ship', '--yes']);
    expect(code).toBe(0);
    expect(out).not.toMatch(/checks\/test/);
    expect(out).toMatch(/ship\/push/);
  });

  it('refuses a plan with errors and prints them', async () => {
    const r = repoWith([test], { crates: { publish: ['ghost'] } });
    const { code, err } = await headless(r, ['--yes']);
    expect(code).toBe(1);
    expect(err).toMatch(/error: .*ghost.*\[unknown-crate\]/);
    expect(err).toMatch(/the plan has 1 error/);
    expect(existsSync(STATE(r))).toBe(false);
  });

  it('SIGINT: the running step ends interrupted, state saved, lock released, exit 130', async () => {
    const r = repoWith([
      { id: 'slow', kind: 'run', run: ['node', '-e', "console.log('started'); setTimeout(() => {}, 60000)"] },
    ]);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'run', '--headless', '--yes', '--repo', r.dir],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let sent = false;
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      // Once: a second signal means "force" (exit now, the step left running).
      if (!sent && /^\S+ {5}started$/m.test(out)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((res) => child.once('exit', (c) => res(c)));
    expect(code).toBe(130);
    const state = JSON.parse(readFileSync(join(STATE(r), 'state.json'), 'utf8')).state;
    expect(state.steps.slow.status).toBe('interrupted');
    expect(existsSync(join(STATE(r), 'lock'))).toBe(false);
  });

  it('--dry-run beside a live run says the run is live instead of calling its step interrupted; SIGHUP saves and unlocks', async () => {
    const r = repoWith([
      { id: 'slow', kind: 'run', run: ['node', '-e', "console.log('started'); setTimeout(() => {}, 60000)"] },
    ]);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'run', '--headless', '--yes', '--repo', r.dir],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((res) => child.once('exit', (c) => res(c)));
    await new Promise<void>((res) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (/^\S+ {5}started$/m.test(out)) res();
      });
    });
    const dry = await headless(r, ['--dry-run']);
    expect(dry.out).toMatch(new RegExp(`A run is live \\(pid ${child.pid} on `));
    expect(dry.out).toMatch(/checks\/slow is running in the live session .*: the dry run stops here\./);
    expect(dry.out).not.toMatch(/interrupted/);
    expect(dry.code).toBe(1);
    child.kill('SIGHUP');
    expect(await exited).toBe(129);
    const state = JSON.parse(readFileSync(join(STATE(r), 'state.json'), 'utf8')).state;
    expect(state.steps.slow.status).toBe('interrupted');
    expect(existsSync(join(STATE(r), 'lock'))).toBe(false);
  });

  it('a journal that cannot be written (EISDIR) is one sentence naming the file, exit 1, no stack trace', async () => {
    const r = repoWith([test]);
    mkdirSync(join(STATE(r), 'journal.jsonl'), { recursive: true });
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'run', '--headless', '--yes', '--repo', r.dir],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(child.status).toBe(1);
    expect(child.stderr.trim().split('\n')).toEqual([
      `release-cockpit: could not read the journal ${join(STATE(r), 'journal.jsonl')} (EISDIR); nothing runs until it can be read. Something made ${join(STATE(r), 'journal.jsonl')} a directory: move it aside, then run again to resume.`,
    ]);
  });
});
