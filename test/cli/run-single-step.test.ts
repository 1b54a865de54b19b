// `run --headless --retry STEP` / `--skip STEP --reason TEXT` on a real git repo: bad names are one
// sentence with the closest name, a step that has not failed is refused, a failed one is retried
// or skipped and the run goes on.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args.js';
import { runHeadless } from '../../src/cli/run-mode.js';
import { UserError } from '../../src/core/user-error.js';
import { useGitRepos, type TempRepo } from '../helpers/git-repo.js';

const gitRepo = useGitRepos();

/** `lint` fails until lint-ok exists; `test` passes. */
function repo(): TempRepo {
  const config = {
    project: 'Demo',
    version: '1.0.0',
    phases: [
      {
        id: 'checks',
        title: 'Checks',
        steps: [
          { id: 'test', kind: 'run', run: ['node', '-e', "console.log('tested')"] },
          { id: 'lint', kind: 'run', run: ['node', '-e', "process.exit(require('fs').existsSync('lint-ok') ? 0 : 4)"] },
          { id: 'docs', kind: 'run', run: ['node', '-e', "console.log('documented')"] },
        ],
      },
    ],
  };
  const r = gitRepo({ commit: true, files: { '.releaserc.json': JSON.stringify(config, null, 2) } });
  return r;
}

async function headless(r: TempRepo, flags: string[]) {
  let out = '';
  let err = '';
  const code = await runHeadless(parseArgs(['run', '--headless', '--repo', r.dir, ...flags]), {
    out: { write: (s: string) => (out += s), isTTY: false },
    err: { write: (s: string) => (err += s) },
    env: { PATH: process.env.PATH },
  });
  return { code, out, err };
}

async function refusal(r: TempRepo, flags: string[]): Promise<string> {
  try {
    await headless(r, flags);
  } catch (e) {
    if (e instanceof UserError) return e.format();
    throw e;
  }
  throw new Error(`run ${flags.join(' ')} was not refused`);
}

describe('run --headless --retry / --skip of one step', () => {
  it('a misspelt step is one sentence with the closest name and the list, before anything runs', async () => {
    const r = repo();
    expect(await refusal(r, ['--yes', '--retry', 'lnit'])).toBe(
      '--retry lnit: no step or crate `lnit` in Demo 1.0.0; did you mean `lint`? Steps: test, lint, docs.',
    );
    expect(await refusal(r, ['--yes', '--skip', 'tset', '--reason', 'flaky'])).toBe(
      '--skip tset: no step or crate `tset` in Demo 1.0.0; did you mean `test`? Steps: test, lint, docs.',
    );
    expect(await refusal(r, ['--yes', '--retry', 'deploy'])).toBe(
      '--retry deploy: no step or crate `deploy` in Demo 1.0.0. Steps: test, lint, docs.',
    );
    // Refused up front: no release was started.
    expect(existsSync(join(r.dir, '.git', 'release-cockpit'))).toBe(false);
    expect(r.git('status', '--porcelain')).toBe('');
    expect(() => r.git('rev-parse', '--verify', '-q', 'refs/tags/v1.0.0')).toThrow();
  });

  it('a step that has not failed is refused, naming what has failed', async () => {
    const r = repo();
    const first = await headless(r, ['--yes']);
    expect(first.code).toBe(1);
    expect(await refusal(r, ['--yes', '--retry', 'test'])).toBe(
      '--retry test: it is passed, not failed; only a failed step can be retried this way. Failed now: lint.',
    );
    expect(await refusal(r, ['--yes', '--skip', 'lint'])).toContain('--skip lint needs --reason TEXT');
  });

  it('--retry of the failed step reruns it and goes on; --skip with a reason passes it by', async () => {
    const r = repo();
    expect((await headless(r, ['--yes'])).code).toBe(1);
    r.write('lint-ok', '');
    const retried = await headless(r, ['--yes', '--retry', 'lint']);
    expect(retried.code, retried.out + retried.err).toBe(0);
    expect(retried.out).toContain('documented');

    const s = repo();
    expect((await headless(s, ['--yes'])).code).toBe(1);
    const skipped = await headless(s, ['--yes', '--skip', 'lint', '--reason', 'linted by hand']);
    expect(skipped.code, skipped.out + skipped.err).toBe(0);
    expect(skipped.out).toContain('linted by hand');
    expect(skipped.out).toContain('documented');
  });
});
