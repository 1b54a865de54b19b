// `status --all` and the cockpit's history: one line per release, newest first, with its result
// (finished, failed or interrupted at a step, in progress), when, what it published according to
// its journal (an upload cut off and reconciled as done counts; an intent alone does not), and
// which of those are yanked.
import { describe, expect, it } from 'vitest';
import { ago, formatHistory, summarizeRelease } from '../../src/engine/release-history.js';
import type { JournalEntry } from '../../src/core/journal-types.js';
import type { ReleaseState, StepState } from '../../src/core/state-types.js';
import { demoPlan, freshState } from '../helpers/demo-plan.js';

const NOW = Date.parse('2026-01-10T12:00:00.000Z');
const at = (minutesAgo: number): string => new Date(NOW - minutesAgo * 60_000).toISOString();

/** The demo plan's release VERSION with its steps set as given (the rest pending). */
function release(version: string, steps: Record<string, Partial<StepState>>, updated: number): ReleaseState {
  const st = freshState(demoPlan({ version }), at(updated));
  for (const [id, s] of Object.entries(steps)) Object.assign(st.steps[id]!, { attempts: 1 }, s);
  return st;
}
const allPassed = (st: ReleaseState, endedMinutesAgo: number): ReleaseState => {
  for (const s of Object.values(st.steps)) Object.assign(s, { status: 'passed', endedAt: at(endedMinutesAgo) });
  return st;
};
const entry = (type: 'intent' | 'done' | 'uploaded', target: string): JournalEntry => ({
  ts: at(1),
  id: target,
  action: 'publish-crate',
  target,
  type,
});

describe('release history', () => {
  it('summarizes each kind of result with when and what it published', () => {
    const finished = allPassed(release('0.14.0', {}, 300), 180);
    finished.crates['micromegas-transit']!.yanked = true;
    const done = summarizeRelease(finished, [
      entry('intent', 'micromegas-transit@0.14.0'),
      entry('done', 'micromegas-transit@0.14.0'),
      entry('intent', 'micromegas-tracing@0.14.0'),
      entry('uploaded', 'micromegas-tracing@0.14.0'),
      // Cut off before the registry said anything: not published.
      entry('intent', 'micromegas-auth@0.14.0'),
      {
        ts: at(1),
        id: 'x',
        action: 'publish-crate',
        target: 'micromegas-ingestion@0.14.0',
        type: 'reconciled',
        verdict: 'done',
      },
    ]);
    expect(done).toMatchObject({
      result: 'finished',
      finishedAt: at(180),
      published: ['micromegas-transit@0.14.0', 'micromegas-tracing@0.14.0', 'micromegas-ingestion@0.14.0'],
      yanked: ['micromegas-transit@0.14.0'],
    });

    const failed = summarizeRelease(
      release('0.15.0', { 'cargo-test': { status: 'passed' }, clippy: { status: 'failed' } }, 5),
      [],
    );
    expect(failed).toMatchObject({ result: 'failed', stoppedAt: 'clippy', published: [], yanked: [] });
    const cut = summarizeRelease(release('0.16.0', { publish: { status: 'interrupted' } }, 120), []);
    expect(cut).toMatchObject({ result: 'interrupted', stoppedAt: 'publish' });
    const going = summarizeRelease(release('0.17.0', { 'cargo-test': { status: 'passed' } }, 0), []);
    expect(going.result).toBe('in progress');

    expect(formatHistory([going, failed, cut, done], NOW).split('\n')).toEqual([
      '0.17.0  in progress, updated just now; published no crate',
      '0.15.0  failed at clippy 5 min ago; published no crate',
      '0.16.0  interrupted at publish 2 h ago; published no crate',
      '0.14.0  finished 3 h ago; published 3 crates, 1 yanked (micromegas-transit@0.14.0)',
      '',
    ]);
  });

  it('says so when no release has run', () => {
    expect(formatHistory([], NOW)).toBe('No release has run in this repository yet.\n');
  });

  it('says how long ago in words', () => {
    expect(ago(at(0.5), NOW)).toBe('just now');
    expect(ago(at(59), NOW)).toBe('59 min ago');
    expect(ago(at(60 * 20), NOW)).toBe('20 h ago');
    expect(ago(at(60 * 24 * 3), NOW)).toBe('3 days ago');
    expect(ago('not a date', NOW)).toBe('at an unknown time');
  });
});
