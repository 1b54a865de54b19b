// Spans (spans.ts) as Ink elements: one <Text> per span, inside the caller's <Text>; or one span
// truncated to its box, styled after the cut (spans.ts paintTruncated draws the same).
import React from 'react';
import { Text } from 'ink';
import type { Span } from './spans.js';
import { color } from './theme.js';

export function SpanText({ span }: { span: Span }): React.JSX.Element {
  return (
    <Text color={span.color === undefined ? undefined : color(span.color)} bold={span.bold} inverse={span.inverse}>
      {span.text}
    </Text>
  );
}

export function TruncatedSpan({ span }: { span: Span }): React.JSX.Element {
  return (
    <Text
      wrap="truncate-end"
      color={span.color === undefined ? undefined : color(span.color)}
      bold={span.bold}
      inverse={span.inverse}
    >
      {span.text}
    </Text>
  );
}

export function SpanTexts({ spans }: { spans: readonly Span[] }): React.JSX.Element {
  return (
    <>
      {spans.map((s, i) => (
        <SpanText key={i} span={s} />
      ))}
    </>
  );
}
