// End to end with real cargo and a real proxy (test/helpers/http-proxy.ts) in front of the loopback
// registry: with http_proxy set (what curl, so cargo, reads for an http:// URL), `run --headless`
// (the built CLI's headless bundle, which loads undici from node_modules only now) sends its index
// polls, its API requests and its own uploads through the proxy, and cargo 1.95 (verify-first's
// `cargo package`) goes through the same proxy for the loopback registry: it does not exempt
// 127.0.0.1 by itself.
import { afterEach, describe, expect, it } from 'vitest';
import { openTinyRelease, type TinyRelease } from './tiny-release.js';
import { startProxy, type TestProxy } from '../helpers/http-proxy.js';

let t: TinyRelease | undefined;
let proxy: TestProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await t?.close();
});

describe('the release behind a proxy', () => {
  it("http_proxy: the queue's own requests and cargo's go through it, each crate uploaded once", async () => {
    t = await openTinyRelease('proxy-upload');
    proxy = await startProxy();
    t.env.http_proxy = `http://me:s3cret@127.0.0.1:${proxy.port}`;
    const run = await t.cli('run', '--headless', '--yes');
    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toMatch(/uploads: 2 verified \.crate files straight to /);
    expect(Object.fromEntries(t.reg.uploads)).toEqual({ 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 });
    const seen = proxy.seen.map((s, i) => ({ s, cargo: proxy?.userAgents[i]?.startsWith('cargo/') === true }));
    const base = t.reg.indexUrl.replace(/^sparse\+/, '');
    const ours = seen.filter((r) => !r.cargo).map((r) => r.s);
    expect(ours).toContain(`GET ${base}ti/ny/tiny-base`);
    expect(ours.filter((r) => r.endsWith('/api/v1/crates/new'))).toHaveLength(2);
    expect(seen.some((r) => r.cargo)).toBe(true);
    expect(run.out + run.err).not.toContain('s3cret');
  }, 180_000);
});
