// The rollback menu and the questions of its actions, as whole frames: select all, the keys it
// takes (u and enter shown even while they cannot run), results labelled for people, the notes
// edit opening the editor first and showing the diff, the PyPI yank as steps done by hand; the
// menu sized to its lines under the checklist and the queue.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { pypiYankSteps } from '../../src/core/pypi-yank.js';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { renderApp } from './render-app.js';

afterEach(() => cleanup());

const blank = `│${' '.repeat(98)}│`;
const row = (text: string): string => `│ ${text.padEnd(97)}│`;
const HEADER = 'Micromegas v0.15.0 → 0.16.0  0/5 steps done';
const frameOf = (title: string, body: string[], footer: string[], rows = 17, panes: string[] = []): string =>
  [
    HEADER,
    ...panes,
    `╭${'─'.repeat(98)}╮`,
    row(title),
    ...body.map(row),
    ...Array.from({ length: rows - body.length }, () => blank),
    `╰${'─'.repeat(98)}╯`,
    ...footer,
  ].join('\n');

// At 100x24 the menu's 6 lines leave 11 rows above it: the checklist, the queue and the output.
const PANES_24 = [
  `━ Checklist ${'━'.repeat(71)} 0/5 steps done ━`,
  ' ▾ Code quality & testing  0/3 done',
  '›  ● cargo test  next',
  '   ○ cargo clippy',
  `─ Publish queue · p pauses ${'─'.repeat(73)}`,
  ` ${'█'.repeat(16)}${'░'.repeat(24)} 2/5 on the index`,
  '›✓ micromegas-derive-transit 0.15.0 published',
  `─ Output: cargo test ${'─'.repeat(70)} follow ─`,
  ' (no output yet)',
  '',
  '',
];

const withoutFlash = (f: string): string =>
  f
    .split('\n')
    .filter((_, i, all) => i !== all.length - 2)
    .join('\n');

describe('rollback menu', () => {
  it('selects every crate with a, and shows u and enter in its footer even while they cannot run', async () => {
    const engine = createFakeEngine({
      state: {
        crates: {
          'micromegas-derive-transit': { status: 'published' },
          'micromegas-transit': { status: 'published', yanked: true },
        },
      },
    });
    const app = await renderApp(engine);
    await app.press('y');
    await app.until((f) => f.includes('YANKED') && f.includes('Prepare a patch release'));
    const body = (box1: string, box2: string, cursor: 0 | 1) => [
      ' Crates this release published (space selects, a all, y yanks, u unyanks):',
      `${cursor === 0 ? '›' : ' '}[${box1}] micromegas-derive-transit@0.15.0  PUBLISHED`,
      `${cursor === 1 ? '›' : ' '}[${box2}] micromegas-transit@0.15.0  YANKED`,
      ' Other actions (enter runs):',
      '     Delete tag v0.15.0  (unavailable: the tag was never created)',
      '     Prepare a patch release',
    ];
    expect(app.frame()).toBe(
      frameOf(
        'Rollback v0.15.0',
        body(' ', ' ', 0),
        ['', 'space select  a select all  y yank  u unyank  enter run action  esc close'],
        6,
        PANES_24,
      ),
    );
    // Nothing selected: u says why instead of doing nothing.
    await app.press('u');
    await app.until('Select crates with space first.');
    await app.press('a');
    await app.until('· 2 selected');
    await app.press('j');
    await app.until('›[x] micromegas-transit');
    // (The row above the keys may still flash the reason u gave.)
    expect(withoutFlash(app.frame())).toBe(
      withoutFlash(
        frameOf(
          'Rollback v0.15.0 · 2 selected',
          body('x', 'x', 1),
          ['', 'space select  a select none  y yank  u unyank  enter run action  esc close'],
          6,
          PANES_24,
        ),
      ),
    );
    await app.press('a');
    await app.until((f) => f.includes('Rollback v0.15.0  ') || !f.includes('selected'));
    expect(app.frame()).toContain('›[ ] micromegas-transit@0.15.0  YANKED');
  });

  it('G goes to the last row and g back to the first, like the other lists', async () => {
    const engine = createFakeEngine({
      state: {
        crates: { 'micromegas-derive-transit': { status: 'published' }, 'micromegas-transit': { status: 'published' } },
      },
    });
    const app = await renderApp(engine);
    await app.press('y');
    await app.until((f) => f.includes('›[ ] micromegas-derive-transit') && f.includes('Prepare a patch release'));
    await app.press('G');
    await app.until((f) => /›\s+Prepare a patch release/.test(f) && !f.includes('›[ ]'));
    await app.press('g');
    await app.until((f) => f.includes('›[ ] micromegas-derive-transit') && !/›\s+Prepare/.test(f));
    await app.press('end');
    await app.until((f) => /›\s+Prepare a patch release/.test(f));
  });

  it('sits under the checklist and the queue at 100x40, sized to its lines', async () => {
    const engine = createFakeEngine({ state: { crates: { 'micromegas-derive-transit': { status: 'published' } } } });
    const app = await renderApp(engine);
    await app.resize(100, 40);
    await app.press('y');
    const f = await app.until('Prepare a patch release');
    expect(f).toBe(
      frameOf(
        'Rollback v0.15.0',
        [
          ' Crates this release published (space selects, a all, y yanks, u unyanks):',
          '›[ ] micromegas-derive-transit@0.15.0  PUBLISHED',
          ' Other actions (enter runs):',
          '     Delete tag v0.15.0  (unavailable: the tag was never created)',
          '     Prepare a patch release',
        ],
        ['', 'space select  a select all  y yank  u unyank  enter run action  esc close'],
        5,
        [
          `━ Checklist ${'━'.repeat(71)} 0/5 steps done ━`,
          ' ▾ Code quality & testing  0/3 done',
          '›  ● cargo test  next',
          '   ○ cargo clippy',
          '   [ ] Read the diff since v0.14.0',
          ' ▾ Phase 1: Rust crates  0/1 done',
          '   ○ Publish crates',
          ' ▾ Phase 4: Git release  0/1 done',
          '─'.repeat(100),
          'will run: $ cargo test (in rust/)',
          '',
          `─ Publish queue · p pauses ${'─'.repeat(73)}`,
          ` ${'█'.repeat(8)}${'░'.repeat(32)} 1/5 on the index`,
          '›✓ micromegas-derive-transit 0.15.0 published',
          ' ○ micromegas-transit        0.15.0 pending',
          ' ○ micromegas-tracing        0.15.0 pending',
          ' ○ micromegas-auth           0.15.0 pending',
          ' ○ micromegas                0.15.0 pending',
          `─ Output: cargo test ${'─'.repeat(70)} follow ─`,
          ' (no output yet)',
          ...Array.from({ length: 8 }, () => ''),
        ],
      ),
    );
  });

  it('labels a result with the action, not its id', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.press('y');
    await app.until('Prepare a patch release');
    await app.press('j', 'enter');
    await app.until('✓ Prepare a patch release: done');
    expect(app.frame()).not.toContain('prepare-patch');
  });
});

describe('questions of the rollback actions', () => {
  it('the release notes: the editor opens first, then the question shows the diff', async () => {
    const engine = createFakeEngine({
      editor: () => ({ ok: true, text: 'line one\nline two, fixed\nline three\n' }),
    });
    const app = await renderApp(engine);
    const answer = engine.askConfirm({
      title: 'Edit the notes of the GitHub release v0.15.0 (in $EDITOR)',
      commands: [['gh', 'release', 'edit', 'v0.15.0', '--notes-file', '/s/drafts/notes.md']],
      undo: 'the notes as they were are kept in /s/drafts/notes.before.md',
      details: ['(no change yet: e opens the notes in $EDITOR)'],
      editFile: '/s/drafts/notes.md',
      editBase: 'line one\nline two\nline three\n',
      editFirst: true,
    });
    await app.until('fixed');
    expect(engine.callsTo('editInEditor')).toEqual([['/s/drafts/notes.md']]);
    expect(app.frame()).toBe(
      frameOf(
        'Edit the notes of the GitHub release v0.15.0 (in $EDITOR)',
        [
          'Undo: the notes as they were are kept in /s/drafts/notes.before.md',
          'It will run:',
          '  $ gh release edit v0.15.0 --notes-file /s/drafts/notes.md',
          'What changes (e opens it in $EDITOR; what you save is what gets applied):',
          '  line one',
          '- line two',
          '+ line two, fixed',
          '  line three',
          '',
          'y: go ahead · e: edit in $EDITOR · n or esc: cancel',
        ],
        [
          'Back from the editor: the preview shows the draft as you saved it.',
          'y go ahead  e edit in $EDITOR  esc cancel',
        ],
      ),
    );
    await app.press('y');
    expect(await answer).toBe(true);
  });

  it('the PyPI yank: numbered steps for the web page, and y records that it was done', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    const answer = engine.askConfirm({
      title: 'Yank micromegas 0.15.0 on PyPI (by hand: how, then record it)',
      commands: [],
      undo: 'un-yank it on the same page ("Options", then "Un-yank")',
      manual: {
        steps: pypiYankSteps('https://pypi.org/pypi', 'micromegas', '0.15.0'),
        yes: 'I yanked it: record it in the journal',
      },
    });
    await app.until('Nothing runs from here');
    expect(app.frame()).toBe(
      frameOf(
        'Yank micromegas 0.15.0 on PyPI (by hand: how, then record it)',
        [
          'Nothing runs from here. Do it yourself:',
          '  1. Open https://pypi.org/manage/project/micromegas/release/0.15.0/ signed in as an owner or',
          '     maintainer of micromegas.',
          '  2. Press "Options", then "Yank", type 0.15.0 and give the reason (shown to anyone who installs',
          '     it).',
          '  3. After that pip skips micromegas 0.15.0 unless it is pinned exactly (micromegas==0.15.0);',
          '     the files stay downloadable.',
          'Undo: un-yank it on the same page ("Options", then "Un-yank")',
          '',
          'y: I yanked it: record it in the journal · n or esc: cancel',
        ],
        ['', 'y I yanked it: record it in the journal  esc cancel'],
      ),
    );
    await app.press('y');
    expect(await answer).toBe(true);
  });
});
