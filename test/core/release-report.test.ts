import { describe, expect, it } from 'vitest';
import { buildReleaseReport } from '../../src/core/release-report.js';
import type { JournalEntry } from '../../src/core/journal-types.js';
import { initialState } from '../../src/store/release-store.js';
import type { ReleaseState } from '../../src/core/state-types.js';
import { makePlan } from '../helpers/make-plan.js';

const plan = {
  ...makePlan({
    project: 'Micromegas',
    version: '0.15.0',
    next: '0.16.0',
    crates: [
      { name: 'micromegas-auth' },
      { name: 'micromegas-tracing' },
      { name: 'micromegas-extra' },
      { name: 'micromegas' },
    ],
    phases: [
      {
        id: 'checks',
        title: 'Code quality & testing',
        steps: [
          { id: 'cargo-test', kind: 'run', title: 'cargo test', run: ['cargo', 'test'] },
          { id: 'eyeball', kind: 'manual', title: 'Read the diff | carefully' },
        ],
      },
      {
        id: 'release',
        title: 'Release',
        steps: [
          { id: 'python', kind: 'publish-python', cwd: 'python/micromegas', package: 'micromegas' },
          { id: 'push', kind: 'git-push' },
          { id: 'gh', kind: 'github-release', repo: 'madesroches/micromegas' },
          {
            id: 'archive',
            kind: 'archive',
            title: 'Grafana plugin archive',
            source: 'grafana/dist',
            output: 'x-${version}.tar.gz',
          },
        ],
      },
    ],
  }),
  previousTag: 'v0.14.0',
};

function state(): ReleaseState {
  const s = initialState(plan, '2026-11-21T09:00:00.000Z');
  s.sessions = 2;
  s.updatedAt = '2026-11-21T10:00:00.000Z';
  s.phases.checks = { startedAt: '2026-11-21T09:00:00.000Z', completedAt: '2026-11-21T09:05:03.000Z' };
  s.phases.release = { startedAt: '2026-11-21T09:10:00.000Z' };
  s.steps['cargo-test'] = {
    status: 'passed',
    startedAt: '2026-11-21T09:00:00.000Z',
    endedAt: '2026-11-21T09:02:10.000Z',
    durationMs: 130_000,
    summary: '137 tests passed',
    attempts: 2,
  };
  s.steps.eyeball = {
    status: 'passed',
    startedAt: '2026-11-21T09:02:10.000Z',
    endedAt: '2026-11-21T09:05:03.000Z',
    note: 'looks good',
    attempts: 1,
  };
  s.steps.python = { status: 'skipped', reason: 'micromegas 0.15.0 is already on PyPI', attempts: 1 };
  s.steps.push = { status: 'passed', summary: 'pushed v0.15.0 to origin', attempts: 1, durationMs: 800 };
  s.steps.gh = { status: 'failed', reason: 'gh: command not found on PATH', attempts: 1 };
  s.crates['micromegas-auth'] = {
    status: 'published',
    version: '0.15.0',
    attempts: 1,
    publishedAt: '2026-11-21T09:12:03.000Z',
  };
  s.crates['micromegas-tracing'] = { status: 'already-published', version: '0.15.0', attempts: 0 };
  s.crates['micromegas-extra'] = { status: 'skipped', version: '0.15.0', attempts: 0, reason: 'not ready' };
  s.crates.micromegas = { status: 'failed', version: '0.15.0', attempts: 3, reason: 'rate limited' };
  return s;
}

const journal: JournalEntry[] = [
  { ts: '2026-11-21T09:20:00.000Z', type: 'intent', id: 'a', action: 'github-release', target: 'v0.15.0', step: 'gh' },
  {
    ts: '2026-11-21T09:30:00.000Z',
    type: 'intent',
    id: 'b',
    action: 'rollback',
    target: 'draft-github-release v0.15.0',
  },
  { ts: '2026-11-21T09:30:01.000Z', type: 'done', id: 'b', action: 'rollback', target: 'draft-github-release v0.15.0' },
];

describe('buildReleaseReport', () => {
  const report = buildReleaseReport({ plan, state: state(), journal, now: '2026-11-21T11:00:00.000Z' });

  it('starts with the release and its result', () => {
    expect(report.split('\n').slice(0, 8)).toEqual([
      '# Micromegas 0.15.0 release report',
      '',
      '- Version: 0.15.0 (tag v0.15.0, previous v0.14.0)',
      '- Next development version: 0.16.0 (minor)',
      '- Started: 2026-11-21 09:00:00 UTC; last change: 2026-11-21 10:00:00 UTC; sessions: 2',
      '- Result: needs attention (1 step failed or interrupted)',
      '- Report written: 2026-11-21 11:00:00 UTC',
      '',
    ]);
  });

  it('lists each phase and step with start, end, duration and result', () => {
    expect(report).toContain(
      '### Code quality & testing\n\nStarted 2026-11-21 09:00:00 UTC, completed 2026-11-21 09:05:03 UTC (5 min 03 s).\n',
    );
    expect(report).toContain(
      '| cargo test (`cargo-test`) | passed | 2026-11-21 09:00:00 UTC | 2026-11-21 09:02:10 UTC | 2 min 10 s | 137 tests passed; 2 attempts |',
    );
    expect(report).toContain(
      '| Read the diff \\| carefully (`eyeball`) | passed | 2026-11-21 09:02:10 UTC | 2026-11-21 09:05:03 UTC | 2 min 53 s | note: looks good |',
    );
    expect(report).toContain('Started 2026-11-21 09:10:00 UTC, not completed.');
    expect(report).toContain('| Grafana plugin archive (`archive`) | pending |  |  |  |  |');
  });

  it('says what was published where, with links', () => {
    expect(report).toContain('### Rust crates (4) on crates-io\n\n- [micromegas-auth');
    expect(report).toContain(
      '- [micromegas-auth 0.15.0](https://crates.io/crates/micromegas-auth/0.15.0): published 2026-11-21 09:12:03 UTC',
    );
    expect(report).toContain(
      '- [micromegas-tracing 0.15.0](https://crates.io/crates/micromegas-tracing/0.15.0): already on the registry before this release',
    );
    expect(report).toContain('- micromegas 0.15.0: failed (rate limited)');
    expect(report).toContain(
      '### Python\n\n- [micromegas 0.15.0](https://pypi.org/project/micromegas/0.15.0/): skipped (micromegas 0.15.0 is already on PyPI)',
    );
    expect(report).toContain('### Git\n\n- tag v0.15.0 to origin: passed (pushed v0.15.0 to origin)');
    expect(report).toContain('### Archive: Grafana plugin archive\n\n- `x-0.15.0.tar.gz`: pending');
    expect(report).toContain(
      '### GitHub release\n\n- [v0.15.0](https://github.com/madesroches/micromegas/releases/tag/v0.15.0): failed (gh: command not found on PATH)',
    );
  });

  it('lists what was skipped and why, what needs attention, and rollback actions', () => {
    expect(report).toContain(
      '## Skipped\n\n- python (`python`): micromegas 0.15.0 is already on PyPI\n- crate micromegas-extra 0.15.0: not ready\n- crate micromegas-tracing 0.15.0: already on the registry before this release\n',
    );
    expect(report).toContain(
      '## Needs attention\n\n- gh (`gh`): failed: gh: command not found on PATH\n- unfinished github-release of v0.15.0 (intent at 2026-11-21 09:20:00 UTC)',
    );
    expect(report).toContain('## Rollback actions\n\n- 2026-11-21 09:30:01 UTC: draft-github-release v0.15.0: done\n');
    expect(report.endsWith('\n')).toBe(true);
  });

  it('links crates to the configured web page, and to none on a private registry without one', () => {
    const withRegistry = (registry: Record<string, string>) => ({
      ...plan,
      config: {
        ...plan.config,
        crates: { ...plan.config.crates, registry: { ...plan.config.crates.registry, ...registry } },
      },
    });
    const web = buildReleaseReport({
      plan: withRegistry({ web: 'https://crates.example.com/c' }),
      state: state(),
      journal,
      now: '2026-11-21T11:00:00.000Z',
    });
    expect(web).toContain('- [micromegas-auth 0.15.0](https://crates.example.com/c/micromegas-auth/0.15.0): published');
    const local = buildReleaseReport({
      plan: withRegistry({ name: 'local', index: 'sparse+http://127.0.0.1:9/index/' }),
      state: state(),
      journal,
      now: '2026-11-21T11:00:00.000Z',
    });
    expect(local).toContain(
      '### Rust crates (4) on local\n\nRegistry index: sparse+http://127.0.0.1:9/index/\n\n- micromegas-auth 0.15.0: published 2026-11-21 09:12:03 UTC',
    );
    expect(local).not.toContain('crates.io');
  });

  it('links the GitHub release to the URL gh printed when no repo is configured', () => {
    const noRepo = {
      ...plan,
      phases: plan.phases.map((p) => ({
        ...p,
        steps: p.steps.map((st) => (st.id === 'gh' ? { ...st, config: { ...st.config, repo: undefined } } : st)),
      })),
    } as typeof plan;
    const s = state();
    s.steps.gh = { status: 'passed', summary: 'created https://github.com/o/r/releases/tag/v0.15.0', attempts: 1 };
    const r = buildReleaseReport({ plan: noRepo, state: s, journal: [], now: '2026-11-21T11:00:00.000Z' });
    expect(r).toContain(
      '- [v0.15.0](https://github.com/o/r/releases/tag/v0.15.0): passed (created https://github.com/o/r/releases/tag/v0.15.0)',
    );
  });

  it('reports a finished release as complete without empty sections', () => {
    const done = initialState(plan, '2026-11-21T09:00:00.000Z');
    for (const id of Object.keys(done.steps)) done.steps[id] = { status: 'passed', attempts: 1 };
    done.crates = {};
    const r = buildReleaseReport({ plan, state: done, journal: [], now: '2026-11-21T11:00:00.000Z' });
    expect(r).toContain('- Result: complete');
    expect(r).not.toContain('## Skipped');
    expect(r).not.toContain('## Needs attention');
    expect(r).not.toContain('Rust crates');
  });
});
