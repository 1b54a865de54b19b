// Real file-system faults for the e2e tests: what this machine allows, and the built CLI run
// headless under a wrapper (unshare, setpriv) that makes the fault.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './cli.js';

/** Whether this file system takes the immutable flag (chattr +i: every later write fails with EPERM). */
export const canChattr = ((): boolean => {
  const d = mkdtempSync(join(tmpdir(), 'rc-chattr-'));
  const f = join(d, 'f');
  try {
    spawnSync('touch', [f]);
    const ok = spawnSync('chattr', ['+i', f]).status === 0;
    spawnSync('chattr', ['-i', f]);
    return ok;
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
})();

/** `run --headless --yes` of the built CLI on `repo`, under `wrap`, with only PATH and NO_COLOR from here. */
export function runHeadless(
  repo: string,
  opts: { env?: Record<string, string>; wrap?: string[] } = {},
): { code: number | null; out: string; err: string } {
  const argv = [...(opts.wrap ?? []), process.execPath, CLI, 'run', '--headless', '--yes', '--repo', repo];
  const p = spawnSync(argv[0]!, argv.slice(1), {
    env: { PATH: process.env.PATH, NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: p.status, out: p.stdout, err: p.stderr };
}
