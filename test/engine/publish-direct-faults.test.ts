// The queue's own uploads (verified .crate files through the registry's publish API) when the
// registry fails: the path said and the token never shown, and a file written after the verify.
// A 429 and its Retry-After, a 500, a dropped connection, an answer lost after the store, "already
// uploaded" and a refused token run on both paths in publish-queue-faults.test.ts.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { duplicateUploads, orderViolations, TOKEN } from '../sandbox/queue-harness.js';
import { CRATES, INTERNAL, runQueueDirect, useQueueHarness } from '../helpers/publish-queue-run.js';

const harness = useQueueHarness('publish-direct-faults');
const DIRECT =
  /^uploads: \d+ verified \.crate files? straight to http:\/\/127\.0\.0\.1:\d+\/api\/v1\/crates\/new \(token from CARGO_REGISTRIES_LOCAL_TOKEN\)$/;

describe('publish queue, direct uploads: registry failures', () => {
  it('publishes the set through the API, says so, prints cargo-like lines, and never shows the token', async () => {
    const h = await harness();
    expect((await runQueueDirect(h)).status).toBe('passed');
    expect(h.lines.filter((l) => DIRECT.test(l))).toHaveLength(1);
    for (const c of CRATES) {
      expect(
        h.lines.some((l) => new RegExp(`^ +Uploading ${c} v0\\.1\\.0 \\(/.+\\)$`).test(l)),
        c,
      ).toBe(true);
      expect(h.lines).toContain(`    Uploaded ${c} v0.1.0 to registry \`local\``);
    }
    expect(h.lines.some((l) => /cargo publish/.test(l) && !/^verify-first/.test(l))).toBe(false);
    expect(h.lines.join('\n')).not.toContain(TOKEN);
    expect(JSON.stringify(h.journal.entries())).not.toContain(TOKEN);
    expect(duplicateUploads(h.reg)).toEqual([]);
    expect(orderViolations(h.reg, INTERNAL)).toEqual([]);
    const intents = h.journal.entries().filter((e) => e.type === 'intent' && e.action === 'publish-crate');
    expect(intents.every((e) => e.type === 'intent' && e.inProcess === true)).toBe(true);
    // `uploaded` on the registry's answer, `done` once the index showed it.
    for (const c of CRATES)
      expect(
        h.journal
          .entries()
          .filter((e) => e.target === `${c}@0.1.0`)
          .map((e) => e.type),
      ).toEqual(['intent', 'uploaded', 'done']);
  });

  it('uploads the package verify-first built: a file written into a crate after it is not in its upload', async () => {
    const h = await harness({ crates: { publish: ['tiny-base', 'tiny-mid'], graceSeconds: 1 } });
    let ended = false;
    const run = runQueueDirect(h).finally(() => (ended = true));
    while (!ended && !h.reg.uploads.has('tiny-base@0.1.0')) await new Promise((r) => setTimeout(r, 20));
    writeFileSync(join(h.ws, 'mid', 'RELEASE_PLAN.md'), '# written after the verify\n');
    expect((await run).status).toBe('passed');
    const tar = gunzipSync(h.reg.stored('tiny-mid', '0.1.0')!.crate).toString('latin1');
    expect(tar).toContain('tiny-mid-0.1.0/src/lib.rs');
    expect(tar).not.toContain('RELEASE_PLAN.md');
  });
});
