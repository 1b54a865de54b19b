// The history view (h): every release of the repository with its result, when and what it
// published; enter opens one's rollback menu, which yanks through that release's own engine
// (opened per action and closed after), asking in the cockpit's confirm modal.
import { describe, expect, it } from 'vitest';
import { createFakeEngine, type FakeEngine } from '../helpers/fake-engine.js';
import { demoPlan } from '../helpers/demo-plan.js';
import { renderApp } from './render-app.js';
import type { HistoryEntry, ReleaseShelf } from '../../src/ui/release-shelf.js';
import type { EngineApi } from '../../src/engine/engine-api.js';

const OLD = '0.14.0';
const CRATE = 'micromegas-derive-transit';

function entry(version: string, patch: Partial<HistoryEntry>): HistoryEntry {
  return {
    version,
    project: 'Micromegas',
    result: 'finished',
    updatedAt: '2025-10-30T09:12:00.000Z',
    published: [],
    yanked: [],
    label: 'finished 2 days ago',
    ...patch,
  };
}

function shelfOf(older: FakeEngine, releases: () => HistoryEntry[]) {
  const log: string[] = [];
  const shelf: ReleaseShelf = {
    list: async () => releases(),
    withEngine: async <T,>(version: string, fn: (e: EngineApi) => Promise<T>) => {
      log.push(`open ${version}`);
      try {
        return await fn(older);
      } finally {
        log.push(`close ${version}`);
      }
    },
  };
  return { shelf, log };
}

describe('history view', () => {
  it('lists the releases; enter on an older one opens its crates; a typed yank goes through its engine', async () => {
    const engine = createFakeEngine();
    const older = createFakeEngine({
      plan: demoPlan({ version: OLD }),
      state: { crates: { [CRATE]: { status: 'published', version: OLD } } },
    });
    const releases = (): HistoryEntry[] => [
      entry('0.15.0', { result: 'failed', stoppedAt: 'cargo-test', label: 'failed at cargo-test just now' }),
      entry(OLD, {
        finishedAt: '2025-10-30T09:10:00.000Z',
        published: [`${CRATE}@${OLD}`],
        yanked: older.store.getState().crates[CRATE]?.yanked ? [`${CRATE}@${OLD}`] : [],
      }),
    ];
    const { shelf, log } = shelfOf(older, releases);
    const app = await renderApp(engine, { history: shelf });
    await app.press('h');
    const list = await app.until((f) => /0\.14\.0\s+finished 2 days ago/.test(f));
    expect(list).toContain('Release history');
    expect(list).toMatch(
      /›0\.15\.0\s+failed at cargo-test just now \(this cockpit\)\s+2025-10-30 09:12 UTC\s+│\n│\s+published no crate/,
    );
    expect(list).toMatch(
      new RegExp(`0\\.14\\.0\\s+finished 2 days ago\\s+2025-10-30 09:10 UTC\\s+│\\n│\\s+published 1 crate: ${CRATE}`),
    );

    await app.press('j', 'enter');
    await app.until(`${CRATE}@${OLD}  PUBLISHED`);
    expect(app.frame()).toContain(`Rollback v${OLD}, finished 2 days ago`);
    await app.press('space', 'y');
    await app.until(`Type ${OLD} to confirm`);
    await app.type(OLD);
    await app.press('enter');
    await app.until(`${CRATE}@${OLD}  YANKED`);
    expect(older.callsTo('yank')).toEqual([[[CRATE], undefined]]);
    expect(engine.callsTo('yank')).toEqual([]);
    // Each action opened the older release's engine and closed it again.
    expect(log.filter((l) => l.startsWith('open')).length).toBe(log.filter((l) => l.startsWith('close')).length);
    expect(log).toContain(`open ${OLD}`);

    // Back on the list: read again, the yank counted.
    await app.press('escape');
    await app.until('1 yanked');
    await app.press('escape');
    await app.until((f) => !f.includes('Release history'));
  });

  it("enter on the cockpit's own release opens its menu through the cockpit's engine", async () => {
    const engine = createFakeEngine({ state: { crates: { [CRATE]: { status: 'published' } } } });
    const other = createFakeEngine();
    const { shelf, log } = shelfOf(other, () => [entry('0.15.0', { result: 'in progress', label: 'in progress' })]);
    const app = await renderApp(engine, { history: shelf });
    await app.press('h');
    await app.until('(this cockpit)');
    await app.press('enter');
    await app.until(`${CRATE}@0.15.0  PUBLISHED`);
    expect(app.frame()).toContain('Rollback v0.15.0');
    expect(log).toEqual([]);
  });

  it('says so when no release has run yet, and enter explains why it does nothing', async () => {
    const engine = createFakeEngine();
    const { shelf } = shelfOf(engine, () => []);
    const app = await renderApp(engine, { history: shelf });
    await app.press('h');
    await app.until('No release has run in this repository yet');
    await app.press('enter');
    await app.until('No release here yet');
  });
});
