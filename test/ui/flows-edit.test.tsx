// The changelog review's `e` key with the fake engine: the edit runs inside the host's suspend,
// the preview then shows the saved draft, and y answers the same question yes.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { createFakeEngine } from '../helpers/fake-engine.js';
import type { DraftEditResult } from '../../src/engine/engine-api.js';
import type { ConfirmRequest } from '../../src/engine/step-types.js';
import type { Suspend } from '../../src/ui/modals/confirm-edit.js';
import { renderApp } from './render-app.js';

afterEach(() => cleanup());

const FILE = '/state/release-cockpit/0.15.0/drafts/changelog.md';
const REVIEW: ConfirmRequest = {
  title: 'Write the 0.15.0 section to CHANGELOG.md?',
  commands: [],
  details: ['## [0.15.0] - 2026-11-21', '', '### Features', '', '- Computed line'],
  editFile: FILE,
};

/** A host suspend that records when the terminal is lent, and an "editor" that notes whether it had it. */
function host(save: (file: string) => DraftEditResult) {
  const events: string[] = [];
  let lent = false;
  const suspend: Suspend = (fn) => {
    events.push('suspend');
    lent = true;
    try {
      return fn();
    } finally {
      lent = false;
      events.push('resume');
    }
  };
  const editor = (file: string): DraftEditResult => {
    events.push(lent ? `edit ${file} (terminal lent)` : `edit ${file} (terminal NOT lent)`);
    return save(file);
  };
  return { events, suspend, editor };
}

describe('changelog review in $EDITOR', () => {
  it('e opens the draft inside suspend, the preview shows the saved draft, y confirms', async () => {
    const h = host(() => ({ ok: true, text: '\n## [0.15.0] - 2026-11-21\n\n### Features\n\n- Reworded by hand\n\n' }));
    const engine = createFakeEngine({ editor: h.editor });
    const app = await renderApp(engine, { suspend: h.suspend });
    const answer = engine.askConfirm(REVIEW);
    await app.until('y: go ahead · e: edit in $EDITOR · n or esc: cancel');
    const before = app.frame();
    expect(before).toContain('- Computed line');
    expect(before).toContain('e edit in $EDITOR');
    expect(before).not.toContain('This cannot be undone');

    await app.press('e');
    await app.until('- Reworded by hand');
    expect(h.events).toEqual(['suspend', `edit ${FILE} (terminal lent)`, 'resume']);
    expect(engine.callsTo('editInEditor')).toEqual([[FILE]]);
    expect(app.frame()).not.toContain('- Computed line');
    expect(app.frame()).toContain('Back from the editor: the preview shows the draft as you saved it.');

    await app.press('y');
    await expect(answer).resolves.toBe(true);
    await app.until((f) => !f.includes('Write the 0.15.0 section'));
  });

  it('an editor that cannot start is flashed; the preview stays and the question is still open', async () => {
    const h = host(() => ({ ok: false, message: 'vim: command not found on PATH; set $EDITOR' }));
    const engine = createFakeEngine({ editor: h.editor });
    const app = await renderApp(engine, { suspend: h.suspend });
    const answer = engine.askConfirm(REVIEW);
    await app.until('e: edit in $EDITOR');
    await app.press('e');
    await app.until('vim: command not found on PATH; set $EDITOR');
    expect(app.frame()).toContain('- Computed line');
    await app.press('n');
    await expect(answer).resolves.toBe(false);
  });

  it('an emptied draft says what going ahead would do', async () => {
    const h = host(() => ({ ok: true, text: '\n' }));
    const engine = createFakeEngine({ editor: h.editor });
    const app = await renderApp(engine, { suspend: h.suspend });
    void engine.askConfirm(REVIEW);
    await app.until('e: edit in $EDITOR');
    await app.press('e');
    await app.until('(the draft is empty: going ahead writes nothing and fails the step)');
  });

  it('unchanged after the editor: says so', async () => {
    const h = host(() => ({ ok: true, text: `${REVIEW.details!.join('\n')}\n` }));
    const engine = createFakeEngine({ editor: h.editor });
    const app = await renderApp(engine, { suspend: h.suspend });
    void engine.askConfirm(REVIEW);
    await app.until('e: edit in $EDITOR');
    await app.press('e');
    await app.until('Back from the editor: the draft is unchanged.');
  });

  it('a preview longer than the modal scrolls (j/k, PgDn), every shown line intact (none drawn over another)', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    const items = Array.from({ length: 40 }, (_, i) => `- item ${String(i + 1).padStart(2, '0')}`);
    void engine.askConfirm({ ...REVIEW, details: items.flatMap((l) => [l, '']) });
    const f = await app.until('j/k PgUp/PgDn scroll');
    expect(f).toContain('(1-15 of 81, j/k PgUp/PgDn scroll)');
    const shown = f.split('\n').filter((l) => l.includes('item'));
    expect(shown.length).toBeGreaterThan(3);
    shown.forEach((l, i) => expect(l).toContain(`│ - item ${String(i + 1).padStart(2, '0')} `));
    // Each item is followed by its blank line: no row squeezed out of the frame.
    const rows = f.split('\n');
    rows.forEach((l, i) => {
      if (l.includes('- item ')) expect(rows[i + 1]).toMatch(/^│\s+│$/);
    });
    expect(f).toContain('y: go ahead · e: edit in $EDITOR · n or esc: cancel');
    await app.press('j', 'j');
    await app.until('(3-17 of 81');
    await app.press('pagedown', 'pagedown', 'pagedown', 'pagedown', 'pagedown', 'pagedown');
    const end = await app.until('(67-81 of 81');
    expect(end).toContain('- item 40');
    await app.press('k');
    await app.until('(66-80 of 81');
  });

  it('a confirmation without a draft file has no e key', async () => {
    const h = host(() => ({ ok: true, text: 'x' }));
    const engine = createFakeEngine({ editor: h.editor });
    const app = await renderApp(engine, { suspend: h.suspend });
    const answer = engine.askConfirm({
      title: 'Publish 5 crates',
      commands: [['cargo', 'publish', '-p', 'micromegas']],
    });
    await app.until('y: go ahead · n or esc: cancel');
    expect(app.frame()).not.toContain('$EDITOR');
    await app.press('e');
    expect(h.events).toEqual([]);
    expect(engine.callsTo('editInEditor')).toEqual([]);
    await app.press('escape');
    await expect(answer).resolves.toBe(false);
  });
});
