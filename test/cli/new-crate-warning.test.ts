// A library crate new since the previous tag, neither listed nor `publish = false`: besides
// `plan`, `run` names it up front and the publish step says it again before anything is
// uploaded (its output, which the cockpit shows, and its confirmation). Real git repository.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { runHeadless } from '../../src/cli/run-mode.js';
import { loadRunnablePlan } from '../../src/cli/runnable-plan.js';
import { useGitRepos, type TempRepo } from '../helpers/git-repo.js';
import { NEW_CRATE_WARNING, newCrateRepo } from '../helpers/new-crate-repo.js';

const gitRepo = useGitRepos();

const WARNING = NEW_CRATE_WARNING;
const repo = (): TempRepo => newCrateRepo(gitRepo);

describe('the new-crate warning outside `plan`', () => {
  it('the plan the cockpit and run open carries it, and it is printed before they start', async () => {
    const r = repo();
    let err = '';
    const plan = await loadRunnablePlan(parseArgs(['--repo', r.dir]), { write: (s: string) => (err += s) });
    expect(plan?.version).toBe('0.2.0');
    expect(plan?.problems.map((p) => p.code)).toContain('new-library-crate');
    expect(err).toContain('warning: rust/cache/Cargo.toml: `cache` is a library crate new since v0.1.0 (used by srv)');
  });

  it('run prints it up front and the publish step repeats it before its first upload', async () => {
    const r = repo();
    let out = '';
    let err = '';
    await runHeadless(parseArgs(['run', '--headless', '--dry-run', '--repo', r.dir]), {
      out: { write: (s: string) => (out += s), isTTY: false },
      err: { write: (s: string) => (err += s) },
      env: { PATH: process.env.PATH },
    });
    expect(err).toContain('[new-library-crate]');
    const lines = out.split('\n');
    const warned = lines.findIndex((l) => l.includes(`warning: ${WARNING}`));
    expect(warned, out).toBeGreaterThan(-1);
    const firstPublish = lines.findIndex((l) => l.includes('would run') && l.includes('cargo publish'));
    expect(firstPublish, out).toBeGreaterThan(-1);
    expect(warned).toBeLessThan(firstPublish);
  });
});
