// What every step of `.releaserc.json` has (id, title, irreversible), whatever its kind.
import * as z from 'zod';

export const StepId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'a step id is lowercase letters, digits, ".", "_" or "-"')
  .describe('Unique id of the step across the whole file; names its log file and its state.');

export const stepBase = {
  id: StepId,
  title: z
    .string()
    .min(1)
    .optional()
    .describe(
      'What the checklist shows (${version}, ${next}, ${previousTag}, ${tag} and ${project} are replaced); defaults to a title derived from the kind.',
    ),
  irreversible: z
    .boolean()
    .optional()
    .describe(
      'Ask for confirmation before running, journal intent/done around it and only print it in a dry run (any step kind).',
    ),
};
