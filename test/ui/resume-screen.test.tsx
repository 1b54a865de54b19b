// The resume screen as a whole frame: sized to its lines (the checklist and the queue stay
// visible above it), each line wrapped to the width instead of cut.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { resumedMidQueue } from '../helpers/demo-plan.js';
import { renderApp } from './render-app.js';

afterEach(() => cleanup());

describe('resume screen', () => {
  it('sizes to its wrapped lines and leaves the panes above it', async () => {
    const engine = createFakeEngine({ state: resumedMidQueue('the previous session ended while it ran') });
    const app = await renderApp(engine);
    await app.resize(100, 40);
    const f = await app.until('micromegas-derive-transit@0.15.0: published');
    const modal = f.split('\n').slice(f.split('\n').findIndex((l) => l.startsWith('╭')));
    expect(modal.join('\n')).toBe(
      [
        `╭${'─'.repeat(98)}╮`,
        '│ Resuming the release                                                                             │',
        '│ This release was opened 1 time before. Nothing runs until you press enter.                       │',
        '│ Finished: 3 passed, 0 skipped of 5 steps; 1 not started.                                         │',
        '│ ⏸ interrupted: Publish crates (the previous session ended while it ran): r retries it; the       │',
        '│ output pane shows what it printed before                                                         │',
        '│ Crates: 1 published by this release, 0 already on the index, 0 skipped, 0 failed, 4 to do (the   │',
        '│ queue asks the index first).                                                                     │',
        '│ Registry status:                                                                                 │',
        '│   micromegas-derive-transit@0.15.0: published                                                    │',
        '│   not on the index yet (4): micromegas-transit, micromegas-tracing, micromegas-auth, micromegas  │',
        '│ Press enter to continue.                                                                         │',
        `╰${'─'.repeat(98)}╯`,
        '',
        'enter continue',
      ].join('\n'),
    );
    // Above it, the panes: the header, then the checklist and the queue.
    expect(f.split('\n')[0]).toMatch(/^Micromegas v0\.15\.0 → 0\.16\.0/);
    expect(f).toContain('━ Checklist');
    expect(f).toContain('micromegas-derive-transit');
  });
});
