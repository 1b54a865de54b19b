// The archive step with the system tar: contents, expected entries, failures in one sentence.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTarGz } from '../../src/adapters/tar.js';
import { archiveStep } from '../../src/engine/steps/archive.js';
import { makePlan } from '../helpers/make-plan.js';
import { makeStepContext } from '../helpers/step-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-archive-');

function setup(
  step: Record<string, unknown> = {},
  files: Record<string, string> = { 'plugin.json': '{}', 'module.js': 'x'.repeat(5000), 'img/logo.svg': '<svg/>' },
) {
  const repo = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(repo, 'grafana', 'dist', path, '..'), { recursive: true });
    writeFileSync(join(repo, 'grafana', 'dist', path), text);
  }
  const plan = makePlan({
    repo,
    version: '0.15.0',
    phases: [
      {
        id: 'grafana',
        steps: [
          {
            id: 'archive',
            kind: 'archive',
            source: 'grafana/dist',
            output: 'micromegas-datasource-${version}.tar.gz',
            expect: ['plugin.json', 'img/logo.svg'],
            ...step,
          },
        ],
      },
    ],
  });
  const run = (dryRun = false) => {
    const h = makeStepContext(plan, 'archive', { repo, stateDir: join(repo, '.state'), dryRun });
    return archiveStep.run(h.ctx).then((out) => ({ out, h }));
  };
  return { repo, plan, run };
}

describe('archive step', () => {
  it('archives the directory by name into `into` and checks the expected entries', async () => {
    const { repo, run } = setup();
    const { out, h } = await run();
    expect(out.status).toBe('passed');
    expect(out.status === 'passed' && out.summary).toMatch(
      /^3 files, \d+ (B|KB), plugin\.json, img\/logo\.svg present$/,
    );
    const file = join(repo, 'micromegas-datasource-0.15.0.tar.gz');
    expect((await listTarGz(file)).sort()).toEqual([
      'dist/',
      'dist/img/',
      'dist/img/logo.svg',
      'dist/module.js',
      'dist/plugin.json',
    ]);
    expect(h.logs()[0]).toBe('wrote micromegas-datasource-0.15.0.tar.gz: 5 entries');
  });

  it('writes into another directory, creating it', async () => {
    const { repo, run } = setup({ into: 'release-artifacts' });
    expect((await run()).out.status).toBe('passed');
    expect(existsSync(join(repo, 'release-artifacts', 'micromegas-datasource-0.15.0.tar.gz'))).toBe(true);
  });

  it('refuses an output whose expanded name leaves the repository', async () => {
    const { plan, run } = setup({ output: '${project}.tar.gz' });
    plan.project = '../../escaped';
    expect((await run()).out).toEqual({
      status: 'failed',
      reason: 'the archive path `../../escaped.tar.gz` goes up with `..`; config paths stay inside the repository',
    });
  });

  it('fails when an expected entry is missing', async () => {
    const { run } = setup({}, { 'module.js': 'x' });
    expect((await run()).out).toEqual({
      status: 'failed',
      reason: 'micromegas-datasource-0.15.0.tar.gz lacks plugin.json, img/logo.svg (looked under dist/ in the archive)',
    });
  });

  it('says in one sentence that the source is missing', async () => {
    const { run } = setup({ source: 'grafana/build' });
    expect((await run()).out).toEqual({
      status: 'failed',
      reason: 'grafana/build does not exist: build it before archiving it',
    });
  });

  it('refuses to write the archive inside what it archives', async () => {
    const { run } = setup({ into: 'grafana/dist' });
    expect((await run()).out).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('would be written inside grafana/dist'),
    });
  });

  it('writes nothing in a dry run and shows the tar argv', async () => {
    const { repo, run, plan } = setup();
    const { out, h } = await run(true);
    expect(out).toEqual({ status: 'passed', summary: 'dry run: would write micromegas-datasource-0.15.0.tar.gz' });
    expect(existsSync(join(repo, 'micromegas-datasource-0.15.0.tar.gz'))).toBe(false);
    const argv = [
      'tar',
      '-czf',
      join(repo, 'micromegas-datasource-0.15.0.tar.gz'),
      '-C',
      join(repo, 'grafana'),
      'dist',
    ];
    expect(h.logs()).toEqual([`would run: ${argv.join(' ')}`]);
    expect(archiveStep.commands?.(plan.phases[0]!.steps[0]!, plan)).toEqual([argv]);
  });
});
