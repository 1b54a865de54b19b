// Marks the engine puts at the start of an output line it writes itself, which the cockpit draws
// by role (shared vocabulary, so neither side parses the other's sentences).

/** The line that carries a failed step's reason: the step's last output line, drawn red. */
export const FAILED_MARK = '✗ failed: ';
