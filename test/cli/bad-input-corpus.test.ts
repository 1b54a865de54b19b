// A corpus of bad inputs as users make them (flags, configs, versions, corrupt files), each run
// through the built CLI: one sentence on stderr, exit 1, never a stack trace or an internal error.
// The cases, by subject, are in bad-input/; how one runs, in test/helpers/bad-input.ts.
import { describe, expect, it } from 'vitest';
import { useCaseRuns, type Case } from '../helpers/bad-input.js';
import { COMMAND_LINE_CASES } from './bad-input/command-line.js';
import { CONFIG_FILE_CASES } from './bad-input/config-file.js';
import { RELEASE_CHOICE_CASES } from './bad-input/release-choice.js';
import { REPO_FILE_CASES } from './bad-input/repo-files.js';

const CASES: Case[] = [...COMMAND_LINE_CASES, ...CONFIG_FILE_CASES, ...REPO_FILE_CASES, ...RELEASE_CHOICE_CASES];
const run = useCaseRuns();

describe('bad input corpus', () => {
  it('has 40 cases or more, each named once', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  // Four at a time: each case is a real process.
  const batches: Case[][] = [];
  for (let i = 0; i < CASES.length; i += 4) batches.push(CASES.slice(i, i + 4));
  it.each(batches.map((b) => [b.map((c) => c.name).join(', '), b] as const))('%s', async (_names, batch) => {
    const results = await Promise.all(batch.map(run));
    batch.forEach((c, i) => {
      const r = results[i]!;
      const lines = r.stderr.trim().split('\n');
      expect.soft(r.code, `${c.name}: ${r.stderr}`).toBe(1);
      if (c.planProblem) {
        expect.soft(lines[0], c.name).toMatch(c.expect);
        expect
          .soft(lines.at(-1), c.name)
          .toMatch(/^release-cockpit: the plan has \d+ errors?; fix (it|them) before running/);
      } else {
        expect.soft(lines, `${c.name}: one line`).toHaveLength(1);
        expect.soft(lines[0], c.name).toMatch(/^release-cockpit: /);
        expect.soft((lines[0] ?? '').replace(/^release-cockpit: /, ''), c.name).toMatch(c.expect);
      }
      expect.soft(r.stderr, c.name).not.toMatch(/internal error|\bat .*:\d+:\d+\)|Error:|undefined|\[object Object\]/);
    });
  });
});
