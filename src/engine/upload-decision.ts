// The publish step's upload path from what cargo would see where it runs: cargo's configuration
// in each crate's directory (cargo runs there), the environment, git's proxy. One verdict for the
// step: the first directory where cargo would do otherwise than the queue's own upload decides.
import { dirname, resolve } from 'node:path';
import { gitHttpProxy, readCargoConfig } from '../adapters/cargo-config-files.js';
import type { CargoConfig } from '../core/cargo-config.js';
import { cargoProxy } from '../core/cargo-proxy.js';
import type { PlannedCrate } from '../core/plan-types.js';
import { indexMismatch, uploadPath, type UploadPath } from '../core/upload-path.js';
import { isUserError } from '../core/user-error.js';
import type { StepContext } from './step-types.js';

function configsByDir(ctx: StepContext, crates: readonly PlannedCrate[]): CargoConfig[] {
  const dirs = [...new Set(crates.map((c) => resolve(ctx.repo, dirname(c.manifest))))];
  return dirs.map((dir) => readCargoConfig(dir, ctx.env));
}

function inputOf(ctx: StepContext, cargoConfig: CargoConfig) {
  const { command, registry, upload } = ctx.plan.config.crates;
  return { template: command, registry, env: ctx.env, cargoConfig, upload };
}

export interface UploadVerdict {
  path: UploadPath;
  /** Cargo's configuration per crate directory (the proxy check reads it once the API's URL is known). */
  configs: CargoConfig[];
}

/** Whether the queue uploads these crates itself (the proxy aside: see proxyRefusal). */
export function uploadVerdict(ctx: StepContext, crates: readonly PlannedCrate[]): UploadVerdict {
  const configs = configsByDir(ctx, crates);
  let path: UploadPath | undefined;
  for (const config of configs) {
    path = uploadPath(inputOf(ctx, config));
    if (!path.direct) break;
  }
  return { path: path ?? { direct: false, reason: 'no crate to upload' }, configs };
}

/** The pre-flight's check for both upload paths: cargo publishes to the index the queue watches. */
export function registryMismatch(ctx: StepContext, crates: readonly PlannedCrate[]): string | undefined {
  for (const config of configsByDir(ctx, crates)) {
    const mismatch = indexMismatch(inputOf(ctx, config));
    if (mismatch) return mismatch;
  }
  return undefined;
}

/** Why cargo would reach `url` through a proxy (which the queue's fetch does not use), or undefined. */
export async function proxyRefusal(ctx: StepContext, configs: readonly CargoConfig[], url: string) {
  const git = await gitHttpProxy(ctx.repo, ctx.env);
  for (const config of configs) {
    if ('error' in config) continue;
    try {
      const proxy = cargoProxy(config.files, ctx.env, url, git);
      if (proxy)
        return `cargo would send it through the proxy set by ${proxy.from}, which the queue's own HTTP client does not use`;
    } catch (e) {
      if (!isUserError(e)) throw e;
      return `cargo's configuration cannot be read: ${e.format()}`;
    }
  }
  return undefined;
}
