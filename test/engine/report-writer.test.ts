import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildReleaseReport } from '../../src/core/release-report.js';
import { openEngine, type Engine } from '../../src/engine/engine.js';
import type { JournalEntry } from '../../src/core/journal-types.js';
import { reportFile, tryWriteReleaseReport, writeReleaseReport } from '../../src/engine/report-writer.js';
import type { StepHandler, StepOutcome } from '../../src/engine/step-types.js';
import { initialState } from '../../src/store/release-store.js';
import type { ReleaseState } from '../../src/core/state-types.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';
import { makePlan, runSteps } from '../helpers/make-plan.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-report-');
const NOW = '2026-11-21T11:00:00.000Z';

const plan = makePlan({
  project: 'Micromegas',
  version: '0.15.0',
  next: '0.16.0',
  crates: [
    { name: 'micromegas-transit' },
    { name: 'micromegas-tracing' },
    { name: 'micromegas-auth' },
    { name: 'micromegas' },
  ],
  phases: [
    {
      id: 'checks',
      title: 'Code quality & testing',
      steps: [
        { id: 'cargo-test', kind: 'run', run: ['cargo', 'test'] },
        { id: 'eyeball', kind: 'manual', title: 'Read the diff' },
      ],
    },
    {
      id: 'crates',
      title: 'Phase 1: Rust crates',
      steps: [{ id: 'publish', kind: 'publish-crates', title: 'Publish crates' }],
    },
    {
      id: 'release',
      title: 'Release',
      steps: [
        { id: 'python', kind: 'publish-python', cwd: 'python/micromegas', package: 'micromegas' },
        {
          id: 'plugin',
          kind: 'archive',
          title: 'Grafana plugin archive',
          source: 'grafana/dist',
          output: 'micromegas-datasource-${version}.tar.gz',
        },
        { id: 'push', kind: 'git-push' },
        { id: 'gh', kind: 'github-release', repo: 'madesroches/micromegas' },
      ],
    },
  ],
});

const at = (min: number, s = 0) => new Date(Date.UTC(2026, 10, 21, 9, min, s)).toISOString();

function finished(): ReleaseState {
  const s = initialState(plan, at(0));
  s.sessions = 1;
  s.phases = {
    checks: { startedAt: at(0), completedAt: at(5) },
    crates: { startedAt: at(5), completedAt: at(20) },
    release: { startedAt: at(20), completedAt: at(25) },
  };
  const step = (id: string, from: number, to: number, extra: Partial<ReleaseState['steps'][string]> = {}) => {
    s.steps[id] = {
      status: 'passed',
      startedAt: at(from),
      endedAt: at(to),
      durationMs: (to - from) * 60_000,
      attempts: 1,
      ...extra,
    };
  };
  step('cargo-test', 0, 4, { summary: '137 tests passed' });
  step('eyeball', 4, 5, { note: 'diff read' });
  step('publish', 5, 20, { summary: '3 published, 1 already published' });
  step('python', 20, 21, { summary: 'micromegas 0.15.0 on PyPI' });
  step('plugin', 21, 22, { summary: '12 files, 1.2 MB' });
  step('push', 22, 23, { summary: 'pushed v0.15.0 to origin' });
  step('gh', 23, 25, { summary: 'created https://github.com/madesroches/micromegas/releases/tag/v0.15.0' });
  s.crates['micromegas-transit'] = { status: 'already-published', version: '0.15.0', attempts: 0 };
  for (const [i, name] of ['micromegas-tracing', 'micromegas-auth', 'micromegas'].entries()) {
    s.crates[name] = { status: 'published', version: '0.15.0', attempts: 1, publishedAt: at(6 + i * 5) };
  }
  return s;
}

/** Cut off in the crate phase: two crates out, one skipped by the maintainer, the rest untouched. */
function halfFinished(): ReleaseState {
  const s = finished();
  s.phases.crates = { startedAt: at(5) };
  s.phases.release = {};
  s.steps.publish = {
    status: 'interrupted',
    startedAt: at(5),
    reason: 'the previous session ended while it ran',
    attempts: 1,
  };
  for (const id of ['python', 'plugin', 'push', 'gh']) s.steps[id] = { status: 'pending', attempts: 0 };
  s.steps.python = { status: 'skipped', reason: 'published by hand with twine', attempts: 0 };
  s.crates['micromegas-auth'] = {
    status: 'skipped',
    version: '0.15.0',
    attempts: 0,
    reason: 'held back for a security review',
  };
  s.crates.micromegas = { status: 'pending', version: '0.15.0', attempts: 0 };
  return s;
}

const openIntent: JournalEntry[] = [
  { ts: at(12), type: 'intent', id: 'i1', action: 'publish-crate', target: 'micromegas-auth@0.15.0', step: 'publish' },
];

describe('writeReleaseReport', () => {
  it('writes <state dir>/report.md with mode 0600, the report of the state and journal given', () => {
    const dir = tempDir();
    const file = writeReleaseReport(dir, plan, finished(), [], NOW);
    expect(file).toBe(join(dir, 'report.md'));
    expect(reportFile(dir)).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(buildReleaseReport({ plan, state: finished(), journal: [], now: NOW }));
  });

  it('replaces the previous report whole and leaves no temporary file', () => {
    const dir = tempDir();
    writeReleaseReport(dir, plan, halfFinished(), openIntent, NOW);
    writeReleaseReport(dir, plan, finished(), [], Date.parse(NOW));
    expect(readdirSync(dir)).toEqual(['report.md']);
    const text = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(text).toContain('- Result: complete');
    expect(text).not.toContain('Needs attention');
  });

  it('finished release: every step with its times, crates with links, where each artefact went', () => {
    const dir = tempDir();
    const text = readFileSync(writeReleaseReport(dir, plan, finished(), [], NOW), 'utf8');
    expect(text).toContain('- Result: complete');
    expect(text).toContain(
      '### Phase 1: Rust crates\n\nStarted 2026-11-21 09:05:00 UTC, completed 2026-11-21 09:20:00 UTC (15 min 00 s).',
    );
    expect(text).toContain(
      '| Publish crates (`publish`) | passed | 2026-11-21 09:05:00 UTC | 2026-11-21 09:20:00 UTC | 15 min 00 s | 3 published, 1 already published |',
    );
    expect(text).toContain('### Rust crates (4) on crates-io\n\n');
    expect(text).toContain(
      '- [micromegas-tracing 0.15.0](https://crates.io/crates/micromegas-tracing/0.15.0): published 2026-11-21 09:06:00 UTC',
    );
    expect(text).toContain(
      '- [micromegas 0.15.0](https://crates.io/crates/micromegas/0.15.0): published 2026-11-21 09:16:00 UTC',
    );
    expect(text).toContain(
      '- [micromegas-transit 0.15.0](https://crates.io/crates/micromegas-transit/0.15.0): already on the registry before this release',
    );
    expect(text).toContain(
      '- [micromegas 0.15.0](https://pypi.org/project/micromegas/0.15.0/): passed (micromegas 0.15.0 on PyPI)',
    );
    expect(text).toContain('- `micromegas-datasource-0.15.0.tar.gz`: passed (12 files, 1.2 MB)');
    expect(text).toContain('- tag v0.15.0 to origin: passed (pushed v0.15.0 to origin)');
    expect(text).toContain('- [v0.15.0](https://github.com/madesroches/micromegas/releases/tag/v0.15.0): passed');
    // The one thing not done by this release is said, with why.
    expect(text).toContain(
      '## Skipped\n\n- crate micromegas-transit 0.15.0: already on the registry before this release\n',
    );
    expect(text).not.toContain('## Needs attention');
  });

  it('half-finished release: progress so far, what was skipped and why, what needs attention', () => {
    const dir = tempDir();
    const text = readFileSync(writeReleaseReport(dir, plan, halfFinished(), openIntent, NOW), 'utf8');
    expect(text).toContain('- Result: needs attention (1 step failed or interrupted)');
    expect(text).toContain('Started 2026-11-21 09:05:00 UTC, not completed.');
    expect(text).toContain(
      '| Publish crates (`publish`) | interrupted | 2026-11-21 09:05:00 UTC |  |  | the previous session ended while it ran |',
    );
    expect(text).toContain('| push (`push`) | pending |  |  |  |  |');
    expect(text).toContain(
      '- [micromegas-tracing 0.15.0](https://crates.io/crates/micromegas-tracing/0.15.0): published 2026-11-21 09:06:00 UTC',
    );
    expect(text).toContain('- micromegas-auth 0.15.0: skipped (held back for a security review)');
    expect(text).toContain('- micromegas 0.15.0: pending');
    expect(text).toContain('- tag v0.15.0 to origin: pending');
    expect(text).toContain(
      '## Skipped\n\n- python (`python`): published by hand with twine\n- crate micromegas-auth 0.15.0: held back for a security review\n- crate micromegas-transit 0.15.0: already on the registry before this release\n',
    );
    expect(text).toContain(
      '## Needs attention\n\n- Publish crates (`publish`): interrupted: the previous session ended while it ran\n',
    );
    expect(text).toContain('- unfinished publish-crate of micromegas-auth@0.15.0 (intent at 2026-11-21 09:12:00 UTC)');
  });

  it('tryWriteReleaseReport turns a write failure into a notice instead of throwing', () => {
    const gone = join(tempDir(), 'no', 'such', 'dir');
    const notice = tryWriteReleaseReport(gone, plan, finished(), [], NOW);
    expect(notice).toBe(
      `Could not write the release report ${join(gone, 'report.md')} (ENOENT); \`release-cockpit status --report\` rebuilds it from the saved state.`,
    );
    expect(tryWriteReleaseReport(tempDir(), plan, finished(), [], NOW)).toBeUndefined();
  });
});

describe('the engine writes the report when a run stops', () => {
  const repos: TempRepo[] = [];
  const engines: Engine[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.close();
    for (const r of repos.splice(0)) r.cleanup();
  });

  /** A `run` kind whose outcome per step id is given: no processes, the report is the point. */
  function handler(outcomes: Record<string, StepOutcome>): StepHandler {
    return {
      kind: 'run',
      run: async (ctx) => outcomes[ctx.step.id] ?? { status: 'passed', summary: `${ctx.step.id} ok` },
    };
  }

  async function open(opts: { dryRun?: boolean; outcomes?: Record<string, StepOutcome> } = {}) {
    const repo = makeGitRepo();
    repos.push(repo);
    const p = makePlan({
      repo: repo.dir,
      phases: [
        { id: 'checks', title: 'Checks', steps: runSteps(['a', 'b']) },
        { id: 'ship', title: 'Ship', steps: runSteps(['c']) },
      ],
    });
    const e = await openEngine({
      repo: repo.dir,
      plan: p,
      env: {},
      dryRun: opts.dryRun,
      handlers: { run: handler(opts.outcomes ?? {}) },
    });
    engines.push(e);
    return e;
  }

  it('after a failed run: the progress so far', async () => {
    const e = await open({ outcomes: { b: { status: 'failed', reason: 'b exited with code 1' } } });
    expect(await e.runToEnd()).toBe('failed');
    const text = readFileSync(reportFile(e.stateDir), 'utf8');
    expect(statSync(reportFile(e.stateDir)).mode & 0o777).toBe(0o600);
    expect(text).toMatch(/\| a \(`a`\) \| passed \| [\d-]+ [\d:]+ UTC \| [\d-]+ [\d:]+ UTC \| [^|]+ \| a ok \|/);
    expect(text).toContain('| b (`b`) | failed |');
    expect(text).toContain('| c (`c`) | pending |');
    expect(text).toContain('## Needs attention\n\n- b (`b`): failed: b exited with code 1');
  });

  it('rewritten by every run: after a retry it shows the release complete', async () => {
    const outcomes: Record<string, StepOutcome> = { b: { status: 'failed', reason: 'flaky' } };
    const e = await open({ outcomes });
    expect(await e.runToEnd()).toBe('failed');
    expect(readFileSync(reportFile(e.stateDir), 'utf8')).toContain('| b (`b`) | failed |');
    outcomes.b = { status: 'skipped', reason: 'not needed for this release' };
    e.retry('b');
    expect(await e.runToEnd()).toBe('done');
    const text = readFileSync(reportFile(e.stateDir), 'utf8');
    expect(text).toContain('- Result: complete');
    expect(text).toContain('| b (`b`) | skipped |');
    expect(text).toContain('## Skipped\n\n- b (`b`): not needed for this release\n');
  });

  it('not in a dry run: nothing on disk, and no complaint about it', async () => {
    const e = await open({ dryRun: true });
    expect(await e.runToEnd()).toBe('done');
    expect(existsSync(reportFile(e.stateDir))).toBe(false);
    expect(e.store.getState().notices.join('\n')).not.toContain('release report');
  });
});
