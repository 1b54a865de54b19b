// A step's log on a disk that fails, through the built CLI with real children: a full disk under
// the logs folder (a 16 KiB tmpfs mounted in a private mount namespace, gone with the process),
// filled before a step or by the irreversible step itself, and the logs folder made read-only
// during the run (EACCES, as an unprivileged user). The CI output keeps every line; the step
// fails with one sentence naming its log, the errno and the fix (an irreversible step that took
// effect stays passed, with a notice); no irreversible action starts after it; exit 1, no stack
// trace; a rerun finishes without doing anything twice. Skipped where the machine allows neither
// user namespaces nor dropping to another user.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runHeadless } from '../helpers/fs-faults.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';

const marks = mkdtempSync(join(tmpdir(), 'rc-log-disk-'));
chmodSync(marks, 0o777); // the unprivileged run writes its marks here too
const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
  for (const f of readdirSync(marks)) rmSync(join(marks, f), { recursive: true, force: true });
});
afterAll(() => rmSync(marks, { recursive: true, force: true }));

type Step = { id: string; kind: 'run'; run: string[]; irreversible?: boolean };
const node = (id: string, js: string, irreversible = false): Step => ({
  id,
  kind: 'run',
  run: ['node', '-e', js],
  ...(irreversible && { irreversible }),
});
/** An irreversible step that appends a line to its mark each time it runs. */
const marking = (id: string, before = ''): Step =>
  node(id, `${before}; require('fs').appendFileSync(${JSON.stringify(join(marks, id))}, 'ran\\n')`, true);
const runs = (id: string): number =>
  existsSync(join(marks, id)) ? readFileSync(join(marks, id), 'utf8').split('\n').length - 1 : 0;

function release(steps: Step[]): { r: TempRepo; stateDir: string; logs: string } {
  const config = { project: 'Demo', version: '1.0.0', phases: [{ id: 'ship', title: 'Ship', steps }] };
  const r = makeGitRepo({ commit: true, files: { '.releaserc.json': JSON.stringify(config, null, 2) } });
  repos.push(r);
  const stateDir = join(r.dir, '.git', 'release-cockpit', '1.0.0');
  return { r, stateDir, logs: join(stateDir, 'logs') };
}

function run(r: TempRepo, wrap: string[] = [], env: Record<string, string> = {}) {
  return runHeadless(r.dir, { env, wrap });
}

/** Runs the CLI with `dir` on a fresh 16 KiB tmpfs that only this process and its children see. */
const onTinyDisk = (dir: string): string[] => [
  'unshare',
  '-rm',
  'sh',
  '-c',
  'mkdir -p "$0" && mount -t tmpfs -o size=16k tmpfs "$0" && exec "$@"',
  dir,
];

const canUnshare = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=16k tmpfs /mnt']).status === 0;
const root = process.getuid?.() === 0;
const canDrop =
  !root || spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status === 0;

function noCrash(text: string): void {
  expect(text).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)?|\bError:/);
}

const sentence = (log: string, code: string, fix: string): string =>
  `could not write the step log ${log} (${code}); nothing irreversible runs after a failed write. ${fix}`;
const DISK_FULL = 'The disk is full: free some space, then run again to resume.';
const FLOOD = "for (let i = 0; i < 3000; i++) console.log('line ' + i + ' ' + 'x'.repeat(40))";

describe('a step log on a failing disk', () => {
  it.skipIf(!canUnshare)(
    'full before the step: the output keeps every line, the step fails with the sentence, the push never runs; a rerun finishes',
    () => {
      const { r, logs } = release([node('flood', FLOOD), marking('push')]);
      const p = run(r, onTinyDisk(logs));
      expect(p.code, p.out + p.err).toBe(1);
      const log = join(logs, 'flood.log');
      const lines = p.out.split('\n');
      // The CI output has the child's 3,000 lines in order, the log lost or not.
      const numbers = lines.flatMap((l) => /^\S+ {5}line (\d+) x+$/.exec(l)?.[1] ?? []);
      expect(numbers).toEqual(Array.from({ length: 3000 }, (_, i) => String(i)));
      expect(lines.filter((l) => l.includes('cannot be written'))).toEqual([
        expect.stringMatching(
          new RegExp(
            ` {5}the step log ${log} cannot be written \\(ENOSPC\\): the output goes on here but is not kept\\.$`,
          ),
        ),
      ]);
      expect(p.out).toContain(`✗ failed: ${sentence(log, 'ENOSPC', DISK_FULL)}`);
      expect(p.err).toContain('Demo 1.0.0: 0/2 steps done; stopped at flood (failed).');
      noCrash(p.out + p.err);
      expect(runs('push')).toBe(0);

      const again = run(r); // the tmpfs is gone with the first process: the disk has room
      expect(again.code, again.out + again.err).toBe(0);
      expect(runs('push')).toBe(1);
      expect(readFileSync(log, 'utf8')).toMatch(/\[out\] line 2999 x+\n$/);
    },
  );

  it.skipIf(!canUnshare)(
    'filled by an irreversible step: it took effect and stays passed, a notice says its log is lost, the next one never runs',
    () => {
      const fill = (logs: string) =>
        `try { require('fs').writeFileSync(${JSON.stringify(join(logs, 'filler'))}, Buffer.alloc(1 << 20)) } catch {}` +
        "; for (let i = 0; i < 300; i++) console.log('pushed ' + i)";
      const { r, logs } = release([]); // the steps name the logs path, known once the repo exists
      const steps = [marking('push', fill(logs)), marking('announce')];
      const config = { project: 'Demo', version: '1.0.0', phases: [{ id: 'ship', title: 'Ship', steps }] };
      r.write('.releaserc.json', JSON.stringify(config, null, 2));
      r.git('-c', 'commit.gpgsign=false', 'commit', '-qam', 'steps');
      const p = run(r, onTinyDisk(logs));
      expect(p.code, p.out + p.err).toBe(1);
      expect(runs('push')).toBe(1);
      expect(runs('announce')).toBe(0);
      expect(p.out).toMatch(/ {5}pushed 299$/m);
      const pushLog = join(logs, 'push.log');
      expect(p.out).toContain(`! ship/push: ${sentence(pushLog, 'ENOSPC', DISK_FULL)}`);
      expect(p.out).toContain(`✗ failed: ${sentence(join(logs, 'announce.log'), 'ENOSPC', DISK_FULL)}`);
      noCrash(p.out + p.err);

      const again = run(r);
      expect(again.code, again.out + again.err).toBe(0);
      expect([runs('push'), runs('announce')]).toEqual([1, 1]);
    },
  );

  it.skipIf(!canDrop)(
    'the logs folder made read-only during the run (EACCES): the push never runs, one sentence with the fix; a rerun finishes',
    () => {
      const { r, logs } = release([]);
      const lockLogs = node('lock-logs', `require('fs').chmodSync(${JSON.stringify(logs)}, 0o555)`);
      const config = {
        project: 'Demo',
        version: '1.0.0',
        phases: [{ id: 'ship', title: 'Ship', steps: [lockLogs, marking('push')] }],
      };
      r.write('.releaserc.json', JSON.stringify(config, null, 2));
      r.git('-c', 'commit.gpgsign=false', 'commit', '-qam', 'steps');
      // Root is not refused by permissions: the run drops to nobody, who owns the repository.
      const wrap = root ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
      if (root) spawnSync('chown', ['-R', '65534:65534', r.dir]);
      mkdirSync(join(marks, 'home'), { recursive: true, mode: 0o777 });
      const env = { HOME: join(marks, 'home') };
      const p = run(r, wrap, env);
      expect(p.code, p.out + p.err).toBe(1);
      const log = join(logs, 'push.log');
      const fix = `Check the owner and the permissions of ${log} and ${logs} (ls -ld), then run again to resume.`;
      expect(p.out).toContain(`✗ failed: ${sentence(log, 'EACCES', fix)}`);
      expect(p.err).toContain('Demo 1.0.0: 1/2 steps done; stopped at push (failed).');
      noCrash(p.out + p.err);
      expect(runs('push')).toBe(0);

      chmodSync(logs, 0o700);
      const again = run(r, wrap, env);
      expect(again.code, again.out + again.err).toBe(0);
      expect(runs('push')).toBe(1);
    },
  );
});
