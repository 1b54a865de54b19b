// The publish confirmation comes from the same index check the queue starts with: it lists the
// commands of the crates the index does not have, apart from what is already published, and a
// rate-limit estimate only where limits are known (crates.io's index or `registry.rateLimits`).
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexFor } from '../../src/engine/steps/publish-crates.js';
import { isCratesIoIndex, publishConfirmation, rateLimitWarning } from '../../src/engine/publish-preflight.js';
import { sharedTargetDir, startHarness, type Harness } from '../sandbox/queue-harness.js';

const targetDir = sharedTargetDir('publish-preflight');
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function harness(): Promise<Harness> {
  const h = await startHarness({ targetDir });
  harnesses.push(h);
  return h;
}

describe('publish confirmation', () => {
  it('lists the remaining commands and, apart, the crates already on the index', async () => {
    const h = await harness();
    await h.publishByHand('tiny-base');
    h.store.setState((s) => ({
      crates: { ...s.crates, 'tiny-solo': { status: 'published', version: '0.1.0', attempts: 1 } },
    }));
    const req = await publishConfirmation(h.context(), indexFor(h.plan));
    expect(req.heading).toBe(
      `It will publish 2 remaining of 4 crates to local (${h.plan.config.crates.registry.index}):`,
    );
    // verify-first packages the remaining set once (in the workspace) and builds the packages, then each uploads.
    expect(req.commands).toEqual([
      ['cargo', 'package', '--no-verify', '-p', 'tiny-mid', '-p', 'tiny-top'],
      ['cargo', 'build'],
      ['cargo', 'publish', '--no-verify', '-p', 'tiny-mid@0.1.0'],
      ['cargo', 'publish', '--no-verify', '-p', 'tiny-top@0.1.0'],
    ]);
    // Each upload in its crate's directory, where the queue runs it.
    expect(req.cwds).toEqual(['mid', 'mid', 'mid', 'top']);
    expect(req.details).toEqual([
      "Uploads: each verified .crate goes straight to local's publish API (token from CARGO_REGISTRIES_LOCAL_TOKEN); `cargo publish --no-verify` only for a crate it cannot send exactly as cargo would",
      'Published by this release (1): tiny-solo',
      'Already on the index (skipped) (1): tiny-base',
    ]);
    // The loopback registry is not crates.io and has no configured limits: no estimate.
    expect(req.warnings).toBeUndefined();
  });

  it("warns about the plan's new library crates before the first upload", async () => {
    const h = await harness();
    const problem = {
      severity: 'warning' as const,
      code: 'new-library-crate' as const,
      message: '`tiny-cache` is a library crate new since v0.0.9, neither in crates.publish nor `publish = false`.',
      file: 'cache/Cargo.toml',
    };
    const plan = { ...h.plan, problems: [...h.plan.problems, problem] };
    const req = await publishConfirmation(h.context({ plan }), indexFor(plan));
    expect(req.warnings).toEqual([`cache/Cargo.toml: ${problem.message}`]);
  });

  it('carries the rate-limit estimate inside itself when the registry has configured limits', async () => {
    const h = await harness();
    await h.publishByHand('tiny-base');
    const rateLimits = { newCrate: { perMinutes: 10, burst: 2 }, newVersion: { perMinutes: 1, burst: 30 } };
    const crates = h.plan.config.crates;
    const plan = {
      ...h.plan,
      config: { ...h.plan.config, crates: { ...crates, registry: { ...crates.registry, rateLimits } } },
    };
    const req = await publishConfirmation(h.context({ plan }), indexFor(plan));
    // Three crates left, all new to the index: a burst of 2, then one per 10 minutes.
    expect(req.warnings).toEqual([rateLimitWarning(plan, { newCrates: 3, newVersions: 0 })]);
    expect(req.warnings?.[0]).toContain('expect at least 10 min of extra waiting');
  });

  it("says who uploads and why from cargo's configuration, and warns when cargo would publish elsewhere", async () => {
    const h = await harness();
    mkdirSync(join(h.ws, '.cargo'));
    const file = join(h.ws, '.cargo', 'config.toml');
    // cargo would go through this proxy; the queue's HTTP client cannot (its index polls go directly).
    writeFileSync(file, '[http]\nproxy = "socks5://me:s3cret@127.0.0.1:9"\n');
    const proxied = await publishConfirmation(h.context(), indexFor(h.plan, h.env));
    expect(proxied.details?.[0]).toBe(
      `Uploads: \`cargo publish --no-verify\` for each verified crate (cargo would send it through the proxy socks5://***@127.0.0.1:9 (set by http.proxy in ${file}), which the cockpit's HTTP client cannot use (scheme socks5 is not supported, only http and https): cargo uploads, and the queue asks the index directly)`,
    );
    expect(proxied.warnings).toBeUndefined();
    // A default of crates-io: cargo would publish to crates.io, not to the release's loopback registry.
    h.env.CARGO_REGISTRY_DEFAULT = 'crates-io';
    const elsewhere = await publishConfirmation(h.context(), indexFor(h.plan));
    expect(elsewhere.warnings).toEqual([
      `cargo would publish to registry \`crates-io\` (CARGO_REGISTRY_DEFAULT) at sparse+https://index.crates.io/ (crates.io), but crates.registry is \`local\` at ${h.reg.indexUrl}: the queue would wait on an index cargo does not publish to; make the two the same`,
    ]);
  });

  it("leaves the upload to cargo when a crate's directory names another proxy than the repository's", async () => {
    const h = await harness();
    mkdirSync(join(h.ws, 'base', '.cargo'));
    const file = join(h.ws, 'base', '.cargo', 'config.toml');
    writeFileSync(file, '[http]\nproxy = "http://127.0.0.1:9"\n');
    const req = await publishConfirmation(h.context(), indexFor(h.plan, h.env));
    expect(req.details?.[0]).toBe(
      `Uploads: \`cargo publish --no-verify\` for each verified crate (cargo would send it through the proxy http://127.0.0.1:9 (set by http.proxy in ${file}) from a crate's directory, the queue's requests go directly)`,
    );
  });

  it('says so when nothing is left to upload', async () => {
    const h = await harness();
    for (const c of h.plan.crates)
      h.store.setState((s) => ({
        crates: { ...s.crates, [c.name]: { status: 'published', version: c.version, attempts: 1 } },
      }));
    const req = await publishConfirmation(h.context(), indexFor(h.plan));
    expect(req.commands).toEqual([]);
    expect(req.heading).toBe('Nothing left to upload: the index has every crate of this release.');
  });
});

describe('rate-limit estimate', () => {
  const plan = (index: string, rateLimits?: object) =>
    ({ config: { crates: { registry: { name: 'x', index, ...(rateLimits ? { rateLimits } : {}) } } } }) as never;

  it('applies crates.io limits only to crates.io index', () => {
    expect(isCratesIoIndex('sparse+https://index.crates.io/')).toBe(true);
    expect(isCratesIoIndex('sparse+http://127.0.0.1:4000/index/')).toBe(false);
    expect(
      rateLimitWarning(plan('sparse+http://127.0.0.1:4000/index/'), { newCrates: 12, newVersions: 40 }),
    ).toBeUndefined();
    expect(rateLimitWarning(plan('sparse+https://index.crates.io/'), { newCrates: 12, newVersions: 0 })).toBe(
      'rate limits: 12 new crates exceed the burst of 5 (then 1 per 10 min): expect at least 70 min of extra waiting (the queue waits and retries by itself).',
    );
  });

  it('applies configured limits to any registry', () => {
    const limits = { newCrate: { perMinutes: 10, burst: 2 }, newVersion: { perMinutes: 1, burst: 30 } };
    expect(
      rateLimitWarning(plan('sparse+http://127.0.0.1:4000/index/', limits), { newCrates: 4, newVersions: 0 }),
    ).toContain('expect at least 20 min');
  });
});
