// A plan problem as one line, the same wherever it is shown: `plan`, the start of `run`, `init`
// and the cockpit's output pane before anything ran.
import type { Problem } from './plan-types.js';

export function formatProblem(p: Problem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : '';
  return `${p.severity}: ${where}${p.message} [${p.code}]`;
}
