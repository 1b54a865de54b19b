// Where the queue's own upload would go somewhere else than cargo's, or with other credentials,
// real cargo uploads, the step says why, and every crate is still uploaded once. Real cargo against
// the loopback registry, with cargo's configuration written where cargo reads it.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { duplicateUploads, TOKEN, type Harness } from '../sandbox/queue-harness.js';
import { CRATES, INTERNAL, runQueueDirect, useQueueHarness } from '../helpers/publish-queue-run.js';
import { orderViolations } from '../sandbox/queue-harness.js';

const harness = useQueueHarness('publish-upload-path');

function writeCargoConfig(dir: string, text: string): string {
  mkdirSync(join(dir, '.cargo'), { recursive: true });
  const file = join(dir, '.cargo', 'config.toml');
  writeFileSync(file, text);
  return file;
}

/** Every crate uploaded once, by cargo (no intent of the queue's own request), in dependency order. */
function expectUploadedOnceByCargo(h: Harness): void {
  expect([...h.reg.uploads.keys()].sort()).toEqual(CRATES.map((c) => `${c}@0.1.0`).sort());
  expect(duplicateUploads(h.reg)).toEqual([]);
  expect(orderViolations(h.reg, INTERNAL)).toEqual([]);
  const intents = h.journal.entries().filter((e) => e.type === 'intent' && e.action === 'publish-crate');
  expect(intents).toHaveLength(CRATES.length);
  expect(intents.some((e) => e.type === 'intent' && e.inProcess === true)).toBe(false);
  expect(h.lines.some((l) => /^uploads: .* straight to /.test(l))).toBe(false);
  expect(h.lines.join('\n')).not.toContain(TOKEN);
}

describe("publish queue: cargo uploads where the queue's own upload would differ", () => {
  it('a registry.default naming another registry (same index): cargo uploads, the step says why', async () => {
    const h = await harness();
    const file = writeCargoConfig(
      h.ws,
      `[registry]\ndefault = "mirror"\n\n[registries.mirror]\nindex = "${h.reg.indexUrl}"\n`,
    );
    // The env's default would win over the file: the file decides only without it.
    delete h.env.CARGO_REGISTRY_DEFAULT;
    expect((await runQueueDirect(h)).status).toBe('passed');
    expect(h.lines).toContain(
      `uploads: cargo publish --no-verify (cargo would publish to registry \`mirror\` (registry.default in ${file}), the release's is \`local\`)`,
    );
    expectUploadedOnceByCargo(h);
  });

  it('crates.upload "cargo": cargo uploads although the queue could', async () => {
    const h = await harness({ crates: { upload: 'cargo' } });
    expect((await runQueueDirect(h)).status).toBe('passed');
    expect(h.lines).toContain('uploads: cargo publish --no-verify (crates.upload is "cargo")');
    expectUploadedOnceByCargo(h);
  });

  it('a registry.default on another index: the pre-flight stops before anything is uploaded', async () => {
    const h = await harness();
    const other = 'sparse+http://127.0.0.1:9/index/';
    const file = writeCargoConfig(
      h.ws,
      `[registry]\ndefault = "elsewhere"\n\n[registries.elsewhere]\nindex = "${other}"\n`,
    );
    delete h.env.CARGO_REGISTRY_DEFAULT;
    const out = await runQueueDirect(h);
    expect(out.status === 'failed' && out.reason).toBe(
      `pre-flight: cargo would publish to registry \`elsewhere\` (registry.default in ${file}) at ${other} (registries.elsewhere.index in ${file}), but crates.registry is \`local\` at ${h.reg.indexUrl}: the queue would wait on an index cargo does not publish to; make the two the same; nothing was uploaded`,
    );
    expect(h.reg.uploads.size).toBe(0);
    expect(h.journal.entries().filter((e) => e.type === 'intent')).toEqual([]);
  });
});
