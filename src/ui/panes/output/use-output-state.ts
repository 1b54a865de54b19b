// Output pane state. Lines live in the OutputHub ring buffers, outside React: a frame timer
// (<= 30 fps, <= 10 fps during a flood) compares the buffer's version and re-renders only when
// it moved, so a flood of lines costs at most one render per frame and memory stays bounded.
// Scroll positions are absolute line numbers, so the view stays put while new lines arrive.
import { useEffect, useRef, useState } from 'react';
import type { OutputLine } from '../../../core/output-line.js';
import type { OutputBufferView, OutputHub } from '../../../store/output-types.js';
import { clamp } from '../../scroll.js';

export interface OutputState {
  /** Stick to the newest line (and show the running step). */
  follow: boolean;
  /** Absolute number of the first visible line when not following. */
  top: number;
  term?: string;
  /** Absolute number of the current match. */
  matchLine?: number;
}

export interface BufferDims {
  size: number;
  total: number;
}

export const INITIAL_OUTPUT: OutputState = { follow: true, top: 0 };

/** Held lines [start, start+count) to draw, and the absolute number of the first one. */
export function windowOf(
  dims: BufferDims,
  height: number,
  st: OutputState,
): { start: number; count: number; firstAbs: number } {
  const dropped = dims.total - dims.size;
  const maxStart = Math.max(0, dims.size - height);
  const start = st.follow ? maxStart : clamp(st.top - dropped, 0, maxStart);
  return { start, count: Math.min(height, dims.size - start), firstAbs: dropped + start };
}

export function scrollBy(st: OutputState, dims: BufferDims, height: number, delta: number): OutputState {
  const { firstAbs } = windowOf(dims, height, st);
  const dropped = dims.total - dims.size;
  return { ...st, follow: false, top: clamp(firstAbs + delta, dropped, Math.max(dropped, dims.total - height)) };
}

export function scrollToTop(st: OutputState, dims: BufferDims): OutputState {
  return { ...st, follow: false, top: dims.total - dims.size };
}

export function scrollToBottom(st: OutputState, dims: BufferDims, height: number): OutputState {
  return { ...st, top: Math.max(dims.total - dims.size, dims.total - height) };
}

export function toggleFollow(st: OutputState, dims: BufferDims, height: number): OutputState {
  // Leaving follow freezes the view where it is rather than jumping.
  return st.follow ? { ...st, follow: false, top: windowOf(dims, height, st).firstAbs } : { ...st, follow: true };
}

/** Smart case: a term with a capital letter matches case-sensitively. */
function matcher(term: string): (text: string) => number {
  if (/[A-Z]/.test(term)) return (t) => t.indexOf(term);
  const low = term.toLowerCase();
  return (t) => t.toLowerCase().indexOf(low);
}

/**
 * The absolute number of the next line containing `term` strictly after (dir 1) or before (dir -1)
 * `fromAbs`, wrapping around what is held.
 */
export function findMatch(
  lines: readonly OutputLine[],
  firstAbs: number,
  term: string,
  fromAbs: number,
  dir: 1 | -1,
): number | undefined {
  if (term === '' || lines.length === 0) return undefined;
  const find = matcher(term);
  const n = lines.length;
  const from = clamp(fromAbs - firstAbs, -1, n);
  for (let k = 1; k <= n; k++) {
    const i = (((from + dir * k) % n) + n) % n;
    if (find(lines[i]!.text) >= 0) return firstAbs + i;
  }
  return undefined;
}

export interface Segment {
  text: string;
  match: boolean;
}

export function matchSegments(text: string, term: string | undefined): Segment[] {
  if (!term) return [{ text, match: false }];
  const find = matcher(term);
  const out: Segment[] = [];
  let rest = text;
  for (let i = find(rest); i >= 0 && rest !== ''; i = find(rest)) {
    if (i > 0) out.push({ text: rest.slice(0, i), match: false });
    out.push({ text: rest.slice(i, i + term.length), match: true });
    rest = rest.slice(i + term.length);
  }
  if (rest !== '') out.push({ text: rest, match: false });
  return out;
}

/** Jump to a match: leave follow, put the match a third of the way down. */
export function showMatch(st: OutputState, dims: BufferDims, height: number, term: string, line: number): OutputState {
  const dropped = dims.total - dims.size;
  const top = clamp(line - Math.floor(height / 3), dropped, Math.max(dropped, dims.total - height));
  return { ...st, follow: false, top, term, matchLine: line };
}

/** More new lines than this per frame is a flood: nobody reads it line by line. */
export const FLOOD_LINES_PER_FRAME = 100;
/** Redraws per second at most while a flood runs. */
export const FLOOD_FPS = 10;

/**
 * Re-renders when the step's buffer changed, checked at most `fps` times a second, and at most
 * FLOOD_FPS times a second while lines pour in. Each frame costs the thread that also reads the
 * output and the keys ~10 ms (React and Ink redraw the whole app): in bench/ui-flood.mjs (a
 * 1M-line flood, 2 busy cores) key-to-frame latency went from median 71 / p90 111 ms (87 probes)
 * at 30 redraws a second to median 54 / p90 80 ms (62 probes) with this cap.
 */
export function useOutputFrame(hub: OutputHub, stepId: string | undefined, fps: number): number {
  const [stamp, setStamp] = useState(0);
  useEffect(() => {
    if (stepId === undefined) return undefined;
    let seen = hub.get(stepId).version;
    let drawnAt = 0;
    const floodGapMs = 1000 / Math.min(fps, FLOOD_FPS);
    const timer = setInterval(
      () => {
        const v = hub.get(stepId).version;
        if (v === seen) return;
        const now = Date.now();
        // Skipped frames keep `seen`: the lines add up and the next allowed frame shows them all.
        if (v - seen > FLOOD_LINES_PER_FRAME && now - drawnAt < floodGapMs) return;
        seen = v;
        drawnAt = now;
        setStamp((s) => s + 1);
      },
      Math.ceil(1000 / fps),
    );
    return () => clearInterval(timer);
  }, [hub, stepId, fps]);
  return stamp;
}

/** Fixed lines as a buffer (a manual step's text): drawn, scrolled and searched like output. */
export function staticBuffer(texts: readonly string[]): OutputBufferView {
  const lines: OutputLine[] = texts.map((text) => ({ stream: 'info', text }));
  return {
    size: lines.length,
    total: lines.length,
    version: 0,
    slice: (start, count) => lines.slice(start, start + count),
  };
}

/** How many held lines match the term, and which of them is the current match (1-based). */
export function matchCounter(
  lines: readonly OutputLine[],
  firstAbs: number,
  term: string | undefined,
  current: number | undefined,
): { count: number; at?: number } {
  if (!term) return { count: 0 };
  const find = matcher(term);
  let count = 0;
  let at: number | undefined;
  lines.forEach((l, i) => {
    if (find(l.text) < 0) return;
    count += 1;
    if (firstAbs + i === current) at = count;
  });
  return { count, ...(at !== undefined ? { at } : {}) };
}

export interface OutputPaneState {
  /** Matches of the search among the held lines, and the current one's number. */
  matches: { count: number; at?: number };
  stepId?: string;
  state: OutputState;
  dims: BufferDims;
  lines: OutputLine[];
  firstAbs: number;
  lineUp(): void;
  lineDown(): void;
  pageUp(): void;
  pageDown(): void;
  top(): void;
  bottom(): void;
  toggleFollow(): void;
  /** Returns false when nothing matches. */
  search(term: string): boolean;
  next(dir: 1 | -1): boolean;
}

/**
 * `follow` is owned by the app (it also decides which step is shown and moves the checklist
 * cursor); scrolling away from the bottom turns it off through `setFollow`.
 */
export function useOutputState(
  hub: OutputHub,
  stepId: string | undefined,
  height: number,
  follow: boolean,
  setFollow: (f: boolean) => void,
  fps = 30,
  /** Shown (and searched) while the step has no output: a manual step's text. */
  fallback?: readonly string[],
): OutputPaneState {
  useOutputFrame(hub, stepId, fps);
  const [inner, setInner] = useState<OutputState>(INITIAL_OUTPUT);
  const ref = useRef<OutputState>({ ...inner, follow });
  ref.current = { ...inner, follow };
  const lastStep = useRef(stepId);
  const real = stepId === undefined ? undefined : hub.get(stepId);
  const buf = fallback && fallback.length > 0 && (real?.size ?? 0) === 0 ? staticBuffer(fallback) : real;
  const dims: BufferDims = { size: buf?.size ?? 0, total: buf?.total ?? 0 };
  const apply = (f: (s: OutputState) => OutputState): void => {
    const next = f(ref.current);
    ref.current = next;
    setInner(next);
    if (next.follow !== follow) setFollow(next.follow);
  };
  if (lastStep.current !== stepId) {
    // Another step's buffer: the old position means nothing there; show its newest lines.
    lastStep.current = stepId;
    const next = { ...ref.current, top: Math.max(0, dims.total - height), matchLine: undefined };
    ref.current = next;
    setInner(next);
  }
  const win = windowOf(dims, height, ref.current);
  const lines = buf ? buf.slice(win.start, win.count) : [];
  const jump = (term: string, from: number, dir: 1 | -1): boolean => {
    if (!buf) return false;
    const all = buf.slice(0, buf.size);
    const line = findMatch(all, buf.total - buf.size, term, from, dir);
    if (line === undefined) {
      apply((s) => ({ ...s, term, matchLine: undefined }));
      return false;
    }
    apply((s) => showMatch(s, dims, height, term, line));
    return true;
  };
  const matches =
    buf && ref.current.term
      ? matchCounter(buf.slice(0, buf.size), buf.total - buf.size, ref.current.term, ref.current.matchLine)
      : { count: 0 };
  return {
    matches,
    stepId,
    state: ref.current,
    dims,
    lines,
    firstAbs: win.firstAbs,
    lineUp: () => apply((s) => scrollBy(s, dims, height, -1)),
    lineDown: () => apply((s) => scrollBy(s, dims, height, 1)),
    pageUp: () => apply((s) => scrollBy(s, dims, height, -Math.max(1, height - 1))),
    pageDown: () => apply((s) => scrollBy(s, dims, height, Math.max(1, height - 1))),
    top: () => apply((s) => scrollToTop(s, dims)),
    bottom: () => apply((s) => scrollToBottom(s, dims, height)),
    toggleFollow: () => apply((s) => toggleFollow(s, dims, height)),
    // A new search starts just above the first visible line, so a match on screen is found first.
    search: (term) => jump(term, win.firstAbs - 1, 1),
    next: (dir) => {
      const s = ref.current;
      if (!s.term) return false;
      return jump(s.term, s.matchLine ?? win.firstAbs - 1, dir);
    },
  };
}
