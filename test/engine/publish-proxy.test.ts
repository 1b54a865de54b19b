// The queue's own requests (index polls, the registry's API, its upload of a verified .crate)
// take the route cargo's would: through the proxy cargo would use, directly where NO_PROXY exempts
// the registry. Real cargo (verify-first) and a real proxy (test/helpers/http-proxy.ts) in front of
// the loopback registry, which is plain http: curl (so cargo) reads only `http_proxy` for it.
import { afterEach, describe, expect, it } from 'vitest';
import { duplicateUploads, orderViolations, type Harness } from '../sandbox/queue-harness.js';
import { CRATES, INTERNAL, runQueueDirect, useQueueHarness } from '../helpers/publish-queue-run.js';
import { startProxy, type TestProxy } from '../helpers/http-proxy.js';

const harness = useQueueHarness('publish-proxy');
const proxies: TestProxy[] = [];
afterEach(async () => {
  for (const p of proxies.splice(0)) await p.close();
});

async function proxy(opts: { refuse?: boolean } = {}): Promise<TestProxy> {
  const p = await startProxy(opts);
  proxies.push(p);
  return p;
}

/** What the queue itself sent through the proxy (cargo's own requests say `cargo/…`). */
function queueRequests(p: TestProxy): string[] {
  return p.seen.filter((_, i) => !p.userAgents[i]?.startsWith('cargo/'));
}

function expectUploadedOnceByQueue(h: Harness): void {
  expect([...h.reg.uploads.keys()].sort()).toEqual(CRATES.map((c) => `${c}@0.1.0`).sort());
  expect(duplicateUploads(h.reg)).toEqual([]);
  expect(orderViolations(h.reg, INTERNAL)).toEqual([]);
  expect(h.lines.some((l) => /^uploads: 4 verified \.crate files straight to /.test(l))).toBe(true);
}

describe('publish queue behind a proxy', () => {
  it('http_proxy: the index polls, the API and the uploads go through it', async () => {
    const h = await harness();
    const p = await proxy();
    h.env.http_proxy = `http://me:s3cret@127.0.0.1:${p.port}`;
    expect((await runQueueDirect(h)).status).toBe('passed');
    expectUploadedOnceByQueue(h);
    const base = h.reg.indexUrl.replace(/^sparse\+/, '');
    const mine = queueRequests(p);
    expect(mine).toContain(`GET ${base}ti/ny/tiny-base`);
    expect(mine).toContain(`GET ${base}config.json`);
    expect(mine.filter((r) => /^PUT http:\/\/127\.0\.0\.1:\d+\/api\/v1\/crates\/new$/.test(r))).toHaveLength(4);
    expect(new Set(p.auth)).toEqual(new Set([`Basic ${Buffer.from('me:s3cret').toString('base64')}`]));
    expect(h.lines.join('\n')).not.toContain('s3cret');
    // cargo 1.95 (verify-first's cargo package) takes the same proxy for the loopback registry.
    expect(p.userAgents.some((ua) => ua?.startsWith('cargo/'))).toBe(true);
  });

  it('NO_PROXY naming the registry: everything goes directly', async () => {
    const h = await harness();
    const p = await proxy();
    h.env.http_proxy = p.url;
    h.env.NO_PROXY = '127.0.0.1';
    expect((await runQueueDirect(h)).status).toBe('passed');
    expectUploadedOnceByQueue(h);
    expect(p.seen).toEqual([]);
  });

  it('HTTP_PROXY in capitals: curl ignores it for an http URL, and so does the queue', async () => {
    const h = await harness();
    const p = await proxy();
    h.env.HTTP_PROXY = p.url;
    expect((await runQueueDirect(h)).status).toBe('passed');
    expectUploadedOnceByQueue(h);
    expect(p.seen).toEqual([]);
  });

  it('a proxy that refuses: one sentence naming it (masked), nothing uploaded', async () => {
    // No retries: the sentence is the same after them, the test need not wait through the backoff.
    const h = await harness({ crates: { maxRetries: 0 } });
    const p = await proxy({ refuse: true });
    h.env.http_proxy = `http://me:s3cret@127.0.0.1:${p.port}`;
    const out = await runQueueDirect(h);
    expect(out.status).toBe('failed');
    const reason = out.status === 'failed' ? out.reason : '';
    expect(reason).toBe(
      `pre-flight: the index answered 403 for ${h.reg.indexUrl.replace(/^sparse\+/, '')}ti/ny/tiny-base through the proxy http://***@127.0.0.1:${p.port} (set by http_proxy), still after 0 retries; nothing was uploaded: run again once the index answers`,
    );
    expect(h.reg.uploads.size).toBe(0);
    expect(h.journal.entries().filter((e) => e.type === 'intent')).toEqual([]);
  });
});
