// The detail rows under the checklist (pure): the selected step's whole reason, summary or what
// it will run, wrapped to the pane's width, so a failure is never only a truncated "fail…".
import type { Role } from '../../theme.js';
import { shellQuote, wrapText } from '../../format.js';
import type { ChecklistRow } from './checklist-rows.js';

/** Rows kept for the detail under a checklist of `height` rows (none when it is small). */
export function detailRows(height: number): number {
  return height >= 10 ? 3 : height >= 7 ? 2 : 0;
}

function pendingText(row: Extract<ChecklistRow, { type: 'step' }>): string {
  const c = row.step.config;
  if (c.kind === 'run') return `will run: $ ${shellQuote(c.run)}${c.cwd && c.cwd !== '.' ? ` (in ${c.cwd}/)` : ''}`;
  if (c.kind === 'manual') return `manual: ${row.step.title}${c.details ? `: ${c.details}` : ''}`;
  return `${row.step.kind} step${row.step.irreversible ? ' (irreversible: asks before it runs)' : ''}`;
}

export function stepDetail(row: ChecklistRow | undefined): { text: string; role?: Role } | undefined {
  if (!row) return undefined;
  if (row.type === 'phase') return { text: `${row.title}: ${row.done}/${row.total} steps done`, role: 'muted' };
  const st = row.state;
  switch (st.status) {
    case 'failed':
      return {
        text: `✗ failed: ${st.reason ?? 'no reason recorded'}${st.exitCode !== undefined ? ` (exit ${st.exitCode})` : ''} · r retries, s skips`,
        role: 'fail',
      };
    case 'interrupted':
      return {
        text: `⏸ interrupted: ${st.reason ?? 'the cockpit stopped while it ran'} · r retries, s skips`,
        role: 'warn',
      };
    case 'skipped':
      return { text: `skipped: ${st.reason ?? ''}`, role: 'muted' };
    case 'passed':
      return { text: `✓ ${[st.summary, st.note].filter(Boolean).join(' · ') || 'passed'}`, role: 'ok' };
    case 'running':
      return { text: `running${st.summary ? `: ${st.summary}` : ''} · x cancels it`, role: 'running' };
    default:
      // What the plan warns about this step (a library crate the publish list forgot) before it runs.
      return row.warnings?.length
        ? { text: [pendingText(row), ...row.warnings.map((w) => `⚠ ${w}`)].join(' · '), role: 'warn' }
        : { text: pendingText(row), role: 'muted' };
  }
}

/** The detail wrapped into at most `rows` rows, the last cut with an ellipsis. */
export function detailLines(text: string, width: number, rows: number): string[] {
  if (rows <= 0) return [];
  const lines = wrapText(text, Math.max(10, width - 2), 2);
  if (lines.length <= rows) return lines;
  const kept = lines.slice(0, rows);
  const last = kept[rows - 1]!;
  kept[rows - 1] = `${last.slice(0, Math.max(0, width - 3))}…`;
  return kept;
}
