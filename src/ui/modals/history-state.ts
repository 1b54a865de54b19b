// The history view's logic (pure): every release of the repository with state, newest first,
// with its result, when, and what it published; the cursor picks the one whose rollback menu
// enter opens.
import type { HistoryEntry } from '../release-shelf.js';
import type { HistoryModal } from './modal-types.js';
import { clamp } from '../scroll.js';
import { plural } from '../../core/plural.js';
import type { CursorLine } from './modal-frame.js';

export function openHistory(): HistoryModal {
  return { kind: 'history', load: { status: 'loading' }, cursor: 0 };
}

export function historyEntries(m: HistoryModal): HistoryEntry[] {
  return m.load.status === 'ready' ? m.load.releases : [];
}

export function moveHistory(m: HistoryModal, delta: number): HistoryModal {
  return { ...m, cursor: clamp(m.cursor + delta, 0, historyEntries(m).length - 1) };
}

export function selectedRelease(m: HistoryModal): HistoryEntry | undefined {
  return historyEntries(m)[m.cursor];
}

/** "2026-12-05 05:40 UTC": when it finished, else when it last changed. */
export function whenOf(r: HistoryEntry): string {
  const iso = r.finishedAt ?? r.updatedAt;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'unknown time';
}

function crates(r: HistoryEntry): string {
  if (r.published.length === 0) return 'published no crate';
  const names = r.published.map((t) => t.replace(/@[^@]*$/, ''));
  const yanked = r.yanked.length > 0 ? ` · ${r.yanked.length} yanked` : '';
  return `published ${plural(r.published.length, 'crate')}: ${names.join(', ')}${yanked}`;
}

const ROLE: Record<HistoryEntry['result'], CursorLine['role']> = {
  finished: 'ok',
  failed: 'fail',
  interrupted: 'warn',
  'in progress': undefined,
};

export function historyLines(m: HistoryModal, current: string): CursorLine[] {
  if (m.load.status === 'loading') return [{ text: 'reading the releases…', role: 'muted' }];
  if (m.load.status === 'error') return [{ text: `could not read the releases: ${m.load.message}`, role: 'fail' }];
  const releases = m.load.releases;
  if (releases.length === 0)
    return [{ text: 'No release has run in this repository yet (a release exists once a step ran).', role: 'muted' }];
  const vw = Math.max(...releases.map((r) => r.version.length));
  const labels = releases.map((r) => (r.version === current ? `${r.label} (this cockpit)` : r.label));
  const lw = Math.max(...labels.map((l) => l.length));
  return [
    { text: 'Releases of this repository, newest first (enter: its crates, to yank or unyank):', bold: true },
    ...releases.flatMap((r, i): CursorLine[] => [
      {
        text: `${r.version.padEnd(vw)}  ${labels[i]!.padEnd(lw)}  ${whenOf(r)}`,
        role: ROLE[r.result],
        cursor: i === m.cursor,
      },
      { text: `${' '.repeat(vw + 2)}${crates(r)}`, role: 'muted' },
    ]),
  ];
}
