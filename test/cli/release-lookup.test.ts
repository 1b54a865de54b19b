// Which release a command addresses: a release exists once it ran something; status and rollback
// take the one in progress, else the newest that ran; the cockpit and run the one in progress,
// else the config's; --version names one, and a version without state is one sentence.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { buildPlan } from '../../src/core/plan.js';
import { createFsView } from '../../src/adapters/fs-view.js';
import {
  addressedRelease,
  lastFinished,
  listReleases,
  namedRelease,
  releasePlan,
  runPlan,
} from '../../src/cli/release-lookup.js';
import { initialState } from '../../src/store/release-store.js';
import { UserError } from '../../src/core/user-error.js';

describe('release lookup', () => {
  let repo: string;
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'rc-lookup-'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  const plan = (version: string) => {
    const text = JSON.stringify({
      project: 'P',
      version,
      phases: [
        {
          id: 'a',
          title: 'A',
          steps: [
            { id: 's', kind: 'manual', title: 'ok' },
            { id: 't', kind: 'manual', title: 'ok' },
          ],
        },
      ],
    });
    return buildPlan(parseConfigText(text, 'c.json'), join(repo, 'c.json'), repo, createFsView(repo));
  };
  /** A saved state: 'none' ran nothing (an old cockpit merely opened it), 'half' one step, 'done' all. */
  const saveState = (version: string, ageSeconds: number, progress: 'none' | 'half' | 'done') => {
    const dir = join(repo, '.git', 'release-cockpit', version);
    mkdirSync(dir, { recursive: true });
    const at = new Date(Date.now() - ageSeconds * 1000).toISOString();
    const st = initialState(plan(version), at);
    const passed = { status: 'passed' as const, attempts: 1, endedAt: at };
    if (progress !== 'none') st.steps.s = passed;
    if (progress === 'done') st.steps.t = passed;
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ state: st, version: 1 }));
    return dir;
  };

  it('finds nothing when no release ever ran; a state that ran nothing is no release', () => {
    expect(addressedRelease(repo)).toBeUndefined();
    saveState('0.16.0', 1, 'none');
    expect(listReleases(repo)).toEqual([]);
    expect(releasePlan(plan('0.16.0')).version).toBe('0.16.0');
    expect(runPlan(plan('0.16.0')).version).toBe('0.16.0');
  });

  it('after the bump, status and rollback address the release just finished; the cockpit the next one', () => {
    const dir = saveState('0.15.0', 60, 'done');
    saveState('0.16.0', 1, 'none');
    expect(addressedRelease(repo)?.dir).toBe(dir);
    expect(releasePlan(plan('0.16.0')).version).toBe('0.15.0');
    expect(runPlan(plan('0.16.0')).version).toBe('0.16.0');
    expect(lastFinished(repo, '0.16.0')?.version).toBe('0.15.0');
  });

  it('the release in progress wins over a newer finished one, for every command', () => {
    saveState('0.15.0', 3600, 'half');
    saveState('0.14.0', 10, 'done');
    expect(addressedRelease(repo)?.version).toBe('0.15.0');
    expect(runPlan(plan('0.16.0')).version).toBe('0.15.0');
  });

  it('--version names a release; one without state is refused with the list', () => {
    saveState('0.14.0', 3600, 'done');
    saveState('0.15.0', 10, 'done');
    expect(addressedRelease(repo, '0.14.0')?.version).toBe('0.14.0');
    expect(runPlan(plan('0.16.0'), '0.16.0').version).toBe('0.16.0'); // the config's own: nothing to look up
    let err: unknown;
    try {
      namedRelease(repo, '0.9.0');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe(
      'no release 0.9.0 has state in this repository (releases with state: 0.15.0, 0.14.0).',
    );
  });
});
