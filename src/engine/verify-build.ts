// Verify-first of a workspace's publish set in one parallel build: `cargo package --no-verify` of
// the set, its .crate files unpacked into a scratch workspace under the target dir
// (core/verify-workspace.ts: each crate of the set patched to its own packaged sources), then one
// `cargo build` of it sharing the real target dir. Same meaning as `cargo package`'s verify (the
// sources as uploaded compile, dependents against the set's packaged crates), but each crate
// compiles once and independent crates compile side by side, where `cargo package` verifies one
// crate after another and compiles each again as its dependents' dependency.
//
// One difference: one build unifies the features of shared dependencies across the set, as the
// workspace's own build does; `cargo package` builds each crate with its own features only.
//
// When cargo cannot say where its target dir is (an old cargo, a stand-in), the classic
// `cargo package` verifies the set instead.
import { join } from 'node:path';
import {
  cargoDirs,
  lockScratch,
  unpackCrates,
  writeScratchWorkspace,
  type CargoDirs,
  type UnpackedCrate,
} from '../adapters/scratch-workspace.js';
import { scratchManifest } from '../core/verify-workspace.js';
import { VerifyReader, type VerifyFailure } from '../core/verify-first.js';
import type { StepContext } from './step-types.js';
import type { VerifyGroup } from './verify-set.js';

/** The scratch workspace's directory inside the target dir (next to cargo's own unpacked packages). */
export const SCRATCH_DIR = ['package', 'release-cockpit-verify'] as const;

export type RunResult = { ok: true } | { ok: false; failure: VerifyFailure };

/** One logged cargo run; its failure read by VerifyReader. */
export async function runLogged(
  ctx: StepContext,
  argv: string[],
  cwd: string,
  env: Record<string, string | undefined> = ctx.env,
): Promise<RunResult | 'cancelled'> {
  ctx.log(`verify-first: ${argv.join(' ')}`);
  const reader = new VerifyReader();
  const r = await ctx.exec(argv, {
    cwd,
    env,
    signal: ctx.signal,
    onLine: (l) => {
      if (l.stream !== 'info') reader.push(l.text);
    },
  });
  if (r.cancelled || ctx.signal.aborted) return 'cancelled';
  if (r.exitCode === 0 && !r.notFound) return { ok: true };
  return {
    ok: false,
    failure: r.notFound ? { firstError: r.error ?? `${argv[0]}: command not found` } : reader.failure(),
  };
}

async function dirsOf(ctx: StepContext, g: VerifyGroup): Promise<CargoDirs | undefined> {
  const argv = g.build?.metadata;
  if (!argv) return undefined;
  const dirs = await cargoDirs(argv, { cwd: join(ctx.repo, g.cwd), env: ctx.env, signal: ctx.signal });
  if ('error' in dirs) {
    ctx.log(`verify-first: \`${argv.join(' ')}\` failed (${dirs.error}); cargo package verifies the set instead`);
    return undefined;
  }
  return dirs;
}

/**
 * Packages the group without verifying, then builds the packaged set; `undefined` when the
 * parallel build cannot be set up (the caller falls back to the classic `cargo package`). Once the
 * build passed, each crate's package (its .crate bytes, manifest, readme) goes into `verified`.
 */
export async function packageAndBuild(
  ctx: StepContext,
  g: VerifyGroup,
  verified?: Map<string, UnpackedCrate>,
): Promise<RunResult | 'cancelled' | undefined> {
  if (!g.build) return undefined;
  const dirs = await dirsOf(ctx, g);
  if (!dirs) return ctx.signal.aborted ? 'cancelled' : undefined;
  const dest = join(dirs.targetDir, ...SCRATCH_DIR);
  const scratch = lockScratch(dest);
  if ('busy' in scratch) {
    ctx.log(
      `verify-first: another verify is using the scratch workspace (${scratch.busy}); cargo package verifies the set instead`,
    );
    return undefined;
  }
  try {
    return await buildInScratch(ctx, g, dirs, dest, verified);
  } finally {
    scratch.lock.release();
  }
}

async function buildInScratch(
  ctx: StepContext,
  g: VerifyGroup,
  dirs: CargoDirs,
  dest: string,
  verified?: Map<string, UnpackedCrate>,
): Promise<RunResult | 'cancelled' | undefined> {
  const build = g.build as NonNullable<VerifyGroup['build']>;
  const packaged = await runLogged(ctx, build.package, g.cwd);
  if (packaged === 'cancelled' || !packaged.ok) return packaged;
  let crates: UnpackedCrate[];
  try {
    crates = await unpackCrates(dirs.targetDir, g.crates, dest, { env: ctx.env });
    writeScratchWorkspace(dest, scratchManifest(crates), dirs.workspaceRoot);
  } catch (e) {
    if (ctx.signal.aborted) return 'cancelled';
    ctx.log(`verify-first: ${(e as Error).message}; cargo package verifies the set instead`);
    return undefined;
  }
  if (ctx.signal.aborted) return 'cancelled';
  // Run from the workspace, as `cargo package` would: its .cargo/config.toml (registries, sources,
  // rustflags) applies even when the target dir lies outside it.
  const argv = [...build.build, '--manifest-path', join(dest, 'Cargo.toml')];
  const built = await runLogged(ctx, argv, g.cwd, { ...ctx.env, CARGO_TARGET_DIR: dirs.targetDir });
  if (built !== 'cancelled' && built.ok) for (const c of crates) verified?.set(c.name, c);
  return built;
}
