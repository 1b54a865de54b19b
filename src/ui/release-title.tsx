// The parts of the header line that the first frame and the cockpit draw alike (title-spans.ts).
import React from 'react';
import type { Plan } from '../core/plan-types.js';
import { SpanTexts } from './span-text.js';
import { demoBadgeSpans, releaseTitleSpans } from './title-spans.js';

/** "Project v1.2.0 → 1.3.0". */
export function ReleaseTitle({ plan }: { plan: Pick<Plan, 'project' | 'version' | 'next'> }): React.JSX.Element {
  return <SpanTexts spans={releaseTitleSpans(plan)} />;
}

export function DemoBadge({ demo }: { demo: boolean }): React.JSX.Element | null {
  if (!demo) return null;
  return <SpanTexts spans={demoBadgeSpans(demo)} />;
}
