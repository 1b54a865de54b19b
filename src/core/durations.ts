// How durations read: formatDuration in sentences (headless lines, status, the release report),
// compactDuration where space is short (the header's clock, a pane title).
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** "2m 10s", "1h 05m", "12s": compact, for the header and a pane title. */
export function compactDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** How long the machine slept: "41 min", "45 s" (a sleep is read in round figures). */
export function sleptAmount(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

/**
 * A step's duration as every view shows it (checklist, headless, status, the release report): the
 * time it ran awake, and the machine's sleep under it beside that, never inside it.
 */
export function stepDurationText(ms: number, sleptMs?: number): string {
  return sleptMs ? `${formatDuration(ms)} + slept ${sleptAmount(sleptMs)}` : formatDuration(ms);
}

/**
 * A finished phase's duration: its span without the sleep detected under its steps (what its
 * steps' durations leave out too); undefined until it completed.
 */
export function phaseDurationMs(
  phase: { startedAt?: string; completedAt?: string },
  steps: readonly ({ sleptMs?: number } | undefined)[],
): number | undefined {
  if (!phase.startedAt || !phase.completedAt) return undefined;
  const ms = Date.parse(phase.completedAt) - Date.parse(phase.startedAt);
  if (Number.isNaN(ms)) return undefined;
  const slept = steps.reduce((sum, s) => sum + (s?.sleptMs ?? 0), 0);
  return Math.max(0, ms - slept);
}
