// Verify-first (crates.verifyFirst): package and verify-compile the crates about to be published
// before the first upload, so a compile error in any of them uploads nothing: per workspace, the
// set packaged once and its packages built together (verify-build.ts; the classic
// `cargo package` when that cannot be set up). Crates verified here upload with `--no-verify`.
//
// A crate outside the workspace (crates.extraManifests) is its own workspace: cargo can package it
// up front only when none of the crates it needs is still to be published (cargo resolves them from
// the registry); otherwise it gets a native `cargo check` (its internal dependencies resolve through
// their `path`) before the first upload, and its own upload packages and verifies it.
import { dirname } from 'node:path';
import { renderCrateCommand, renderPublishCommand } from '../core/crate-commands.js';
import type { Plan, PlannedCrate } from '../core/plan-types.js';
import {
  buildArgv,
  canVerifyFirst,
  checkArgv,
  metadataArgv,
  packageArgv,
  withNoVerify,
  withoutPackageVerify,
  type VerifyFailure,
} from '../core/verify-first.js';
import { packageAndBuild, runLogged, type RunResult } from './verify-build.js';
import type { UnpackedCrate } from '../adapters/scratch-workspace.js';
import { abortError } from '../core/abort.js';
import { patchCrate } from './crate-state.js';
import type { StepContext, StepOutcome } from './step-types.js';
import { plural } from '../core/plural.js';

export interface VerifyGroup {
  /** Repo-relative directory cargo runs in. */
  cwd: string;
  crates: PlannedCrate[];
  /** `cargo package` of the set (it verifies each crate), or the `cargo check` of a check group. */
  argv: string[];
  /** `cargo check` of one outside crate (its upload still verifies it), not `cargo package`. */
  check?: boolean;
  /** The parallel verify (verify-build.ts): package without verifying, then build the packages. */
  build?: { metadata: string[]; package: string[]; build: string[] };
}

/** The commands a group runs, as shown before it runs (the fallback `cargo package` aside). */
export function groupCommands(g: VerifyGroup): string[][] {
  return g.build ? [g.build.package, g.build.build] : [g.argv];
}

export interface PublishCommands {
  verify: VerifyGroup[];
  /** Crate name -> the upload command (with --no-verify when a group verifies it). */
  upload: Map<string, string[]>;
}

// Crates that need, directly or not, a skipped crate: cargo cannot package them before that crate
// is on the registry (and the queue holds them until it is, then their upload verifies them).
function needingSkipped(plan: Plan, skipped: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  // Plan order is publish order: dependencies come first.
  for (const c of plan.crates) if (c.dependsOn.some((d) => skipped.has(d) || out.has(d))) out.add(c.name);
  return out;
}

/**
 * What verify-first runs for `toPublish`, and how each crate is then uploaded. `skipped`: crates the
 * maintainer skipped (not in `toPublish`, maybe not on the registry).
 */
export function publishCommands(
  plan: Plan,
  toPublish: readonly PlannedCrate[],
  skipped: ReadonlySet<string> = new Set(),
): PublishCommands {
  const { command, verifyFirst, extraManifests } = plan.config.crates;
  const upload = new Map(toPublish.map((c) => [c.name, renderPublishCommand(command, c.name, c.version)]));
  if (!verifyFirst || !canVerifyFirst(command) || toPublish.length === 0) return { verify: [], upload };
  const extra = new Set(extraManifests);
  const pending = new Set(toPublish.map((c) => c.name));
  const held = needingSkipped(plan, skipped);
  const groups: { cwd: string; crates: PlannedCrate[] }[] = [];
  const inWorkspace = toPublish.filter((c) => !extra.has(c.manifest) && !held.has(c.name));
  if (inWorkspace.length > 0)
    groups.push({ cwd: dirname((inWorkspace[0] as PlannedCrate).manifest), crates: inWorkspace });
  const checks: VerifyGroup[] = [];
  for (const c of toPublish.filter((x) => extra.has(x.manifest) && !held.has(x.name))) {
    if (!c.dependsOn.some((d) => pending.has(d))) groups.push({ cwd: dirname(c.manifest), crates: [c] });
    else
      checks.push({ cwd: dirname(c.manifest), crates: [c], argv: checkArgv(command, c.name) as string[], check: true });
  }
  const verify = groups.map((g) => {
    const byName = new Map(g.crates.map((c) => [c.name, c]));
    const fill = (arg: string, name: string): string => {
      const c = byName.get(name) as PlannedCrate;
      return renderCrateCommand([arg], c.name, c.version)[0] as string;
    };
    // Defined: canVerifyFirst(command) held above.
    const argv = packageArgv(command, [...byName.keys()], fill) as string[];
    const build = {
      metadata: metadataArgv(command) as string[],
      package: withoutPackageVerify(argv),
      build: buildArgv(command) as string[],
    };
    return { ...g, argv, build };
  });
  for (const g of verify) for (const c of g.crates) upload.set(c.name, withNoVerify(upload.get(c.name) as string[]));
  return { verify: [...verify, ...checks], upload };
}

type VerifyOutcome = { ok: true } | { ok: false; crate?: string; reason: string };

/**
 * Verifies the groups; undefined when all compile, else the step's failure (the crate that broke
 * is marked failed with cargo's first error line). Throws AbortError when cancelled.
 */
export async function verifySet(
  ctx: StepContext,
  groups: readonly VerifyGroup[],
  verified?: Map<string, UnpackedCrate>,
): Promise<StepOutcome | undefined> {
  if (groups.length === 0) return undefined;
  const v = await runGroups(ctx, groups, verified);
  if (ctx.signal.aborted) throw abortError(ctx.signal);
  if (v.ok) return undefined;
  const broken = ctx.plan.crates.find((c) => c.name === v.crate);
  if (broken)
    patchCrate(ctx, broken.name, broken.version, { status: 'failed', reason: v.reason, waitUntil: undefined });
  return { status: 'failed', reason: `verify-first: ${v.reason}; nothing was uploaded` };
}

/** Runs the groups one after another (they share the target dir: cargo would serialize them anyway). */
async function runGroups(
  ctx: StepContext,
  groups: readonly VerifyGroup[],
  verified?: Map<string, UnpackedCrate>,
): Promise<VerifyOutcome> {
  for (const g of groups) {
    const started = ctx.now();
    const r: RunResult | 'cancelled' =
      (await packageAndBuild(ctx, g, verified)) ?? (await runLogged(ctx, g.argv, g.cwd));
    if (r === 'cancelled' || ctx.signal.aborted) return { ok: false, reason: 'verification cancelled' };
    if (!r.ok) {
      const f = failureOf(g, r.failure);
      const who = g.check
        ? `${f.crate} does not compile (cargo check)`
        : f.crate
          ? `${f.crate} does not verify`
          : 'the publish set does not verify';
      return f.crate === undefined
        ? { ok: false, reason: `${who}: ${f.firstError}` }
        : { ok: false, crate: f.crate, reason: `${who}: ${f.firstError}` };
    }
    const took = `${((ctx.now() - started) / 1000).toFixed(1)} s`;
    if (g.check)
      ctx.log(`verify-first: ${g.crates[0]?.name} compiles (cargo check, ${took}); its upload verifies its package`);
    else
      ctx.log(
        `verify-first: ${plural(g.crates.length, 'crate')} verified in ${took}; uploads skip cargo's verify (--no-verify)`,
      );
  }
  return { ok: true };
}

// A check group checks one crate: a failure is that crate's, whichever crate cargo printed last.
function failureOf(g: VerifyGroup, f: VerifyFailure): VerifyFailure {
  return g.check ? { ...f, crate: (g.crates[0] as PlannedCrate).name } : f;
}
