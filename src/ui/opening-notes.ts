// What the output pane says before any step ran: the intro (the demo explains itself there) and
// the plan's warnings, which `plan` and the start of a run print on the terminal the cockpit's
// screen then covers.
import type { Problem } from '../core/plan-types.js';
import { formatProblem } from '../core/problem-text.js';
import { plural } from '../core/plural.js';

/** The output pane's title while it shows the intro instead of a step's output. */
export const INTRO_TITLE = 'About this demo';
export const WARNINGS_TITLE = 'Plan warnings';

export interface OpeningNotes {
  heading: string;
  lines: string[];
}

export function openingNotes(
  intro: readonly string[] | undefined,
  problems: readonly Problem[],
): OpeningNotes | undefined {
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (!intro?.length && warnings.length === 0) return undefined;
  const listed = warnings.length
    ? [
        `The plan has ${plural(warnings.length, 'warning')} (\`release-cockpit plan\` lists them too):`,
        ...warnings.map(formatProblem),
      ]
    : [];
  const lines = intro?.length ? [...intro, ...(listed.length ? ['', ...listed] : [])] : listed;
  return { heading: intro?.length ? INTRO_TITLE : WARNINGS_TITLE, lines };
}
