// Shared list scrolling: the smallest offset change that keeps the cursor visible.

export function keepVisible(index: number, offset: number, height: number, count: number): number {
  const h = Math.max(1, height);
  let o = Math.min(Math.max(0, offset), Math.max(0, count - h));
  if (index < o) o = index;
  if (index >= o + h) o = index - h + 1;
  return Math.max(0, o);
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(n, lo), Math.max(lo, hi));
}
