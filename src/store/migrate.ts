// Schema versions of state.json. A release can span tool upgrades (start on Monday, finish after
// `npm update` on Tuesday), so old states are migrated step by step, never thrown away; a state
// written by a newer tool is refused (we would silently drop what we do not understand).
import { UserError } from '../core/user-error.js';
import type { CrateState, CrateStatus, PhaseState, ReleaseState, StepState, StepStatus } from './state-types.js';
import { STATE_SCHEMA_VERSION } from './state-types.js';

type Raw = Record<string, unknown>;

const STEP_STATUSES: readonly StepStatus[] = ['pending', 'running', 'passed', 'failed', 'skipped', 'interrupted'];
const CRATE_STATUSES: readonly CrateStatus[] = [
  'pending', 'publishing', 'waiting-index', 'grace', 'rate-limited', 'retrying', 'published', 'already-published', 'failed', 'skipped',
];

/**
 * MIGRATIONS[n] turns a version-n state into a version-(n+1) state. Append one entry whenever
 * STATE_SCHEMA_VERSION is bumped; never edit an old one. Version 1 is the first released schema.
 */
const MIGRATIONS: Record<number, (s: Raw) => Raw> = {};

export function checkNotNewer(version: number, file: string): void {
  if (version > STATE_SCHEMA_VERSION) {
    // Never a registry install: this project publishes no package, and a name on a registry is not ours to vouch for.
    throw new UserError(`${file} was written by a newer release-cockpit (state schema ${version}, this one reads up to ${STATE_SCHEMA_VERSION}); upgrade release-cockpit.`, {
      hint: 'Update the release-cockpit checkout this command runs from (`git pull && npm ci && npm run build` there), then run it again.',
    });
  }
}

/** zustand persist `migrate`: from `fromVersion` up to STATE_SCHEMA_VERSION. */
export function migrateState(persisted: unknown, fromVersion: number): ReleaseState {
  checkNotNewer(fromVersion, 'state.json');
  let s: Raw = isObject(persisted) ? { ...persisted } : {};
  for (let v = fromVersion; v < STATE_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) {
      throw new UserError(`state.json has state schema ${fromVersion}, which this release-cockpit cannot migrate.`, {
        hint: 'Finish the release with the release-cockpit version that started it, or delete the state directory to start over.',
      });
    }
    s = step(s);
  }
  return normalizeState({ ...s, schemaVersion: STATE_SCHEMA_VERSION });
}

/** Fills what is missing with safe defaults (hand-edited files, fields added as optional later). */
export function normalizeState(raw: unknown): ReleaseState {
  const s = isObject(raw) ? raw : {};
  return {
    schemaVersion: num(s.schemaVersion, STATE_SCHEMA_VERSION),
    project: str(s.project, ''),
    version: str(s.version, ''),
    next: str(s.next, ''),
    createdAt: str(s.createdAt, new Date(0).toISOString()),
    updatedAt: str(s.updatedAt, new Date(0).toISOString()),
    sessions: num(s.sessions, 0),
    phases: mapValues(s.phases, (p): PhaseState => ({ ...(p as PhaseState) })),
    steps: mapValues(s.steps, (st): StepState => ({
      ...(st as Partial<StepState>),
      status: oneOf(st.status, STEP_STATUSES, 'pending'),
      attempts: num(st.attempts, 0),
    })),
    crates: mapValues(s.crates, (c): CrateState => ({
      ...(c as Partial<CrateState>),
      status: oneOf(c.status, CRATE_STATUSES, 'pending'),
      version: str(c.version, ''),
      attempts: num(c.attempts, 0),
    })),
    queuePaused: s.queuePaused === true,
    notices: Array.isArray(s.notices) ? s.notices.filter((n): n is string => typeof n === 'string') : [],
  };
}

function mapValues<T>(v: unknown, f: (x: Raw) => T): Record<string, T> {
  const out: Record<string, T> = {};
  if (!isObject(v)) return out;
  for (const [k, x] of Object.entries(v)) if (isObject(x)) out[k] = f(x);
  return out;
}

function isObject(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const str = (v: unknown, d: string): string => (typeof v === 'string' ? v : d);
const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const oneOf = <T extends string>(v: unknown, all: readonly T[], d: T): T => (all.includes(v as T) ? (v as T) : d);
