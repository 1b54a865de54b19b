// The index check the publish queue starts with, and the confirmation built from the same check:
// what the maintainer approves is exactly what the queue will publish (the crates the index does
// not have), with the rate-limit waiting it implies.
import { dirname } from 'node:path';
import { retryIndex } from './index-retry.js';
import { renderPublishCommand } from '../core/crate-commands.js';
import { sameVersion, sparseBaseUrl, type IndexVersion, type SparseIndex } from '../adapters/sparse-index.js';
import { CRATES_IO_RATE_LIMITS, estimateRateLimitWait } from '../core/rate-limit-estimate.js';
import { newCrateWarnings } from '../core/new-crates.js';
import { proxyRefusal, registryMismatch, uploadVerdict } from './upload-decision.js';
import type { Plan, PlannedCrate } from '../core/plan-types.js';
import type { CrateStatus } from '../core/state-types.js';
import { lastIntent, targetOf } from './publish-intents.js';
import { uploadedUnrecorded } from './publish-unrecorded.js';
import type { RegistryApi } from '../adapters/registry-api.js';
import { groupCommands, publishCommands } from './verify-set.js';
import type { ConfirmRequest, StepContext } from './step-types.js';

const FINAL: ReadonlySet<CrateStatus> = new Set(['published', 'already-published', 'skipped']);

export interface IndexCheck {
  /** On the index, put there by another hand (no intent of this release); or only on the registry (below). */
  alreadyThere: string[];
  /** Of alreadyThere: not on the index yet, but the registry's API has the version (publish-unrecorded.ts). */
  onRegistryOnly: string[];
  /** On the index after an upload of this release (its intent is journaled): published. */
  ours: string[];
  /** Not on the index: the queue publishes these. */
  toPublish: PlannedCrate[];
  newCrates: number;
  newVersions: number;
}

/**
 * Asks the index about every crate the state does not already count as final; with `api`, the
 * registry about those the index lacks and this release has no record of.
 */
export async function checkIndex(
  ctx: StepContext,
  index: SparseIndex,
  crates: readonly PlannedCrate[],
  api?: RegistryApi,
): Promise<IndexCheck> {
  const out: IndexCheck = {
    alreadyThere: [],
    onRegistryOnly: [],
    ours: [],
    toPublish: [],
    newCrates: 0,
    newVersions: 0,
  };
  const open = crates.filter((c) => !FINAL.has(ctx.store.getState().crates[c.name]?.status ?? 'pending'));
  // A few requests at a time (a real index is a CDN); answers are read in plan order.
  const lists = new Map<string, Promise<IndexVersion[] | 'absent'>>();
  const POOL = 8;
  for (let i = 0; i < open.length; i += POOL) {
    // One 500 must not end the run: the same backoff as the workers; a rehearsal does not wait.
    const retry = { maxRetries: ctx.dryRun ? 0 : ctx.plan.config.crates.maxRetries, what: 'pre-flight' };
    const batch = open
      .slice(i, i + POOL)
      .map((c) => [c.name, retryIndex(ctx, retry, () => index.versions(c.name))] as const);
    await Promise.allSettled(batch.map(([, p]) => p));
    for (const [name, p] of batch) lists.set(name, p);
  }
  const missing: { c: PlannedCrate; isNew: boolean }[] = [];
  for (const c of open) {
    const list = await (lists.get(c.name) as Promise<IndexVersion[] | 'absent'>);
    const there = list !== 'absent' && list.some((v) => sameVersion(v.version, c.version));
    if (there) (lastIntent(ctx, targetOf(c)) === undefined ? out.alreadyThere : out.ours).push(c.name);
    else missing.push({ c, isNew: list === 'absent' });
  }
  const onRegistry = await Promise.all(missing.map(({ c }) => uploadedUnrecorded(ctx, api, c)));
  missing.forEach(({ c, isNew }, i) => {
    if (onRegistry[i]) {
      out.alreadyThere.push(c.name);
      out.onRegistryOnly.push(c.name);
      return;
    }
    out.toPublish.push(c);
    if (isNew) out.newCrates += 1;
    else out.newVersions += 1;
  });
  return out;
}

/** crates.io's own index: its published rate limits apply. */
export function isCratesIoIndex(indexUrl: string): boolean {
  try {
    return new URL(indexUrl.replace(/^sparse\+/, '')).hostname === 'index.crates.io';
  } catch {
    return false;
  }
}

/** The expected rate-limit wait, only where limits are known: crates.io's index or `registry.rateLimits`. */
export function rateLimitWarning(
  plan: Pick<Plan, 'config'>,
  check: Pick<IndexCheck, 'newCrates' | 'newVersions'>,
): string | undefined {
  const registry = plan.config.crates.registry;
  const limits = registry.rateLimits ?? (isCratesIoIndex(registry.index) ? CRATES_IO_RATE_LIMITS : undefined);
  if (!limits) return undefined;
  return estimateRateLimitWait(check.newCrates, check.newVersions, limits).warning;
}

function listLine(label: string, names: string[]): string[] {
  return names.length ? [`${label} (${names.length}): ${names.join(', ')}`] : [];
}

/** Who uploads the verified crates, said before it happens: the registry's API, or cargo and why. */
async function uploadsLine(ctx: StepContext, verifies: boolean, crates: readonly PlannedCrate[]): Promise<string[]> {
  if (!verifies) return [];
  const { path, configs } = uploadVerdict(ctx, crates);
  const { registry } = ctx.plan.config.crates;
  const byCargo = (reason: string) => [`Uploads: \`cargo publish --no-verify\` for each verified crate (${reason})`];
  if (!path.direct) return byCargo(path.reason);
  // The API's URL comes from the index's config.json when the step runs: the index's host stands in for it.
  const proxied = await proxyRefusal(ctx, configs, sparseBaseUrl(registry.index));
  if (proxied) return byCargo(proxied);
  return [
    `Uploads: each verified .crate goes straight to ${registry.name}'s publish API (token from ${path.tokenVar}); \`cargo publish --no-verify\` only for a crate it cannot send exactly as cargo would`,
  ];
}

/** The publish confirmation from a fresh index check: remaining commands, what is already there. */
export async function publishConfirmation(ctx: StepContext, index: SparseIndex): Promise<ConfirmRequest> {
  const { plan } = ctx;
  const check = await checkIndex(ctx, index, plan.crates);
  const states = ctx.store.getState().crates;
  const by = (s: CrateStatus): string[] => plan.crates.filter((c) => states[c.name]?.status === s).map((c) => c.name);
  const published = [...by('published'), ...check.ours];
  const already = [...by('already-published'), ...check.alreadyThere];
  const skipped = by('skipped');
  // What the queue will run: verify-first's cargo package (in its directory), then the uploads.
  const planned = publishCommands(plan, check.toPublish, new Set(skipped));
  const commands = [
    ...planned.verify.flatMap(groupCommands),
    ...check.toPublish.map(
      (c) => planned.upload.get(c.name) ?? renderPublishCommand(plan.config.crates.command, c.name, c.version),
    ),
  ];
  // Each upload runs in its crate's directory (publish-worker.ts): the confirmation says so.
  const cwds = [
    ...planned.verify.flatMap((g) => groupCommands(g).map(() => g.cwd)),
    ...check.toPublish.map((c) => dirname(c.manifest)),
  ];
  const rate = rateLimitWarning(plan, check);
  const mismatch = registryMismatch(ctx, plan.crates);
  const warnings = [...(mismatch ? [mismatch] : []), ...newCrateWarnings(plan), ...(rate ? [rate] : [])];
  const registry = plan.config.crates.registry;
  return {
    title: ctx.step.title,
    heading: check.toPublish.length
      ? `It will publish ${check.toPublish.length} remaining of ${plan.crates.length} crates to ${registry.name} (${registry.index}):`
      : `Nothing left to upload: the index has every crate of this release.`,
    commands,
    cwds,
    details: [
      ...(await uploadsLine(ctx, planned.verify.length > 0 && check.toPublish.length > 0, check.toPublish)),
      ...listLine('Published by this release', published),
      ...listLine('Already on the index (skipped)', already),
      ...listLine('Skipped by you', skipped),
    ],
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
