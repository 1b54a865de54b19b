// Text measured and cut exactly as Ink does (its own string-width and cli-truncate), for any text.
// Loaded only when a first frame holds more than simple text (spans.ts simpleMeasure): their
// start-up (ICU's grapheme segmenter, the emoji regex) costs ~60 ms.
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import type { Measure } from './spans.js';

export const exactMeasure: Measure = {
  width: (text) => stringWidth(text),
  truncate: (text, columns) => cliTruncate(text, columns),
};
