// The persisted state, validated by zod (the config's single source of validation too). Whatever
// a saved state holds that this cannot take becomes a notice and a safe reading, never a silent
// reset: an unreadable step is interrupted (the maintainer retries or skips it), an unreadable
// crate is pending (the queue asks the index before publishing anything), and an unreadable map of
// steps or crates refuses to open (a guess could run finished steps again).
import * as z from 'zod';
import { UserError } from '../core/user-error.js';
import {
  CARGO_PHASES,
  CRATE_STATUSES,
  STATE_SCHEMA_VERSION,
  STEP_NEEDS,
  STEP_STATUSES,
  type ReleaseState,
} from '../core/state-types.js';
import type { CrateState, PhaseState, StepState } from '../core/state-types.js';

const iso = z.string();
const count = z.number().int().nonnegative();

export const StepStateSchema = z.object({
  status: z.enum(STEP_STATUSES),
  startedAt: iso.optional(),
  endedAt: iso.optional(),
  durationMs: z.number().nonnegative().optional(),
  sleptMs: z.number().nonnegative().optional(),
  summary: z.string().optional(),
  reason: z.string().optional(),
  note: z.string().optional(),
  exitCode: z.number().int().optional(),
  needs: z.enum(STEP_NEEDS).optional(),
  attempts: count.default(0),
});

export const CrateStateSchema = z.object({
  status: z.enum(CRATE_STATUSES),
  version: z.string(),
  cargoPhase: z.enum(CARGO_PHASES).optional(),
  waitUntil: z.number().optional(),
  attempts: count.default(0),
  reason: z.string().optional(),
  startedAt: iso.optional(),
  publishedAt: iso.optional(),
  yanked: z.boolean().optional(),
});

export const PhaseStateSchema = z.object({ startedAt: iso.optional(), completedAt: iso.optional() });

const Scalars = z.object({
  schemaVersion: z.number().int().default(STATE_SCHEMA_VERSION),
  project: z.string().default(''),
  version: z.string().default(''),
  next: z.string().default(''),
  createdAt: iso.default(new Date(0).toISOString()),
  updatedAt: iso.default(new Date(0).toISOString()),
  sessions: count.default(0),
  queuePaused: z.boolean().default(false),
  notices: z.array(z.string()).default([]),
});

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown): string => JSON.stringify(v)?.slice(0, 60) ?? String(v);

/** One sentence per zod issue: where, and what was found. */
function describe(where: string, value: unknown, error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
  const found = issue.path.reduce<unknown>((v, k) => (isObject(v) ? v[String(k)] : undefined), value);
  return `state.json: ${where}${path} is ${shown(found)} (${issue.message})`;
}

function entries<T>(
  raw: Raw,
  key: 'steps' | 'crates' | 'phases',
  parse: (id: string, v: unknown) => T,
): Record<string, T> {
  const v = raw[key];
  if (v === undefined) return {};
  if (!isObject(v)) {
    throw new UserError(
      `state.json: \`${key}\` is ${shown(v)}, not an object; the release's progress cannot be read.`,
      {
        hint: 'Restore the file (or fix it by hand), or delete the state directory to start the release over.',
      },
    );
  }
  return Object.fromEntries(Object.entries(v).map(([id, x]) => [id, parse(id, x)]));
}

/** The state as this version reads it, with a notice for everything it could not take. */
export function validateState(raw: unknown): ReleaseState {
  const s = isObject(raw) ? raw : {};
  const notices: string[] = [];
  const scalars = Object.fromEntries(
    Object.entries(Scalars.shape).map(([key, schema]) => {
      const r = (schema as z.ZodType).safeParse(s[key]);
      if (r.success) return [key, r.data];
      notices.push(`${describe(key, s[key], r.error)}; read as ${shown((schema as z.ZodType).parse(undefined))}.`);
      return [key, (schema as z.ZodType).parse(undefined)];
    }),
  ) as z.infer<typeof Scalars>;
  const steps = entries(s, 'steps', (id, v): StepState => {
    const r = StepStateSchema.safeParse(v);
    if (r.success) return r.data;
    notices.push(
      `${describe(`steps.${id}`, v, r.error)}: ${id} is treated as interrupted; check it, then retry or skip it.`,
    );
    return { status: 'interrupted', attempts: 0, reason: 'its saved state could not be read' };
  });
  const crates = entries(s, 'crates', (name, v): CrateState => {
    const r = CrateStateSchema.safeParse(v);
    if (r.success) return r.data;
    notices.push(
      `${describe(`crates.${name}`, v, r.error)}: ${name} is treated as pending (the queue asks the index before publishing).`,
    );
    const version = isObject(v) && typeof v.version === 'string' ? v.version : '';
    return { status: 'pending', version, attempts: 0 };
  });
  const phases = entries(s, 'phases', (id, v): PhaseState => {
    const r = PhaseStateSchema.safeParse(v);
    if (r.success) return r.data;
    notices.push(`${describe(`phases.${id}`, v, r.error)}; its timestamps are dropped.`);
    return {};
  });
  return { ...scalars, phases, steps, crates, notices: [...scalars.notices, ...notices] };
}
