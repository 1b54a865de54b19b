// The publish step's upload path from what cargo would see where it runs: cargo's configuration
// in each crate's directory (cargo runs there), the crate's `publish` field, the environment, the
// proxy. One verdict for the step: the first crate cargo would upload otherwise decides for all.
import { dirname, resolve } from 'node:path';
import { readCargoConfig } from '../adapters/cargo-config-files.js';
import { describeProxy } from '../adapters/http-fetch.js';
import type { CargoConfig, Sourced } from '../core/cargo-config.js';
import { proxyTarget } from '../core/cargo-proxy.js';
import { proxyWith, registryProxy } from './http-route.js';
import type { PlannedCrate } from '../core/plan-types.js';
import { indexMismatch, uploadPath, type PackagePublish, type UploadPath } from '../core/upload-path.js';
import type { StepContext } from './step-types.js';

interface CrateInput {
  config: CargoConfig;
  pkg?: PackagePublish;
}

/** Cargo's configuration in each crate's directory (read once per directory) and the crate's `publish` field. */
function crateInputs(ctx: StepContext, crates: readonly PlannedCrate[]): CrateInput[] {
  const byDir = new Map<string, CargoConfig>();
  const nodes = new Map(ctx.plan.workspaceCrates.map((w) => [w.manifest, w]));
  return crates.map((c) => {
    const dir = resolve(ctx.repo, dirname(c.manifest));
    let config = byDir.get(dir);
    if (!config) byDir.set(dir, (config = readCargoConfig(dir, ctx.env)));
    const node = nodes.get(c.manifest);
    return { config, ...(node ? { pkg: { publish: node.publish, manifest: c.manifest } } : {}) };
  });
}

function inputOf(ctx: StepContext, crate: CrateInput) {
  const { command, registry, upload } = ctx.plan.config.crates;
  return { template: command, registry, env: ctx.env, cargoConfig: crate.config, upload, pkg: crate.pkg };
}

export interface UploadVerdict {
  path: UploadPath;
  /** Cargo's configuration per crate directory (the proxy check reads it once the API's URL is known). */
  configs: CargoConfig[];
}

/** Whether the queue uploads these crates itself (the proxy aside: see proxyRefusal). */
export function uploadVerdict(ctx: StepContext, crates: readonly PlannedCrate[]): UploadVerdict {
  const inputs = crateInputs(ctx, crates);
  let path: UploadPath | undefined;
  for (const input of inputs) {
    path = uploadPath(inputOf(ctx, input));
    if (!path.direct) break;
  }
  return {
    path: path ?? { direct: false, reason: 'no crate to upload' },
    configs: [...new Set(inputs.map((i) => i.config))],
  };
}

/** The pre-flight's check for both upload paths: cargo publishes to the index the queue watches. */
export function registryMismatch(ctx: StepContext, crates: readonly PlannedCrate[]): string | undefined {
  for (const input of crateInputs(ctx, crates)) {
    const mismatch = indexMismatch(inputOf(ctx, input));
    if (mismatch) return mismatch;
  }
  return undefined;
}

/** Where a request to the URL goes: `through the proxy … (set by …)` or `directly`. */
function route(proxy: Sourced<string> | undefined): string {
  return proxy ? `through ${describeProxy(proxy)}` : 'directly';
}

/**
 * Why the queue's own upload to `url` would not take the route cargo's would (the queue's requests
 * go through the proxy cargo would use in the repository, http-route.ts), or undefined.
 */
export async function proxyRefusal(ctx: StepContext, configs: readonly CargoConfig[], url: string) {
  const { proxy: queue, git } = await registryProxy(ctx.repo, ctx.env, url);
  const target = queue && proxyTarget(queue.value);
  if (queue && target && 'unusable' in target)
    return `cargo would send it through ${describeProxy(queue)}, which the cockpit's HTTP client cannot use (${target.unusable}): cargo uploads, and the queue asks the index directly`;
  for (const config of configs) {
    const cargo = proxyWith(config, ctx.env, url, git);
    if (cargo?.value !== queue?.value)
      return `cargo would send it ${route(cargo)} from a crate's directory, the queue's requests go ${route(queue)}`;
  }
  return undefined;
}
