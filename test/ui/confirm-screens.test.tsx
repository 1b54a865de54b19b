// Confirmations show exactly what will run, drawn by the whole app: the publish
// confirmation with what remains, what is already there and the rate-limit estimate inside it;
// `gh release create` whole (wrapped, never cut) over a notes preview that scrolls. The requests
// have the shape the steps build (their own tests: publish-preflight, steps-github-release).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { renderApp } from './render-app.js';
import { ghReleaseCreateArgs } from '../helpers/gh-release-args.js';

afterEach(() => cleanup());

const rows = (frame: string): string[] => frame.split('\n');
const PASSED = {
  'cargo-test': { status: 'passed' },
  clippy: { status: 'passed' },
  eyeball: { status: 'passed' },
} as const;

describe('confirmations', () => {
  it('publish: what remains to run, apart what is already published, the rate-limit estimate inside; the panes stay above', async () => {
    const engine = createFakeEngine({
      state: {
        steps: { ...PASSED, publish: { status: 'interrupted', reason: 'the cockpit was killed' } },
        crates: {
          'micromegas-derive-transit': { status: 'published' },
          'micromegas-transit': { status: 'already-published' },
        },
      },
    });
    const app = await renderApp(engine);
    await app.resize(100, 40);
    void engine.askConfirm({
      title: 'Publish crates',
      heading: 'It will publish 3 remaining of 5 crates to crates-io (sparse+https://index.crates.io/):',
      commands: [
        ['cargo', 'package', '-p', 'micromegas-tracing', '-p', 'micromegas-auth', '-p', 'micromegas'],
        ['cargo', 'publish', '--no-verify', '-p', 'micromegas-tracing@0.15.0'],
        ['cargo', 'publish', '--no-verify', '-p', 'micromegas-auth@0.15.0'],
        ['cargo', 'publish', '--no-verify', '-p', 'micromegas@0.15.0'],
      ],
      // Each command in the directory it runs in: the set's first crate, then each crate's own.
      cwds: ['rust/tracing', 'rust/tracing', 'rust/auth', 'rust/micromegas'],
      details: [
        'Published by this release (1): micromegas-derive-transit',
        'Already on the index (skipped) (1): micromegas-transit',
      ],
      warnings: [
        'rate limits: 3 new crates exceed the burst of 2 (then 1 per 10 min): expect at least 10 min of extra waiting (the queue waits and retries by itself).',
      ],
    });
    const f = await app.until('y: go ahead');
    expect(rows(f)).toEqual([
      'Micromegas v0.15.0 → 0.16.0  3/5 steps done',
      '━ Checklist ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 3/5 steps done ━',
      '   ✓ cargo test',
      '   ✓ cargo clippy',
      '   [x] Read the diff since v0.14.0',
      ' ▾ Phase 1: Rust crates  0/1 done',
      '›  ⏸ Publish crates  interrupted: the cockpit was killed · r to retry',
      '────────────────────────────────────────────────────────────────────────────────────────────────────',
      '⏸ interrupted: the cockpit was killed · r retries, s skips',
      '─ Publish queue · p pauses ─────────────────────────────────────────────────────────────────────────',
      ' ████████████████░░░░░░░░░░░░░░░░░░░░░░░░ 2/5 on the index',
      '›✓ micromegas-derive-transit 0.15.0 published',
      ' ≡ micromegas-transit        0.15.0 already on the index',
      ' ○ micromegas-tracing        0.15.0 pending',
      '─ Output: Publish crates ────────────────────────────────────────────────────────────────── follow ─',
      ' (no output yet)',
      '',
      '',
      '',
      '',
      '',
      '',
      '╭──────────────────────────────────────────────────────────────────────────────────────────────────╮',
      '│ Publish crates                                                                                   │',
      '│ This cannot be undone.                                                                           │',
      '│ It will publish 3 remaining of 5 crates to crates-io (sparse+https://index.crates.io/):          │',
      '│   $ cargo package -p micromegas-tracing -p micromegas-auth -p micromegas   (in rust/tracing/)    │',
      '│   $ cargo publish --no-verify -p micromegas-tracing@0.15.0   (in rust/tracing/)                  │',
      '│   $ cargo publish --no-verify -p micromegas-auth@0.15.0   (in rust/auth/)                        │',
      '│   $ cargo publish --no-verify -p micromegas@0.15.0   (in rust/micromegas/)                       │',
      '│ ! rate limits: 3 new crates exceed the burst of 2 (then 1 per 10 min): expect at least 10 min of │',
      '│   extra waiting (the queue waits and retries by itself).                                         │',
      '│ Published by this release (1): micromegas-derive-transit                                         │',
      '│ Already on the index (skipped) (1): micromegas-transit                                           │',
      '│                                                                                                  │',
      '│ y: go ahead · n or esc: cancel                                                                   │',
      '╰──────────────────────────────────────────────────────────────────────────────────────────────────╯',
      '',
      'y go ahead  esc cancel',
    ]);
  });

  it('gh release create is shown whole, wrapped; the notes preview scrolls with PgDn and k', async () => {
    const engine = createFakeEngine({ state: { steps: PASSED } });
    const app = await renderApp(engine);
    await app.resize(80, 24);
    const notes = Array.from({ length: 30 }, (_, i) => `  - change number ${i + 1} (#${500 + i})`);
    void engine.askConfirm({
      title: 'Create the GitHub release v0.15.0',
      commands: [
        [
          'gh',
          ...ghReleaseCreateArgs(
            '/home/me/micromegas/.git/release-cockpit/0.15.0/release-notes.md',
            '/home/me/micromegas',
          ),
        ],
      ],
      details: [
        'Release notes (30 lines, written to /home/me/micromegas/.git/release-cockpit/0.15.0/release-notes.md before gh runs):',
        ...notes,
      ],
    });
    const first = await app.until('y: go ahead');
    expect(rows(first)).toEqual([
      'Micromegas v0.15.0 → 0.16.0  3/5 steps done',
      '╭──────────────────────────────────────────────────────────────────────────────╮',
      '│ Create the GitHub release v0.15.0 (1-15 of 40, j/k PgUp/PgDn scroll)         │',
      '│ This cannot be undone.                                                       │',
      '│ It will run:                                                                 │',
      "│   $ gh release create v0.15.0 --verify-tag --title 'Micromegas v0.15.0'      │",
      '│       --notes-file                                                           │',
      '│       /home/me/micromegas/.git/release-cockpit/0.15.0/release-notes.md       │',
      '│       --latest --repo madesroches/micromegas                                 │',
      '│       /home/me/micromegas/micromegas-datasource-0.15.0.tar.gz                │',
      '│ Release notes (30 lines, written to                                          │',
      '│   /home/me/micromegas/.git/release-cockpit/0.15.0/release-notes.md before gh │',
      '│   runs):                                                                     │',
      '│   - change number 1 (#500)                                                   │',
      '│   - change number 2 (#501)                                                   │',
      '│   - change number 3 (#502)                                                   │',
      '│   - change number 4 (#503)                                                   │',
      '│   - change number 5 (#504)                                                   │',
      '│                                                                              │',
      '│ y: go ahead · n or esc: cancel                                               │',
      '╰──────────────────────────────────────────────────────────────────────────────╯',
      '',
      'y go ahead  esc cancel',
    ]);
    // A page keeps its last line on screen: line 15 (change 5) is still there, nothing is skipped.
    await app.press('pagedown');
    const paged = await app.until((f) => !f.includes('This cannot be undone.'));
    expect(rows(paged)).toEqual([
      'Micromegas v0.15.0 → 0.16.0  3/5 steps done',
      '╭──────────────────────────────────────────────────────────────────────────────╮',
      '│ Create the GitHub release v0.15.0 (15-29 of 40, j/k PgUp/PgDn scroll)        │',
      '│   - change number 5 (#504)                                                   │',
      '│   - change number 6 (#505)                                                   │',
      '│   - change number 7 (#506)                                                   │',
      '│   - change number 8 (#507)                                                   │',
      '│   - change number 9 (#508)                                                   │',
      '│   - change number 10 (#509)                                                  │',
      '│   - change number 11 (#510)                                                  │',
      '│   - change number 12 (#511)                                                  │',
      '│   - change number 13 (#512)                                                  │',
      '│   - change number 14 (#513)                                                  │',
      '│   - change number 15 (#514)                                                  │',
      '│   - change number 16 (#515)                                                  │',
      '│   - change number 17 (#516)                                                  │',
      '│   - change number 18 (#517)                                                  │',
      '│   - change number 19 (#518)                                                  │',
      '│                                                                              │',
      '│ y: go ahead · n or esc: cancel                                               │',
      '╰──────────────────────────────────────────────────────────────────────────────╯',
      '',
      'y go ahead  esc cancel',
    ]);
    await app.press('k');
    await app.until('(14-28 of 40, j/k PgUp/PgDn scroll)');
  });

  it('a mistyped version is answered at once, in the question, and confirms nothing', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    let answered: boolean | undefined;
    void engine
      .askConfirm({
        title: 'Yank micromegas-auth 0.15.0',
        commands: [['cargo', 'yank', '--version', '0.15.0', 'micromegas-auth']],
        typed: '0.15.0',
      })
      .then((a) => (answered = a));
    await app.until('Type 0.15.0 to confirm:');
    await app.type('0.16');
    const f = await app.until('not 0.15.0: backspace to correct');
    expect(f).toContain('│ Type 0.15.0 to confirm: 0.16   not 0.15.0: backspace to correct');
    await app.press('enter');
    await app.until('Type 0.15.0 exactly to confirm.');
    expect(answered).toBeUndefined();
    await app.press('backspace');
    await app.type('5.0');
    await app.until((fr) => !fr.includes('backspace to correct') && fr.includes('0.15.0 to confirm: 0.15.0'));
    await app.press('enter');
    await app.until(() => answered === true);
  });
});
