// The parts of the header line that the first frame and the cockpit draw alike, as spans: the
// cockpit draws them with Ink, the first frame before Ink is loaded (opening-frame.ts).
import type { Plan } from '../core/plan-types.js';
import type { Span } from './spans.js';

/** "Project v1.2.0 → 1.3.0". */
export function releaseTitleSpans(plan: Pick<Plan, 'project' | 'version' | 'next'>): Span[] {
  return [
    { text: plan.project, bold: true, color: 'accent' },
    { text: ' ' },
    { text: `v${plan.version}`, bold: true },
    { text: ` → ${plan.next}`, color: 'muted' },
  ];
}

/** The demo's badge, after the rest of the header. */
export function demoBadgeSpans(demo: boolean): Span[] {
  return demo ? [{ text: '  ' }, { text: ' DEMO ', color: 'info', bold: true, inverse: true }] : [];
}
