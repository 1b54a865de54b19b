// The first frame is drawn twice: as text before Ink is loaded (openingLines), then by Ink
// (OpeningView), whose first frame lands on the same cells. The two must be equal cell for cell,
// styles included, or Ink's frame would leave pieces of the first one on the screen.
import React from 'react';
import chalk from 'chalk';
import fc from 'fast-check';
import { render } from 'ink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan-types.js';
import { drawsSimply, openingFrame, openingLines } from '../../src/ui/opening-frame.js';
import { exactMeasure } from '../../src/ui/measure.js';
import { simpleMeasure, type Measure } from '../../src/ui/spans.js';
import { OpeningView } from '../../src/ui/opening-view.js';
import { demoPlan } from '../helpers/demo-plan.js';
import { FakeStdin, FakeStdout, until } from '../helpers/fake-tty.js';
import { makePlan, runSteps } from '../helpers/make-plan.js';
import { styledLine, styledLines } from '../helpers/styled-cells.js';

/** The frame Ink writes for OpeningView on a terminal of this size (debug: each frame whole). */
async function inkFrame(plan: Plan, demo: boolean, columns: number, rows: number): Promise<string> {
  const stdout = Object.assign(new FakeStdout(), { columns, rows });
  const frames: string[] = [];
  stdout.write = (s: string) => {
    frames.push(s);
    return true;
  };
  const ink = render(<OpeningView plan={plan} demo={demo} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
    debug: true,
    patchConsole: false,
    exitOnCtrlC: false,
  });
  await until(() => frames.length > 0);
  ink.unmount();
  return frames[0]!;
}

/** The frame drawn before Ink, measured by `measure` (default: the one the cockpit picks). */
function preDrawn(plan: Plan, demo: boolean, columns: number, rows: number, measure?: Measure): string[] {
  const frame = openingFrame(plan, demo, columns, rows);
  if (frame === undefined) return [];
  const lines = openingLines(frame, measure ?? (drawsSimply(frame) ? simpleMeasure : exactMeasure));
  if (lines === undefined) throw new Error('openingLines declined the frame');
  return lines.map(styledLine);
}

const longPlan = makePlan({
  project: 'Longplan',
  phases: ['build', 'test', 'ship'].map((id) => ({
    id,
    title: `Phase ${id}`,
    steps: runSteps(Array.from({ length: 15 }, (_, i) => `${id}-${i}`)),
  })),
});

const wideChars = makePlan({
  project: 'リリース計画 with a name long enough to be cut at eighty columns 🚀🚀🚀 and then some more',
  phases: [
    {
      id: 'p',
      title: '検査 and checks',
      steps: [
        {
          id: 'a',
          kind: 'run',
          run: ['true'],
          title: '絵文字 🚀 step whose title is far longer than the checklist pane is wide, on purpose',
        },
        { id: 'b', kind: 'manual', title: 'Read the diff' },
      ],
    },
  ],
});

const longTitles = makePlan({
  project: 'Titles',
  phases: [
    {
      id: 'p',
      title: 'A phase whose title is long enough to be cut at the edge of the checklist pane',
      steps: [
        {
          id: 'a',
          kind: 'manual',
          title: 'Publish every crate of the workspace, then wait for each to show on the index',
        },
      ],
    },
  ],
});

const longHeader = makePlan({ project: 'P'.repeat(70), phases: [{ id: 'p', steps: runSteps(['a']) }] });

const cases: { name: string; plan: Plan; demo: boolean; columns: number; rows: number; simple: boolean }[] = [
  { name: 'wide, the Micromegas plan, demo badge', plan: demoPlan(), demo: true, columns: 120, rows: 40, simple: true },
  { name: 'narrow (stacked panes)', plan: demoPlan(), demo: false, columns: 100, rows: 30, simple: true },
  {
    name: 'the smallest terminal the cockpit draws on',
    plan: demoPlan(),
    demo: true,
    columns: 80,
    rows: 24,
    simple: true,
  },
  { name: 'very wide', plan: demoPlan(), demo: false, columns: 200, rows: 60, simple: true },
  { name: 'a plan longer than the screen, narrow', plan: longPlan, demo: false, columns: 100, rows: 24, simple: true },
  { name: 'a plan longer than the screen, wide', plan: longPlan, demo: true, columns: 130, rows: 24, simple: true },
  {
    name: 'wide characters and texts cut at the edge, narrow',
    plan: wideChars,
    demo: true,
    columns: 80,
    rows: 24,
    simple: false,
  },
  {
    name: 'wide characters and texts cut at the edge, wide',
    plan: wideChars,
    demo: false,
    columns: 121,
    rows: 30,
    simple: false,
  },
  { name: 'ASCII titles cut at the pane’s edge', plan: longTitles, demo: false, columns: 120, rows: 40, simple: true },
  {
    name: 'an ASCII header wider than the terminal',
    plan: longHeader,
    demo: true,
    columns: 80,
    rows: 24,
    simple: false,
  },
];

describe('the first frame drawn before Ink', () => {
  let level: typeof chalk.level;
  beforeAll(() => {
    // The test runner's stdout is no terminal: colour on, for Ink and the first frame alike.
    level = chalk.level;
    chalk.level = 1;
  });
  afterAll(() => {
    chalk.level = level;
  });

  it.each(cases)(
    'equals Ink’s frame cell for cell: $name ($columns x $rows)',
    async ({ plan, demo, columns, rows }) => {
      const ink = styledLines(await inkFrame(plan, demo, columns, rows));
      const pre = preDrawn(plan, demo, columns, rows);
      expect(pre).toEqual(ink);
      // Not vacuous: the header in its colours, and the checklist, are in both.
      expect(pre[0]).toContain(`[1;36]${plan.project.slice(0, 5)}`);
      expect(pre.length).toBeGreaterThanOrEqual(3);
      expect(pre.length).toBeLessThan(rows);
    },
  );

  it('simpleMeasure answers as Ink’s string-width and cli-truncate do, for simple text', () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    const unit = fc.constantFrom(...ascii, '·', '…', '→', '─', '━', '│', '▾');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), fc.integer({ min: 0, max: 45 }), (text, columns) => {
        expect(simpleMeasure.width(text)).toBe(exactMeasure.width(text));
        expect(simpleMeasure.truncate(text, columns)).toBe(exactMeasure.truncate(text, columns));
      }),
      { numRuns: 2000 },
    );
  });

  it('is empty below 80x24, as Ink’s (the App explains once open)', async () => {
    expect(preDrawn(demoPlan(), false, 79, 30)).toEqual([]);
    expect(styledLines(await inkFrame(demoPlan(), false, 79, 30))).toEqual([]);
  });

  it('declines a frame whose texts hold control characters (Ink alone draws it)', () => {
    const plan = makePlan({ phases: [{ id: 'p', steps: [{ id: 'a', kind: 'manual', title: 'tab\there' }] }] });
    expect(openingLines(openingFrame(plan, false, 120, 40)!, exactMeasure)).toBeUndefined();
  });
});
