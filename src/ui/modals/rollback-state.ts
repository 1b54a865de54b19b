// The rollback menu's logic (pure): rows are the crates this release published, then the other
// rollback actions; crates are multi-selected, then yanked or unyanked in one go.
import type { RegistryCrateStatus, RollbackAction, RollbackResult } from '../../engine/engine-api.js';
import type { KeyContext } from '../keymap/types.js';
import type { RollbackModal } from './modal-types.js';
import { clamp } from '../scroll.js';

export type RollbackRow = { type: 'crate'; crate: RegistryCrateStatus } | { type: 'action'; action: RollbackAction };

/** A menu as it opens: the index and git/GitHub are asked in the background. */
export function openRollback(): RollbackModal {
  return {
    kind: 'rollback',
    load: { status: 'loading' },
    actions: [],
    actionsLoading: true,
    cursor: 0,
    selected: [],
    results: [],
  };
}

export function crateList(m: RollbackModal): RegistryCrateStatus[] {
  return m.load.status === 'ready' ? m.load.crates : [];
}

export function rollbackRows(m: RollbackModal): RollbackRow[] {
  return [
    ...crateList(m).map((crate) => ({ type: 'crate' as const, crate })),
    ...m.actions.map((action) => ({ type: 'action' as const, action })),
  ];
}

export function moveRollback(m: RollbackModal, delta: number): RollbackModal {
  const n = rollbackRows(m).length;
  return { ...m, cursor: clamp(m.cursor + delta, 0, n - 1) };
}

export function toggleRollback(m: RollbackModal): RollbackModal {
  const row = rollbackRows(m)[m.cursor];
  if (row?.type !== 'crate') return m;
  const name = row.crate.name;
  return { ...m, selected: m.selected.includes(name) ? m.selected.filter((s) => s !== name) : [...m.selected, name] };
}

/** Selects every crate, or none when every one is selected already. */
export function selectAllRollback(m: RollbackModal): RollbackModal {
  const all = crateList(m).map((c) => c.name);
  const every = all.length > 0 && all.every((n) => m.selected.includes(n));
  return { ...m, selected: every ? [] : all };
}

function selectedCrates(m: RollbackModal): RegistryCrateStatus[] {
  return crateList(m).filter((c) => m.selected.includes(c.name));
}

export function yankTargets(m: RollbackModal): string[] {
  return selectedCrates(m)
    .filter((c) => c.onIndex === 'published')
    .map((c) => c.name);
}

export function unyankTargets(m: RollbackModal): string[] {
  return selectedCrates(m)
    .filter((c) => c.onIndex === 'yanked')
    .map((c) => c.name);
}

function commonReason(m: RollbackModal): string | undefined {
  if (m.busy) return `Wait: ${m.busy}.`;
  if (m.load.status === 'loading') return 'The registry status is still loading.';
  if (m.load.status === 'error') return 'The registry status could not be read.';
  if (m.selected.length === 0) return 'Select crates with space first.';
  return undefined;
}

export function yankDisabled(m: RollbackModal): string | undefined {
  return (
    commonReason(m) ??
    (yankTargets(m).length === 0
      ? 'None of the selected crates is live on the index (already yanked or absent).'
      : undefined)
  );
}

export function unyankDisabled(m: RollbackModal): string | undefined {
  return commonReason(m) ?? (unyankTargets(m).length === 0 ? 'None of the selected crates is yanked.' : undefined);
}

export function rollbackKeyContext(m: RollbackModal): NonNullable<KeyContext['rollback']> {
  const row = rollbackRows(m)[m.cursor];
  return {
    busy: m.busy !== undefined,
    onCrate: row?.type === 'crate',
    onAction: row?.type === 'action',
    hasCrates: crateList(m).length > 0,
    allSelected: crateList(m).length > 0 && crateList(m).every((c) => m.selected.includes(c.name)),
    actionDisabled: row?.type === 'action' ? (m.busy ? `Wait: ${m.busy}.` : row.action.disabledReason) : undefined,
    yankDisabled: yankDisabled(m),
    unyankDisabled: unyankDisabled(m),
  };
}

/** After a yank or unyank: record the results, update what the index shows, clear the selection. */
export function applyResults(m: RollbackModal, results: RollbackResult[], verb: 'yank' | 'unyank'): RollbackModal {
  const ok = new Set(results.filter((r) => r.ok).map((r) => r.target));
  const load =
    m.load.status === 'ready'
      ? {
          status: 'ready' as const,
          crates: m.load.crates.map((c) =>
            ok.has(c.name) || ok.has(`${c.name}@${c.version}`)
              ? { ...c, onIndex: verb === 'yank' ? ('yanked' as const) : ('published' as const) }
              : c,
          ),
        }
      : m.load;
  return { ...m, load, busy: undefined, selected: [], results };
}
