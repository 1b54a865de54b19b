// github-release with the gh stand-in (release state in a JSON file, token required via env) on a
// real repository whose tag is on a bare remote.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubReleaseStep } from '../../src/engine/steps/github-release.js';
import { readStandInLog, standInEnv } from '../../src/sandbox/stand-ins/stand-ins.js';
import { createGitFixture } from '../helpers/git-fixture.js';
import { makePlan } from '../helpers/make-plan.js';
import { makeStepContext } from '../helpers/step-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { ghReleaseCreateArgs } from '../helpers/gh-release-args.js';

const tempDir = useTempDirs('rc-ghrel-');
const URL = 'https://github.com/madesroches/micromegas/releases/tag/v0.15.0';

function setup(step: Record<string, unknown> = {}, opts: { pushTag?: boolean } = {}) {
  const fx = createGitFixture(tempDir, {
    files: {
      'CHANGELOG.md':
        '# Changelog\n\n## [0.15.0] - 2026-11-21\n\n### Features\n\n- New auth crate (#546)\n\n## [0.14.0] - 2025-10-23\n\n- Old\n',
    },
  });
  // The previous release, found by the step itself (the plan below carries no previousTag).
  fx.git(['tag', 'v0.14.0']);
  fx.commit('Release work');
  fx.git(['tag', 'v0.15.0']);
  if (opts.pushTag !== false) fx.git(['push', '-q', 'origin', 'v0.15.0']);
  writeFileSync(join(fx.dir, 'micromegas-datasource-0.15.0.tar.gz'), 'archive');
  const plan = makePlan({
    repo: fx.dir,
    project: 'Micromegas',
    version: '0.15.0',
    crates: [{ name: 'micromegas-auth' }, { name: 'micromegas-skipped' }, { name: 'micromegas' }],
    phases: [
      {
        id: 'release',
        steps: [
          { id: 'pypi', kind: 'publish-python', cwd: 'python', package: 'micromegas' },
          {
            id: 'archive',
            kind: 'archive',
            source: 'grafana/dist',
            output: 'micromegas-datasource-${version}.tar.gz',
            expect: ['plugin.json'],
          },
          {
            id: 'gh',
            kind: 'github-release',
            repo: 'madesroches/micromegas',
            attach: ['micromegas-datasource-${version}.tar.gz'],
            ...step,
          },
        ],
      },
    ],
  });
  const logDir = tempDir();
  const log = join(logDir, 'calls.jsonl');
  const env = { ...standInEnv({ log, base: fx.env }), STANDIN_GH_REQUIRE_TOKEN: '1', GH_TOKEN: 'ghp_do_not_leak' };
  const stateDir = join(logDir, 'state');
  const harness = (extra: Record<string, string | undefined> = {}) => {
    const h = makeStepContext(plan, 'gh', { repo: fx.dir, stateDir, env: { ...env, ...extra } });
    h.store.setState((s) => ({
      ...s,
      steps: { ...s.steps, pypi: { status: 'skipped', reason: 'micromegas 0.15.0 is already on PyPI', attempts: 1 } },
      crates: {
        ...s.crates,
        'micromegas-auth': { status: 'published', version: '0.15.0', attempts: 1 },
        'micromegas-skipped': { status: 'skipped', version: '0.15.0', attempts: 0, reason: 'not ready' },
        micromegas: { status: 'already-published', version: '0.15.0', attempts: 0 },
      },
    }));
    return h;
  };
  const ghState = () =>
    JSON.parse(readFileSync(join(logDir, 'gh-state.json'), 'utf8')).repos['madesroches/micromegas'].releases;
  return { fx, plan, harness, log, stateDir, ghState };
}

describe('github-release step', () => {
  it('creates the release with the notes file and the archive, journaled, token through env only', async () => {
    const { fx, harness, log, stateDir, ghState } = setup();
    const h = harness();
    expect(await githubReleaseStep.run(h.ctx)).toEqual({ status: 'passed', summary: `created ${URL}` });
    const notesFile = join(stateDir, 'release-notes.md');
    const create = readStandInLog(log).find((c) => c.argv[1] === 'create');
    expect(create?.argv).toEqual(ghReleaseCreateArgs(notesFile, fx.dir));
    expect(readFileSync(log, 'utf8')).not.toContain('ghp_do_not_leak');
    const rel = ghState()['v0.15.0'];
    expect(rel).toMatchObject({
      name: 'Micromegas v0.15.0',
      isDraft: false,
      isLatest: true,
      assets: ['micromegas-datasource-0.15.0.tar.gz'],
    });
    expect(rel.body).toBe(readFileSync(notesFile, 'utf8'));
    expect(rel.body).toContain('### Features\n\n- New auth crate (#546)\n\n## Rust crates\n\n');
    expect(rel.body).toContain(
      '- [micromegas-auth 0.15.0](https://crates.io/crates/micromegas-auth/0.15.0)\n- [micromegas 0.15.0](https://crates.io/crates/micromegas/0.15.0)\n',
    );
    expect(rel.body).not.toContain('micromegas-skipped');
    expect(rel.body).toContain('- [micromegas 0.15.0](https://pypi.org/project/micromegas/0.15.0/)');
    expect(rel.body).toContain('pip install micromegas==0.15.0');
    expect(rel.body).toContain('**Grafana plugin** (manual installation)');
    expect(rel.body).toContain('https://github.com/madesroches/micromegas/compare/v0.14.0...v0.15.0');
    expect(h.journal.entries().map((e) => `${e.type} ${e.action} ${e.target}`)).toEqual([
      'intent github-release v0.15.0',
      'child github-release v0.15.0',
      'done github-release v0.15.0',
    ]);
    // The gh process is the intent's child: a resume waits for it before asking GitHub (orphans.ts).
    const [intent, child] = h.journal.entries();
    expect(child).toMatchObject({ type: 'child', id: intent?.id, step: intent?.step, pid: expect.any(Number) });
    // It leads its own process group: a later session signals the group.
    expect(child?.type === 'child' && child.pgid === child.pid).toBe(true);
  });

  it('is skipped when the release already exists, saying so when it is a draft', async () => {
    const { harness, ghState, stateDir } = setup();
    await githubReleaseStep.run(harness().ctx);
    const h = harness();
    expect(await githubReleaseStep.run(h.ctx)).toEqual({
      status: 'skipped',
      reason: `the GitHub release v0.15.0 already exists: ${URL}`,
    });
    expect(h.journal.entries()).toEqual([]);
    const state = JSON.parse(readFileSync(join(stateDir, '..', 'gh-state.json'), 'utf8'));
    state.repos['madesroches/micromegas'].releases['v0.15.0'].isDraft = true;
    writeFileSync(join(stateDir, '..', 'gh-state.json'), JSON.stringify(state));
    expect(await githubReleaseStep.run(harness().ctx)).toMatchObject({
      reason: `the GitHub release v0.15.0 already exists (as a draft): ${URL}`,
    });
    expect(Object.keys(ghState())).toEqual(['v0.15.0']);
  });

  it('fails before gh when an attachment or the changelog section is missing', async () => {
    const { fx, harness, log } = setup({ attach: ['missing-${version}.zip'] });
    expect(await githubReleaseStep.run(harness().ctx)).toEqual({
      status: 'failed',
      reason: `missing-0.15.0.zip to attach not found (expected ${join(fx.dir, 'missing-0.15.0.zip')}): run the archive step first`,
    });
    const second = setup({ changelog: 'OTHER.md' });
    writeFileSync(join(second.fx.dir, 'OTHER.md'), '# Changelog\n\n## [0.14.0] - 2025-10-23\n');
    expect(await githubReleaseStep.run(second.harness().ctx)).toEqual({
      status: 'failed',
      reason: 'OTHER.md has no section for 0.15.0: run the changelog step first',
    });
    expect(readStandInLog(log).map((c) => c.argv[1])).toEqual(['view']);
  });

  it("fails with gh's own words when the tag is not on GitHub, journaling the failure", async () => {
    const { harness } = setup({}, { pushTag: false });
    const h = harness();
    expect(await githubReleaseStep.run(h.ctx)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining(
        "tag v0.15.0 doesn't exist in the repo madesroches/micromegas, aborting due to --verify-tag flag",
      ),
    });
    expect(h.journal.entries().map((e) => e.type)).toEqual(['intent', 'child', 'failed']);
  });

  it('reconciles with gh release view', async () => {
    const { harness } = setup();
    const h = harness();
    const intent = h.journal.append({ type: 'intent', action: 'github-release', target: 'v0.15.0', step: 'gh' });
    expect(await githubReleaseStep.reconcile?.(h.ctx, intent)).toBe('not-done');
    await githubReleaseStep.run(harness().ctx);
    expect(await githubReleaseStep.reconcile?.(h.ctx, intent)).toBe('done');
    expect(await githubReleaseStep.reconcile?.(harness({ GH_TOKEN: undefined }).ctx, intent)).toBe('unknown');
  });

  it('shows the gh command for the confirmation', () => {
    const { fx, plan } = setup({ releaseTitle: '${project} ${tag} - Authentication', latest: false });
    const step = plan.phases[0]!.steps[2]!;
    expect(step.irreversible).toBe(true);
    expect(githubReleaseStep.commands?.(step, plan)).toEqual([
      [
        'gh',
        'release',
        'create',
        'v0.15.0',
        '--verify-tag',
        '--title',
        'Micromegas v0.15.0 - Authentication',
        '--notes-file',
        '<state dir>/release-notes.md',
        '--latest=false',
        '--repo',
        'madesroches/micromegas',
        join(fx.dir, 'micromegas-datasource-0.15.0.tar.gz'),
      ],
    ]);
  });

  it('its confirmation is the exact gh command and the whole notes it will publish', async () => {
    const { fx, harness, stateDir } = setup();
    const req = await githubReleaseStep.confirmation!(harness().ctx);
    const notesFile = join(stateDir, 'release-notes.md');
    // The command run() gives gh, word for word.
    expect(req.commands).toEqual([['gh', ...ghReleaseCreateArgs(notesFile, fx.dir)]]);
    const [head, ...notes] = req.details!;
    expect(head).toBe(`Release notes (${notes.length} lines, written to ${notesFile} before gh runs):`);
    // The same notes run() writes, every line (indented under the heading), none cut.
    expect(await githubReleaseStep.run(harness().ctx)).toMatchObject({ status: 'passed' });
    expect(notes).toEqual(
      readFileSync(notesFile, 'utf8')
        .replace(/\n+$/, '')
        .split('\n')
        .map((l) => `  ${l}`),
    );
    expect(notes).toContain('  - New auth crate (#546)');
  });
});
