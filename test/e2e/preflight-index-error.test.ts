// Index errors at pre-flight, end to end: the index answering 500 at the queue's pre-flight is retried with backoff like
// the workers do; one that stays down fails the step with one sentence, uploads nothing, and the
// release resumes with `run --headless --yes` once the registry is back.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTinyRelease, type TinyRelease } from './tiny-release.js';

let t: TinyRelease | undefined;
afterEach(() => t?.close());

/** The tiny release with two retries (backoff ~1 s then ~2 s), committed: the tree stays clean. */
async function open(name: string): Promise<TinyRelease> {
  const r = await openTinyRelease(name);
  const file = join(r.repo, '.releaserc.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as { crates: Record<string, unknown> };
  config.crates.maxRetries = 2;
  writeFileSync(file, JSON.stringify(config, null, 2));
  execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-qam', 'two retries'], { cwd: r.repo });
  return r;
}

const PREFLIGHT_RETRY = /pre-flight: the index answered 500 for \S+tiny-base; asking again in \d+\.\d s \(1\/2\)/;

describe('an index 500 at pre-flight', () => {
  it('is retried, and the release goes on', async () => {
    t = await open('preflight-500');
    t.reg.setFaults({ indexError: { times: 2, crates: ['tiny-base'] } });
    const run = await t.cli('run', '--headless', '--yes');
    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toMatch(PREFLIGHT_RETRY);
    expect(run.out).toMatch(/\(2\/2\)/);
    expect(run.out).toMatch(/pre-flight: 2 to publish/);
    expect(Object.fromEntries(t.reg.publishAttempts)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 });
  }, 120_000);

  it('that persists fails the step with one sentence, uploads nothing, and resumes once the index is back', async () => {
    t = await open('preflight-down');
    t.reg.setFaults({ indexError: { times: 1_000_000 } });
    const down = await t.cli('run', '--headless', '--yes');
    expect(down.code).toBe(1);
    expect(down.out + down.err).not.toMatch(/internal error|\n\s+at /);
    expect(down.out).toMatch(PREFLIGHT_RETRY);
    expect(down.out).toMatch(
      /pre-flight: the index answered 500 for \S+, still after 2 retries; nothing was uploaded: run again once the index answers/,
    );
    expect(t.reg.publishAttempts.size).toBe(0);
    const status = JSON.parse((await t.cli('status', '--json')).out) as { steps: Record<string, { status: string }> };
    expect(status.steps.publish?.status).toBe('failed');

    t.reg.setFaults({ indexError: undefined });
    const back = await t.cli('run', '--headless', '--yes');
    expect(back.code, back.out + back.err).toBe(0);
    expect(back.out).toMatch(/failed earlier \(pre-flight: .*\): retrying it \(--yes\)/);
    expect(Object.fromEntries(t.reg.publishAttempts)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 });
    expect(Object.fromEntries(t.reg.uploads)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 });
  }, 120_000);
});
