// Small shared helpers for benchmarks: timing, medians, peak RSS, the final figure line.
import { readFileSync } from 'node:fs';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` (sync or async) and returns [elapsed ms, its value]. */
export async function timed(fn) {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

/** Runs `fn` `runs` times sequentially; returns the results in order. */
export async function repeat(runs, fn) {
  const results = [];
  for (let i = 0; i < runs; i += 1) results.push(await fn(i));
  return results;
}

/** Peak RSS (VmHWM) of a live process in KiB from /proc, or undefined where there is no /proc. */
export function peakRssKb(pid = process.pid) {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** This process's peak RSS in KiB: the kernel's high-water mark, so short spikes count too. */
export function ownPeakRssKb() {
  return peakRssKb() ?? process.resourceUsage().maxRSS;
}

export const mb = (kb) => Math.round(kb / 1024);

/** Prints the figure as the last line of the benchmark's output (what run-all collects). */
export function printFigure(line) {
  process.stdout.write(`${line}\n`);
}

/**
 * One figure with its target and a pass/miss mark: `figure: NAME VALUE (target <= T) pass`.
 * `npm run bench` collects every such line. `max` is the largest passing value.
 */
export function figure(name, value, { max, digits = 2, unit = '' }) {
  const shown = `${value.toFixed(digits)}${unit}`;
  const mark = value <= max ? 'pass' : 'MISS';
  const line = `figure: ${name} ${shown} (target <= ${max}${unit}) ${mark}`;
  process.stdout.write(`${line}\n`);
  return line;
}
