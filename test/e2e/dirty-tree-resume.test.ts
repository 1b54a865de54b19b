// With real cargo and the loopback registry: cargo refuses a dirty tree mid-queue (a file appears
// in a crate's directory after the first upload, past the clean-tree check the step starts with:
// the release plan written beside the code, as it happened), the maintainer commits it, and the
// same `run --headless --yes` finishes the release: every crate uploaded exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTinyRelease, tokenInCredentialsOnly, type TinyRelease } from './tiny-release.js';

let t: TinyRelease;

beforeAll(async () => {
  t = await openTinyRelease('dirty-tree-resume');
  // cargo's upload path: it packages each crate again at its upload, and refuses the dirty tree
  // (the queue's own uploads send the package verify-first made from the clean tree).
  tokenInCredentialsOnly(t.env);
  // A grace period after tiny-base is visible: the window in which the file appears.
  const file = join(t.repo, '.releaserc.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as { crates: Record<string, unknown> };
  config.crates.graceSeconds = 3;
  writeFileSync(file, JSON.stringify(config, null, 2));
  git('commit', '-qam', 'grace period');
}, 120_000);

afterAll(() => t?.close());

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: t.repo, encoding: 'utf8' });
}

/** Resolves once the registry stored NAME@0.1.0, then writes the file (polled: the CLI is another process). */
async function whenUploaded(name: string, then: () => void, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if ((t.reg.uploads.get(`${name}@0.1.0`) ?? 0) > 0) return then();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${name}@0.1.0 was never uploaded`);
}

describe('cargo refusing a dirty tree mid-queue, then the file committed', () => {
  it('the queue stops at that crate with cargo reason; after the commit a rerun with --yes finishes, one upload each', async () => {
    const notes = join(t.repo, 'mid', 'RELEASE_PLAN.md');
    const [first] = await Promise.all([
      t.cli('run', '--headless', '--yes'),
      whenUploaded('tiny-base', () => writeFileSync(notes, '# release plan\n')),
    ]);
    expect(first.code, first.out + first.err).toBe(1);
    // cargo's own refusal, at the second crate (the step's clean-tree check had passed).
    expect(first.out).toMatch(
      /tiny-mid: .*dirty-tree: error: 1 files in the working directory contain changes that were not yet committed into git: RELEASE_PLAN\.md; commit or stash them, then retry/,
    );
    expect(t.reg.uploads.get('tiny-base@0.1.0')).toBe(1);
    expect(t.reg.uploads.get('tiny-mid@0.1.0') ?? 0).toBe(0);

    git('add', 'mid/RELEASE_PLAN.md');
    git('commit', '-qm', 'the release plan');
    const second = await t.cli('run', '--headless', '--yes');
    expect(second.code, second.out + second.err).toBe(0);
    expect(second.out + second.err).toContain('retrying it (--yes)');
    expect(await t.onIndex('tiny-mid')).toBe('published');
    expect([...t.reg.uploads.entries()].sort()).toEqual([
      ['tiny-base@0.1.0', 1],
      ['tiny-mid@0.1.0', 1],
    ]);
  }, 240_000);
});
