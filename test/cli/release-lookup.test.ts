// Post-release commands find the release just finished even though the bump moved the config on.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { buildPlan } from '../../src/core/plan.js';
import { createFsView } from '../../src/adapters/fs-view.js';
import { releaseDir, releasePlan } from '../../src/cli/release-lookup.js';

describe('release lookup', () => {
  let repo: string;
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'rc-lookup-'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  const plan = (version: string) => {
    const text = JSON.stringify({ project: 'P', version, phases: [{ id: 'a', title: 'A', steps: [{ id: 's', kind: 'manual', title: 'ok' }] }] });
    return buildPlan(parseConfigText(text, 'c.json'), join(repo, 'c.json'), repo, createFsView(repo));
  };
  const saveState = (version: string, ageSeconds: number) => {
    const dir = join(repo, '.git', 'release-cockpit', version);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'state.json'), '{}');
    const t = Date.now() / 1000 - ageSeconds;
    utimesSync(join(dir, 'state.json'), t, t);
    return dir;
  };

  it('finds nothing when no release ever ran', () => {
    expect(releaseDir(repo, plan('0.16.0'))).toBeUndefined();
    expect(releasePlan(plan('0.16.0')).version).toBe('0.16.0');
  });

  it('after the bump, points at the release just finished', () => {
    const dir = saveState('0.15.0', 60);
    expect(releaseDir(repo, plan('0.16.0'))).toBe(dir);
    expect(releasePlan(plan('0.16.0')).version).toBe('0.15.0');
  });

  it("prefers the current plan's release once it has a state", () => {
    saveState('0.15.0', 10);
    const own = saveState('0.16.0', 3600);
    expect(releaseDir(repo, plan('0.16.0'))).toBe(own);
  });

  it('without a plan, takes the newest state', () => {
    saveState('0.14.0', 3600);
    const newest = saveState('0.15.0', 10);
    expect(releaseDir(repo, undefined)).toBe(newest);
  });
});
