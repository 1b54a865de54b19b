import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Gh, GhError } from '../../src/adapters/gh.js';
import { openJournal } from '../../src/engine/journal.js';
import { recordChild } from '../../src/engine/orphans.js';
import { readStandInLog, standInEnv } from '../../src/sandbox/stand-ins/stand-ins.js';
import { createGitFixture } from '../helpers/git-fixture.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-gh-');

function setup() {
  const fx = createGitFixture(tempDir);
  const dir = tempDir();
  const log = join(dir, 'calls.jsonl');
  const env = { ...standInEnv({ log, base: fx.env }), STANDIN_GH_REQUIRE_TOKEN: '1', GH_TOKEN: 'ghp_secret' };
  fx.git(['tag', 'v1.0.0']);
  fx.git(['push', '-q', 'origin', 'v1.0.0']);
  writeFileSync(join(dir, 'notes.md'), 'Notes\n');
  writeFileSync(join(dir, 'plugin-1.0.0.tar.gz'), 'x');
  return { fx, dir, log, env, gh: new Gh(fx.dir, { env, repo: 'o/r' }) };
}

describe('Gh', () => {
  it('views, creates, drafts and deletes releases (token via env only)', async () => {
    const { dir, log, gh } = setup();
    expect(await gh.viewRelease('v1.0.0')).toBeUndefined();
    const url = await gh.createRelease({
      tag: 'v1.0.0',
      title: 'P v1.0.0',
      notesFile: join(dir, 'notes.md'),
      latest: true,
      files: [join(dir, 'plugin-1.0.0.tar.gz')],
    });
    expect(url).toBe('https://github.com/o/r/releases/tag/v1.0.0');
    expect(await gh.viewRelease('v1.0.0')).toEqual({
      tagName: 'v1.0.0',
      name: 'P v1.0.0',
      isDraft: false,
      url,
      assets: ['plugin-1.0.0.tar.gz'],
    });
    await gh.setDraft('v1.0.0');
    expect((await gh.viewRelease('v1.0.0'))?.isDraft).toBe(true);
    await gh.deleteRelease('v1.0.0');
    expect(await gh.viewRelease('v1.0.0')).toBeUndefined();
    const calls = readStandInLog(log);
    expect(calls.map((c) => c.argv.slice(0, 2).join(' '))).toEqual([
      'release view',
      'release create',
      'release view',
      'release edit',
      'release view',
      'release delete',
      'release view',
    ]);
    expect(calls[1]?.argv).toEqual([
      'release',
      'create',
      'v1.0.0',
      '--verify-tag',
      '--title',
      'P v1.0.0',
      '--notes-file',
      join(dir, 'notes.md'),
      '--latest',
      '--repo',
      'o/r',
      join(dir, 'plugin-1.0.0.tar.gz'),
    ]);
    expect(JSON.stringify(calls)).not.toContain('ghp_secret');
  });

  it('journals the gh process of a release create as the child of its intent, and only that call', async () => {
    const { dir, log, gh } = setup();
    const journal = openJournal(null);
    await journal.around('github-release', 'v1.0.0', 'gh', (intent) =>
      gh.createRelease(
        { tag: 'v1.0.0', title: 'P v1.0.0', notesFile: join(dir, 'notes.md'), latest: true, files: [] },
        { onSpawn: recordChild(journal, intent) },
      ),
    );
    expect(readStandInLog(log).map((c) => c.argv.slice(0, 2).join(' '))).toEqual(['release create']);
    const [intent, child, done] = journal.entries();
    expect(child).toMatchObject({
      type: 'child',
      id: intent?.id,
      action: 'github-release',
      target: 'v1.0.0',
      step: 'gh',
      pid: expect.any(Number),
    });
    // gh leads its own process group: a later session signals the group.
    expect(child?.type === 'child' && child.pgid === child.pid && child.pid !== process.pid).toBe(true);
    expect(done).toMatchObject({ type: 'done', id: intent?.id });
  });

  it('reports failures other than "not found" as one sentence', async () => {
    const { fx, env, dir } = setup();
    const noToken = new Gh(fx.dir, { env: { ...env, GH_TOKEN: undefined }, repo: 'o/r' });
    await expect(noToken.viewRelease('v1.0.0')).rejects.toThrow(
      new GhError(
        '`gh release view v1.0.0 --json tagName,name,isDraft,url,assets --repo o/r` failed: To get started with GitHub CLI, please run:  gh auth login.',
      ),
    );
    const gh = new Gh(fx.dir, { env, repo: 'o/r' });
    await expect(
      gh.createRelease({ tag: 'v9.9.9', title: 't', notesFile: join(dir, 'notes.md'), latest: false, files: [] }),
    ).rejects.toThrow("doesn't exist in the repo o/r, aborting due to --verify-tag flag");
    await expect(gh.setDraft('v9.9.9')).rejects.toThrow('failed: release not found.');
    const missing = new Gh(fx.dir, { env: { ...env, PATH: '/nonexistent' } });
    await expect(missing.viewRelease('v1.0.0')).rejects.toThrow('gh: command not found on PATH');
  });

  it('builds argv for confirmations', () => {
    expect(Gh.createArgv({ tag: 'v1', title: 'T', notesFile: 'n.md', latest: false, files: ['a'] })).toEqual([
      'gh',
      'release',
      'create',
      'v1',
      '--verify-tag',
      '--title',
      'T',
      '--notes-file',
      'n.md',
      '--latest=false',
      'a',
    ]);
    expect(Gh.draftArgv('v1')).toEqual(['gh', 'release', 'edit', 'v1', '--draft']);
    expect(Gh.deleteArgv('v1', 'o/r')).toEqual(['gh', 'release', 'delete', 'v1', '--yes', '--repo', 'o/r']);
  });
});
