// `run --headless --retry CRATE` / `--skip CRATE --reason TEXT` with real cargo and the loopback
// registry: a crate the registry keeps refusing (500) fails the queue; a crate that has not failed
// is refused in one sentence; once the registry is back `--retry` of the failed crate finishes the
// release, and `--skip` with a reason passes it by, the rest published, nothing uploaded twice.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTinyRelease, type TinyRelease } from './tiny-release.js';

let t: TinyRelease | undefined;
afterEach(() => t?.close());

/** The tiny release with no retries, tiny-mid refused by the registry until the fault is cleared. */
async function failingMid(name: string): Promise<TinyRelease> {
  const r = await openTinyRelease(name);
  const file = join(r.repo, '.releaserc.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as { crates: Record<string, unknown> };
  config.crates.maxRetries = 0;
  writeFileSync(file, JSON.stringify(config, null, 2));
  execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-qam', 'no retries'], { cwd: r.repo });
  r.reg.setFaults({ serverError: { times: 1_000_000, crates: ['tiny-mid'] } });
  const first = await r.cli('run', '--headless', '--yes');
  expect(first.code, first.out + first.err).toBe(1);
  expect(first.err).toContain('stopped at publish (failed)');
  const status = JSON.parse((await r.cli('status', '--json')).out) as { crates: Record<string, { status: string }> };
  expect(status.crates['tiny-base']?.status).toBe('published');
  expect(status.crates['tiny-mid']?.status).toBe('failed');
  return r;
}

describe('run --headless --retry / --skip of a crate', () => {
  it('a crate that has not failed is refused; --retry of the failed one publishes it once', async () => {
    t = await failingMid('crate-retry');
    const refused = await t.cli('run', '--headless', '--yes', '--retry', 'tiny-base');
    expect(refused.code).toBe(1);
    expect(refused.err.trim()).toBe(
      'release-cockpit: --retry tiny-base: it is published, not failed; only a failed crate can be retried this way. Failed now: publish, tiny-mid.',
    );
    // A misspelt name: the closest one, and the crates it could name besides the steps.
    const misspelt = await t.cli('run', '--headless', '--yes', '--retry', 'tiny-mdi');
    expect(misspelt.code).toBe(1);
    expect(misspelt.err.trim()).toMatch(
      /^release-cockpit: --retry tiny-mdi: no step or crate `tiny-mdi` in .*; did you mean `tiny-mid`\? Steps: .*; crates: tiny-base, tiny-mid\b.*\.$/,
    );

    t.reg.setFaults({ serverError: undefined });
    const retried = await t.cli('run', '--headless', '--yes', '--retry', 'tiny-mid');
    expect(retried.code, retried.out + retried.err).toBe(0);
    expect(await t.onIndex('tiny-mid')).toBe('published');
    expect(Object.fromEntries(t.reg.uploads)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 });
  }, 240_000);

  it('--skip of the failed crate with a reason passes it by and finishes the release', async () => {
    t = await failingMid('crate-skip');
    const skipped = await t.cli('run', '--headless', '--yes', '--skip', 'tiny-mid', '--reason', 'published by hand');
    expect(skipped.code, skipped.out + skipped.err).toBe(0);
    expect(skipped.out).toMatch(
      /✓ passed .*1 published, 0 already published, 1 skipped \(tiny-mid: published by hand\)$/m,
    );
    const status = JSON.parse((await t.cli('status', '--json')).out) as { crates: Record<string, { status: string }> };
    expect(status.crates['tiny-mid']?.status).toBe('skipped');
    expect(await t.onIndex('tiny-mid')).toBe('absent');
    expect(Object.fromEntries(t.reg.uploads)).toEqual({ 'tiny-base@0.1.0': 1 });
  }, 240_000);
});
