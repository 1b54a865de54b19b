// A version the registry has while its index does not show it yet, and this release has no record
// of sending: sent by another hand, or by a session whose records were lost with its state dir
// (deleted mid-upload). Sending it again would be a second upload of one version: the registry's
// API is the authority the index is not (adapters/registry-api.ts).
import { IndexError } from '../adapters/sparse-index.js';
import type { RegistryApi } from '../adapters/registry-api.js';
import type { PlannedCrate } from '../core/plan-types.js';
import { lastIntent, targetOf } from './publish-intents.js';
import type { StepContext } from './step-types.js';

/** True when the registry says it has the version; an API that cannot answer leaves the crate to the queue. */
export async function uploadedUnrecorded(
  ctx: StepContext,
  api: RegistryApi | undefined,
  c: Pick<PlannedCrate, 'name' | 'version'>,
): Promise<boolean> {
  // With an intent, reconcile (publish-reconcile.ts) already asked the registry about it.
  if (api === undefined || lastIntent(ctx, targetOf(c)) !== undefined) return false;
  try {
    return (await api.versionStatus(c.name, c.version)) === 'present';
  } catch (e) {
    // The registry refuses a version it already has: the queue's upload stays the last word.
    if (e instanceof IndexError) return false;
    throw e;
  }
}
