// Which crates the queue uploads itself: after verify-first built the set, each verified .crate
// goes straight to the registry's publish API with the metadata cargo would send (built from the
// package's own normalized Cargo.toml), so what was verified is exactly what is uploaded and no
// cargo starts per crate. When the command, the token, the registry's API or a crate's manifest
// is anything this cannot send exactly as cargo would, cargo uploads it, and the step says why.
import type { RegistryApi } from '../adapters/registry-api.js';
import { publishUrl } from '../adapters/registry-publish.js';
import type { UnpackedCrate } from '../adapters/scratch-workspace.js';
import { publishMetadata } from '../core/publish-metadata.js';
import type { PlannedCrate } from '../core/plan-types.js';
import { plural } from '../core/plural.js';
import type { UploadPath } from '../core/upload-path.js';
import type { StepContext } from './step-types.js';
import { registryFetch } from './http-route.js';
import { proxyRefusal, uploadVerdict } from './upload-decision.js';

export interface DirectRequest {
  json: string;
  crate: Buffer;
}

export interface DirectUploads {
  apiRoot: string;
  /** Never logged, never journaled: it goes into the request's Authorization header only. */
  token: string;
  /** Crate name -> its request; a crate without one is uploaded by cargo. */
  requests: Map<string, DirectRequest>;
  /** Through the proxy cargo would use (http-route.ts). */
  fetchImpl: typeof fetch;
}

async function apiRootOf(api: RegistryApi | undefined): Promise<string | { reason: string }> {
  if (!api) return { reason: 'the registry has no web API to publish to' };
  try {
    return (await api.apiRoot()) ?? { reason: "the index's config.json names no `api`" };
  } catch (e) {
    return { reason: `the index's config.json could not be read (${(e as Error).message})` };
  }
}

/** The registry's API root and the token when the queue uploads these crates itself, else why cargo does. */
async function directWay(
  ctx: StepContext,
  api: RegistryApi | undefined,
  crates: readonly PlannedCrate[],
): Promise<{ root: string; path: UploadPath & { direct: true } } | { reason: string }> {
  const { path, configs } = uploadVerdict(ctx, crates);
  if (!path.direct) return { reason: path.reason };
  const root = await apiRootOf(api);
  if (typeof root !== 'string') return root;
  const proxied = await proxyRefusal(ctx, configs, publishUrl(root));
  return proxied ? { reason: proxied } : { root, path };
}

/** The direct uploads for the verified crates about to be published, or undefined: cargo uploads all. */
export async function directUploads(
  ctx: StepContext,
  api: RegistryApi | undefined,
  verified: ReadonlyMap<string, UnpackedCrate>,
  toPublish: readonly PlannedCrate[],
): Promise<DirectUploads | undefined> {
  const crates = toPublish.filter((c) => verified.has(c.name));
  if (crates.length === 0) return undefined;
  const { registry } = ctx.plan.config.crates;
  const way = await directWay(ctx, api, crates);
  if ('reason' in way) {
    ctx.log(`uploads: cargo publish --no-verify (${way.reason})`);
    return undefined;
  }
  const { root, path } = way;
  const requests = new Map<string, DirectRequest>();
  const to = { name: registry.name, cratesIo: registry.name === 'crates-io', indexUrl: registry.index };
  for (const c of crates) {
    const p = verified.get(c.name) as UnpackedCrate;
    const meta = publishMetadata(p.manifest, p.readme, to);
    if (!meta.ok) ctx.log(`uploads: ${c.name} with cargo publish --no-verify (${meta.reason})`);
    else if (meta.name !== c.name || meta.version !== c.version)
      ctx.log(`uploads: ${c.name} with cargo publish --no-verify (its package says ${meta.name} ${meta.version})`);
    else requests.set(c.name, { json: meta.json, crate: p.crate });
  }
  if (requests.size === 0) return undefined;
  ctx.log(
    `uploads: ${plural(requests.size, 'verified .crate file')} straight to ${publishUrl(root)} (token from ${path.tokenVar})`,
  );
  return { apiRoot: root, token: path.token, requests, fetchImpl: registryFetch(ctx.repo, ctx.env) };
}
