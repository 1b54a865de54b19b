// The plan's warnings in the cockpit: `plan` and the start of a run print them on the terminal
// that the cockpit's screen then covers, so before any step ran the output pane lists them, whole
// and wrapped, under its own title; the demo's intro comes first when there is one.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { Problem } from '../../src/core/plan-types.js';
import { openingNotes, WARNINGS_TITLE } from '../../src/ui/opening-notes.js';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { demoPlan } from '../helpers/demo-plan.js';
import { renderApp } from './render-app.js';

afterEach(() => cleanup());

const stale: Problem = {
  severity: 'warning',
  code: 'docs-install-version',
  message:
    'the install instruction for `micromegas` says 0.14, not this release: change it to 0.15 (the post-release bump moves it).',
  file: 'README.md',
  line: 12,
};
const error: Problem = { severity: 'error', code: 'dependency-cycle', message: 'never shown here' };

describe('the plan warnings before anything ran', () => {
  it('the output pane lists them wrapped under "Plan warnings", then gives way to the output', async () => {
    const engine = createFakeEngine({ plan: { ...demoPlan(), problems: [stale] } });
    const app = await renderApp(engine);
    await app.resize(100, 30);
    const frame = await app.until(WARNINGS_TITLE);
    const pane = frame.split('\n');
    const top = pane.findIndex((l) => l.includes(`─ ${WARNINGS_TITLE} ─`));
    expect(pane[top]).not.toMatch(/follow|line \d/); // notes, not output: nothing to scroll
    expect(pane.slice(top + 1, top + 5).map((l) => l.trimEnd())).toEqual([
      ' The plan has 1 warning (`release-cockpit plan` lists them too):',
      ' warning: README.md:12: the install instruction for `micromegas` says 0.14, not this release:',
      '   change it to 0.15 (the post-release bump moves it). [docs-install-version]',
      '',
    ]);
    engine.setStep(engine.plan.phases[0]!.steps[0]!.id, { status: 'passed' });
    const after = await app.until((f) => !f.includes(WARNINGS_TITLE) && !f.includes('README.md:12'));
    expect(after.split('\n').find((l) => l.includes('Output: '))).toMatch(/ follow ─/);
  });

  it('nothing to say: no notes; errors are not listed (such a plan never opens); the intro comes first', () => {
    expect(openingNotes(undefined, [])).toBeUndefined();
    expect(openingNotes([], [error])).toBeUndefined();
    expect(openingNotes(['This is the demo.'], [stale])).toEqual({
      heading: 'About this demo',
      lines: [
        'This is the demo.',
        '',
        'The plan has 1 warning (`release-cockpit plan` lists them too):',
        'warning: README.md:12: the install instruction for `micromegas` says 0.14, not this release: change it to 0.15 (the post-release bump moves it). [docs-install-version]',
      ],
    });
  });
});
