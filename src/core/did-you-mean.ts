// "did you mean" suggestions for names typed by hand (crate names, step kinds, config keys).

/**
 * Optimal string alignment distance (Damerau-Levenshtein restricted to adjacent transpositions):
 * "auht" -> "auth" is one edit, the usual typo.
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const w = b.length + 1;
  // Three rolling rows: the transposition needs the row before the previous one.
  let prev2 = new Array<number>(w).fill(0);
  let prev = Array.from({ length: w }, (_, j) => j);
  let cur = new Array<number>(w).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length]!;
}

/**
 * The closest candidate when it is close enough to be a plausible typo (distance at most a third
 * of the input's length, and never less than 1 allowed), else undefined. Case-insensitive; ties
 * keep the first. Callers check exact membership first: an exact match returns itself.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  const limit = Math.max(1, Math.floor(needle.length / 3));
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    // Lengths alone bound the distance from below: skip hopeless candidates without the DP.
    if (Math.abs(c.length - needle.length) > limit) continue;
    const d = damerauLevenshtein(needle, c.toLowerCase());
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return bestDist <= limit ? best : undefined;
}

/** "; did you mean `x`?" or "" — ready to append to a sentence. */
export function didYouMeanSuffix(input: string, candidates: Iterable<string>): string {
  const s = didYouMean(input, candidates);
  return s === undefined ? '' : `; did you mean \`${s}\`?`;
}
