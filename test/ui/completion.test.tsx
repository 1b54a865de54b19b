// The completion panel: opens when the release finishes (and on opening a finished release),
// lists what was published where with links, the report, unpushed commits and what comes next.
import { describe, expect, it } from 'vitest';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { renderApp } from './render-app.js';
import { buildCompletion, completionLines } from '../../src/core/completion.js';

const DONE = {
  'cargo-test': { status: 'passed' },
  clippy: { status: 'passed' },
  eyeball: { status: 'passed' },
  publish: { status: 'passed' },
} as const;

describe('completion panel', () => {
  it('appears the moment the last step passes: the whole frame', async () => {
    const engine = createFakeEngine({
      state: {
        steps: DONE,
        crates: Object.fromEntries(
          [
            'micromegas-derive-transit',
            'micromegas-transit',
            'micromegas-tracing',
            'micromegas-auth',
            'micromegas',
          ].map((n, i) => [n, { status: i === 0 ? 'already-published' : 'published' }]),
        ),
      },
    });
    const app = await renderApp(engine);
    expect(app.frame()).not.toContain('Release summary');
    await app.press('enter');
    await app.until('It will run:');
    await app.press('y');
    await app.until('Output: Push the tag');
    engine.finishStep('push', { status: 'passed', summary: 'pushed v0.15.0 to origin' });
    const f = await app.until('Unpushed commits on main: 1');
    expect(f.split('\n')).toEqual([
      'Micromegas v0.15.0 → 0.16.0  5/5 steps done  ⏱ 0s',
      '╭──────────────────────────────────────────────────────────────────────────────────────────────────╮',
      '│ Release summary                                                                                  │',
      '│ Micromegas 0.15.0: released                                                                      │',
      '│ Crates on crates-io: 4 published by this release, 1 already there                                │',
      '│   micromegas-derive-transit 0.15.0 (already there)                                               │',
      '│     https://crates.io/crates/micromegas-derive-transit/0.15.0                                    │',
      '│   micromegas-transit 0.15.0  https://crates.io/crates/micromegas-transit/0.15.0                  │',
      '│   micromegas-tracing 0.15.0  https://crates.io/crates/micromegas-tracing/0.15.0                  │',
      '│   micromegas-auth 0.15.0  https://crates.io/crates/micromegas-auth/0.15.0                        │',
      '│   micromegas 0.15.0  https://crates.io/crates/micromegas/0.15.0                                  │',
      '│ Tag: v0.15.0 (pushed)                                                                            │',
      '│ Report: /state/report.md                                                                         │',
      '│ Unpushed commits on main: 1                                                                      │',
      '│ Next:                                                                                            │',
      '│   - Push the 1 commit on main its upstream does not have (git push).                             │',
      '│   - Development continues at 0.16.0.                                                             │',
      '│   - Something wrong? y opens the rollback menu.                                                  │',
      '│ enter / esc: back to the cockpit · c shows this again · q quits                                  │',
      '│                                                                                                  │',
      '╰──────────────────────────────────────────────────────────────────────────────────────────────────╯',
      '',
      'enter back  q quit',
    ]);
    await app.press('escape');
    await app.until((fr) => !fr.includes('Release summary'));
    await app.press('c');
    await app.until('Release summary');
    // Taller, the panel is sized to its lines (15, its last row, the frame) under the checklist.
    await app.resize(100, 40);
    const tall = await app.until((fr) => fr.includes('━ Checklist') && fr.includes('Release summary'));
    const lines = tall.split('\n');
    const top = lines.findIndex((l) => l.startsWith('╭'));
    expect(lines.slice(top, top + 2)).toEqual([`╭${'─'.repeat(98)}╮`, `│ Release summary${' '.repeat(82)}│`]);
    expect(lines.findIndex((l) => l.startsWith('╰')) - top + 1).toBe(15 + 1 + 3);
    expect(lines.slice(1, top).join('\n')).toMatch(/━ Checklist[^]*─ Publish queue[^]*─ Output/);
  });

  it('opens on a finished release instead of the resume screen', async () => {
    const engine = createFakeEngine({ state: { sessions: 3, steps: { ...DONE, push: { status: 'passed' } } } });
    const app = await renderApp(engine);
    await app.until('Micromegas 0.15.0: released');
    expect(app.frame()).not.toContain('Resuming the release');
  });

  it('headless prints the same lines', () => {
    const engine = createFakeEngine({
      state: { steps: { ...DONE, push: { status: 'passed' } }, crates: { micromegas: { status: 'published' } } },
    });
    const lines = completionLines(
      buildCompletion(engine.plan, engine.store.getState(), { reportPath: '/s/report.md' }),
      'headless',
    );
    expect(lines[0]).toBe('Micromegas 0.15.0: released');
    expect(lines).toContain('Tag: v0.15.0 (pushed)');
    expect(lines).toContain('Report: /s/report.md');
    // The cockpit's key means nothing in a CI log: headless names the command that yanks.
    expect(lines.at(-1)).toBe(
      "  - Something wrong? The cockpit's y opens the rollback menu; release-cockpit rollback --yank CRATE... --version 0.15.0 yanks crates from here.",
    );
    // The demo's sandbox registry answers in the demo only: its headless run names the demo's cockpit.
    const demo = completionLines(buildCompletion(engine.plan, engine.store.getState()), {
      demoCockpit: 'release-cockpit demo --fast',
    });
    expect(demo.at(-1)).toBe(
      "  - Something wrong? `release-cockpit demo --fast` opens the demo's cockpit; its y opens the rollback menu.",
    );
  });

  it("names what a release made, and a step's status only when it did not simply pass", () => {
    const lines = completionLines({
      project: 'Micromegas',
      version: '0.15.0',
      next: '0.16.0',
      complete: true,
      crates: [],
      registry: 'crates-io',
      githubRelease: { url: 'https://github.com/o/r/releases/tag/v0.15.0', status: 'passed' },
      python: { name: 'micromegas 0.15.0', url: 'https://pypi.org/project/micromegas/0.15.0/', status: 'skipped' },
      archives: [{ file: 'plugin-0.15.0.tar.gz', status: 'passed' }],
      extras: {},
      nextSteps: [],
    });
    expect(lines.slice(1, 4)).toEqual([
      'GitHub release: https://github.com/o/r/releases/tag/v0.15.0',
      'Python package: micromegas 0.15.0  https://pypi.org/project/micromegas/0.15.0/ (skipped)',
      'Archive: plugin-0.15.0.tar.gz',
    ]);
  });
});
