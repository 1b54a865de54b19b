// The config's commands: argv arrays, never shell strings.
import * as z from 'zod';

/** A command as an argv array: never a shell string (no quoting bugs, no injection). */
export const Argv = z
  .array(z.string().min(1, 'an argv element must not be empty'))
  .min(1, 'a command needs at least the program name')
  .describe('A command as an argv array, e.g. ["cargo", "test"]. Never a shell string.');
