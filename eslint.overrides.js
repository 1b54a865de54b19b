// Temporary exceptions to the layer and size rules of eslint.config.js, one entry per file that
// still breaks them. Whoever fixes a file removes its entry; nothing new is added here.

/** Files that still import across a layer boundary: `allow` names what they may still import. */
export const layerOverrides = [];

/**
 * Files and functions still over 300 lines / 80 lines: the limit here is today's size, so they
 * cannot grow while they wait for their split.
 */
export const sizeOverrides = [
  { file: 'src/engine/publish-queue.ts', functionLines: 128 },
  { file: 'test/engine/runner.test.ts', lines: 362 },
  // Over the limit since the Prettier pass reflowed them; split next.
  { file: 'test/engine/publish-queue.test.ts', lines: 324 },
  { file: 'test/helpers/fake-engine.ts', lines: 347 },
];

/** Other rules a file is still excused from, with the reason. */
export const ruleOverrides = [
  // Walks zod's internal schema objects, which have no public types.
  { file: 'src/config/errors.ts', rules: { '@typescript-eslint/no-explicit-any': 'off' } },
];
