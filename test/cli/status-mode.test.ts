import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args.js';
import { runHeadless } from '../../src/cli/run-mode.js';
import { runStatusMode } from '../../src/cli/status-mode.js';
import { UserError } from '../../src/core/user-error.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

const config = {
  project: 'Demo',
  version: '1.0.0',
  phases: [
    { id: 'checks', title: 'Code quality', steps: [{ id: 'test', kind: 'run', run: ['node', '-e', "console.log('5 tests passed')"], summary: '(\\d+ tests passed)' }, { id: 'lint', kind: 'run', run: ['node', '-e', 'process.exit(1)'] }] },
    { id: 'ship', title: 'Ship', steps: [{ id: 'eyeball', kind: 'manual', title: 'Look' }] },
  ],
};

async function started(): Promise<TempRepo> {
  const r = makeGitRepo({ files: { '.releaserc.json': JSON.stringify(config) } });
  repos.push(r);
  const sink = { write: () => true };
  await runHeadless(parseArgs(['run', '--headless', '--repo', r.dir]), { out: sink, err: sink, env: { PATH: process.env.PATH } });
  return r;
}

async function status(r: TempRepo, flags: string[] = []) {
  let out = '';
  const code = await runStatusMode(parseArgs(['status', '--repo', r.dir, ...flags]), { out: { write: (s: string) => (out += s), isTTY: false }, env: {} });
  return { code, out };
}

describe('status', () => {
  it('prints the Release Execution Log with each step', async () => {
    const r = await started();
    const { code, out } = await status(r);
    expect(code).toBe(0);
    expect(out).toMatch(/^Demo 1\.0\.0 \(next 1\.1\.0\): session 1/);
    expect(out).toContain('Release Execution Log');
    expect(out).toMatch(/Code quality \[checks\]\n {4}Started: \d{4}-\d\d-\d\dT[\d:.]+Z {3}Completed: ____/);
    expect(out).toMatch(/Ship \[ship\]\n {4}Started: ____ {3}Completed: ____/);
    expect(out).toMatch(/✓ passed +test +\d+\.\d s +5 tests passed/);
    expect(out).toMatch(/✗ failed +lint +\d+\.\d s +node exited with code 1/);
    expect(out).toMatch(/· pending +eyeball/);
  });

  it('--json prints the saved state object', async () => {
    const r = await started();
    const { out } = await status(r, ['--json']);
    const state = JSON.parse(out);
    const file = JSON.parse(readFileSync(join(r.dir, '.git', 'release-cockpit', '1.0.0', 'state.json'), 'utf8'));
    expect(state).toEqual(file.state);
    expect(state.steps.test.summary).toBe('5 tests passed');
  });

  it('still reads the state when the config is broken', async () => {
    const r = await started();
    writeFileSync(join(r.dir, '.releaserc.json'), '{ nope');
    const { out } = await status(r);
    expect(out).toMatch(/✓ passed +test/);
  });

  it('says when no release is in progress', async () => {
    const r = makeGitRepo({ files: { '.releaserc.json': JSON.stringify(config) } });
    repos.push(r);
    await expect(status(r)).rejects.toThrow(UserError);
    await expect(status(r)).rejects.toThrow(/no release in progress for Demo 1\.0\.0/);
  });

  it('reports a corrupt state without moving it (read-only)', async () => {
    const r = await started();
    const file = join(r.dir, '.git', 'release-cockpit', '1.0.0', 'state.json');
    writeFileSync(file, '{"state":');
    await expect(status(r)).rejects.toThrow(/is corrupt/);
    expect(readFileSync(file, 'utf8')).toBe('{"state":');
  });
});
