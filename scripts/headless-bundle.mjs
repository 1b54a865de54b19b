// `run --headless`, a CI job's whole start-up, as a bundle of its own with a code cache
// (cached-bundle.mjs): parsing and compiling its ~590 KB were a third of its import.
import { buildCachedBundle } from './cached-bundle.mjs';

/** The headless run's files for `dist` (the loader last), its loader's name and its metafile. */
export function buildHeadless({ root, dist, define }) {
  const entry = 'src/cli/run-mode.ts';
  return buildCachedBundle({ root, dist, define, name: 'run-headless', entry, exports: ['runHeadless'] });
}
