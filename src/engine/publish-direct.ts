// One crate's upload through the registry's publish API (direct-upload.ts chose it): cargo's
// `Uploading`/`Uploaded` lines in the step's output, the answer read into the same failure classes
// as cargo's output. There is no child to outlive a kill: a session killed during the request
// leaves an intent without a verdict, which the next session reconciles (the API, then the index).
import { join, dirname } from 'node:path';
import { putCrate } from '../adapters/registry-publish.js';
import { abortError } from '../core/abort.js';
import type { PublishFailure } from '../core/cargo-output.js';
import { answerWarnings, classifyPublishAnswer } from '../core/publish-answer.js';
import type { PlannedCrate } from '../core/plan-types.js';
import type { DirectRequest, DirectUploads } from './direct-upload.js';
import type { StepContext } from './step-types.js';

/** An upload to crates.io can take a while on a slow link; no answer by then is a network failure. */
const UPLOAD_TIMEOUT_MS = 300_000;

export type DirectOutcome = { ok: true } | { ok: false; failure: PublishFailure };

/** Sends the crate; throws AbortError when the step is cancelled (whether it was stored is then unknown). */
export async function sendDirect(
  ctx: StepContext,
  uploads: DirectUploads,
  c: PlannedCrate,
  req: DirectRequest,
): Promise<DirectOutcome> {
  const registry = ctx.plan.config.crates.registry.name;
  ctx.log(`   Uploading ${c.name} v${c.version} (${join(ctx.repo, dirname(c.manifest))})`);
  let res;
  try {
    res = await putCrate({
      apiRoot: uploads.apiRoot,
      token: uploads.token,
      json: req.json,
      crate: req.crate,
      signal: ctx.signal,
      timeoutMs: UPLOAD_TIMEOUT_MS,
      fetchImpl: uploads.fetchImpl,
    });
  } catch (e) {
    if (ctx.signal.aborted) throw abortError(ctx.signal);
    throw e;
  }
  if (res.kind === 'no-answer') return { ok: false, failure: { kind: 'network', message: res.message } };
  if (res.status === 200) {
    for (const w of answerWarnings(res.body)) ctx.log(`warning: ${w}`);
    ctx.log(`    Uploaded ${c.name} v${c.version} to registry \`${registry}\``);
    return { ok: true };
  }
  const failure = classifyPublishAnswer(res, ctx.now());
  ctx.log(`error: failed to publish ${c.name} v${c.version} to registry \`${registry}\`: ${failure.message}`);
  return { ok: false, failure };
}
