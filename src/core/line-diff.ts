// A line diff for a confirmation (the release notes before and after the editor): `- ` removed,
// `+ ` added, `  ` context, unchanged runs longer than the context cut to a `… N unchanged lines`.
import { plural } from './plural.js';

export type DiffOp = { op: ' ' | '-' | '+'; text: string };

/** Above this many lines a side (a pathological paste), the diff is every line out then every line in. */
const MAX_LINES = 3000;

function split(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The edit script by longest common subsequence of lines. */
export function diffOps(before: string, after: string): DiffOp[] {
  const a = split(before);
  const b = split(after);
  if (a.length > MAX_LINES || b.length > MAX_LINES)
    return [...a.map((text) => ({ op: '-' as const, text })), ...b.map((text) => ({ op: '+' as const, text }))];
  // lcs[i][j]: common length of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffOp[] = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i]! });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      out.push({ op: '-', text: a[i++]! });
    else out.push({ op: '+', text: b[j++]! });
  }
  return out;
}

/** The diff as lines to show, `context` unchanged lines kept around each change; [] when equal. */
export function diffLines(before: string, after: string, context = 2): string[] {
  const ops = diffOps(before, after);
  if (ops.every((o) => o.op === ' ')) return [];
  const near = ops.map(() => false);
  ops.forEach((o, k) => {
    if (o.op === ' ') return;
    for (let d = Math.max(0, k - context); d <= Math.min(ops.length - 1, k + context); d++) near[d] = true;
  });
  const out: string[] = [];
  let skipped = 0;
  ops.forEach((o, k) => {
    if (!near[k]) {
      skipped++;
      return;
    }
    if (skipped > 0) out.push(`  … ${plural(skipped, 'unchanged line')}`);
    skipped = 0;
    out.push(`${o.op} ${o.text}`);
  });
  if (skipped > 0) out.push(`  … ${plural(skipped, 'unchanged line')}`);
  return out;
}
