// A phase of `.releaserc.json`: a titled group of steps, run in order.
import * as z from 'zod';
import { StepId } from './step-base.js';
import { Step } from './step.js';

export const Phase = z
  .object({
    id: StepId,
    title: z.string().min(1),
    steps: z.array(Step),
  })
  .strict();

export type PhaseConfig = z.infer<typeof Phase>;
