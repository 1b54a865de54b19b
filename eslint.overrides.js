// Temporary exceptions to the size rules of eslint.config.js, one entry per file that still breaks
// them. Whoever fixes a file removes its entry; nothing new is added here.

/**
 * Files and functions still over 300 lines / 80 lines: the limit here is today's size, so they
 * cannot grow while they wait for their split.
 */
export const sizeOverrides = [];
