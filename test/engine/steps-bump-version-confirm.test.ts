// The bump-version confirmation says what headless prints: every file:line whose version moves
// (old → new), each command with its directory, and the branch the push goes to.
import { describe, expect, it } from 'vitest';
import { bumpVersionStep } from '../../src/engine/steps/bump-version.js';
import { bumpContext, MESSAGE, setupBump } from '../helpers/bump-fixture.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-bump-confirm-');

describe('bump-version confirmation', () => {
  it('lists each file:line old → new, each command in its directory, and the branch the push goes to', async () => {
    const refresh = { run: ['yarn', 'install', '--mode', 'update-lockfile'], cwd: 'grafana' };
    const { dir, plan, stateDir, git } = setupBump(tempDir, { commit: true, push: true, after: [refresh] });
    const before = git('rev-parse', 'HEAD');
    const req = await bumpVersionStep.confirmation!(bumpContext(plan, dir, stateDir).ctx);
    expect(req.heading).toBe('It will edit the files below, then run:');
    expect(req.commands).toEqual([refresh.run, ['git', 'commit', '-m', MESSAGE], ['git', 'push', 'origin', 'HEAD']]);
    expect(req.cwds).toEqual(['grafana', '.', '.']);
    const [count, ...rest] = req.details!;
    const moves = rest.slice(0, -1);
    expect(count).toBe(`Version values moving to 0.16.0 (${moves.length}):`);
    // Every value that moves, the lockfile's included (its 17 lines elided here), pins too.
    expect(moves.filter((l) => l.startsWith('  rust/Cargo.lock:'))).toHaveLength(17);
    expect(moves.filter((l) => !l.startsWith('  rust/Cargo.lock:'))).toEqual([
      '  grafana/package.json:3  0.15.0 → 0.16.0',
      '  python/micromegas/pyproject.toml:3  0.15.0 → 0.16.0',
      ...[25, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42].map((n) => `  rust/Cargo.toml:${n}  0.15.0 → 0.16.0`),
      '  rust/datafusion-wasm/Cargo.toml:3  0.15.0 → 0.16.0',
      '  rust/datafusion-wasm/Cargo.toml:11  0.15.0 → 0.16.0',
      '  rust/tracing/Cargo.toml:11  ^0.15 → ^0.16',
      '  rust/transit/Cargo.toml:11  ^0.15 → ^0.16',
    ]);
    expect(rest.at(-1)).toBe('The push sends main to origin/main.');
    // Asking changed nothing.
    expect(git('status', '--porcelain')).toBe('');
    expect(git('rev-parse', 'HEAD')).toBe(before);
  });

  it('says so when the files already carry the next version, and names a detached HEAD before the push fails', async () => {
    const { dir, plan, stateDir, git } = setupBump(tempDir, { commit: true, push: true });
    await bumpVersionStep.run(bumpContext(plan, dir, stateDir).ctx);
    git('checkout', '-q', '--detach');
    const req = await bumpVersionStep.confirmation!(bumpContext(plan, dir, stateDir).ctx);
    expect(req.details).toEqual([
      'The files already carry 0.16.0.',
      'HEAD is detached: the push will fail; check out the release branch first.',
    ]);
  });
});
