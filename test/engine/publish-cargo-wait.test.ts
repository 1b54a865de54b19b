// Once the index shows a crate's version, the queue stops what is left of its cargo (cargo's own
// wait for the index, polls 1 s apart): the step ends when the queue has seen every version, not
// when the last cargo has seen it too.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPublishQueue } from '../../src/engine/publish-queue.js';
import { indexFor } from '../../src/engine/steps/publish-crates.js';
import { sharedTargetDir, startHarness, type Harness } from '../sandbox/queue-harness.js';

const targetDir = sharedTargetDir('publish-cargo-wait');
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

// A cargo stand-in that uploads like cargo (same body, same token), says so, then waits for the
// index far longer than any test runs: only the queue stopping it lets the step end.
const FAKE = `
const [name, version] = process.argv.slice(2);
const json = Buffer.from(JSON.stringify({ name, vers: version, deps: [], features: {} }));
const crate = Buffer.from('not really a crate');
const n = (x) => { const b = Buffer.alloc(4); b.writeUInt32LE(x); return b; };
const api = process.env.CARGO_REGISTRIES_LOCAL_INDEX.replace(/^sparse\\+/, '').replace(/\\/index\\/$/, '');
console.error('   Uploading ' + name + ' v' + version + ' (/x)');
fetch(api + '/api/v1/crates/new', {
  method: 'PUT',
  headers: { authorization: process.env.CARGO_REGISTRIES_LOCAL_TOKEN },
  body: Buffer.concat([n(json.length), json, n(crate.length), crate]),
}).then((r) => {
  if (r.status !== 200) process.exit(1);
  console.error('    Uploaded ' + name + ' v' + version + ' to registry \`local\`');
  console.error('note: waiting for ' + name + ' v' + version + ' to be available at registry \`local\`');
  setTimeout(() => {}, 600_000);
});
`;

describe("cargo's own index wait", () => {
  it('is stopped once the index shows the version: the step passes while that cargo would still be waiting', async () => {
    const fake = join(targetDir, 'fake-cargo-waits.cjs');
    writeFileSync(fake, FAKE);
    const h = await startHarness({
      targetDir,
      registry: { indexDelayMs: 200 },
      crates: { verifyFirst: false, command: ['node', fake, '{crate}', '{version}'], publish: ['tiny-base'] },
    });
    harnesses.push(h);
    const out = await runPublishQueue(h.context(), { index: indexFor(h.plan), pollMs: () => 50, random: () => 0 });
    expect(out.status).toBe('passed');
    expect(h.store.getState().crates['tiny-base']?.status).toBe('published');
    expect(h.reg.uploads.get('tiny-base@0.1.0')).toBe(1);
    // cargo's "exited after the index showed the version" note is for a cargo that failed, not one the queue stopped.
    expect(h.lines.filter((l) => /cargo exited/.test(l))).toEqual([]);
  });
});
