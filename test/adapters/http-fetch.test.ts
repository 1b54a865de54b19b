// The cockpit's fetch through a real proxy (test/helpers/http-proxy.ts) to the loopback registry:
// direct where no proxy applies, absolute-form through the proxy for http URLs, CONNECT for https
// ones; the proxy's credentials are sent to it and never shown.
import { afterEach, describe, expect, it } from 'vitest';
import { createSparseIndex, IndexError } from '../../src/adapters/sparse-index.js';
import { describeFetchError, routedFetch } from '../../src/adapters/http-fetch.js';
import { isPublished, PypiError } from '../../src/adapters/pypi.js';
import { maskProxy, proxyTarget } from '../../src/core/cargo-proxy.js';
import { startRegistry, type Registry } from '../../src/sandbox/registry-server.js';
import { startProxy, type TestProxy } from '../helpers/http-proxy.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function setUp(opts: { refuse?: boolean } = {}): Promise<{ reg: Registry; proxy: TestProxy }> {
  const reg = await startRegistry();
  const proxy = await startProxy(opts);
  open.push(reg, proxy);
  return { reg, proxy };
}

/** A port nothing listens on (a proxy started and stopped). */
async function closedPort(): Promise<number> {
  const p = await startProxy();
  await p.close();
  return p.port;
}

const indexThrough = (reg: Registry, value: string | undefined) =>
  createSparseIndex({
    indexUrl: reg.indexUrl,
    timeoutMs: 10_000,
    fetchImpl: routedFetch(() => (value === undefined ? undefined : { value, from: 'HTTP_PROXY' })),
  });

describe('routedFetch', () => {
  it('goes directly when no proxy applies: the proxy sees nothing', async () => {
    const { reg, proxy } = await setUp();
    expect(await indexThrough(reg, undefined).versions('tiny-base')).toBe('absent');
    expect(proxy.seen).toEqual([]);
  });

  it('sends an http URL to the proxy as an absolute-form request, with the proxy credentials', async () => {
    const { reg, proxy } = await setUp();
    const withUser = `http://me:s3cret@127.0.0.1:${proxy.port}`;
    expect(await indexThrough(reg, withUser).versions('tiny-base')).toBe('absent');
    expect(proxy.seen).toEqual([`GET ${reg.indexUrl.replace(/^sparse\+/, '')}ti/ny/tiny-base`]);
    expect(proxy.auth).toEqual([`Basic ${Buffer.from('me:s3cret').toString('base64')}`]);
  });

  it('takes a proxy without a scheme as http, as curl does', async () => {
    const { reg, proxy } = await setUp();
    expect(await indexThrough(reg, `127.0.0.1:${proxy.port}`).versions('tiny-base')).toBe('absent');
    expect(proxy.seen).toHaveLength(1);
  });

  it('a proxy that refuses: one sentence naming it, its password masked', async () => {
    const { reg, proxy } = await setUp({ refuse: true });
    const err = await indexThrough(reg, `http://me:s3cret@127.0.0.1:${proxy.port}`)
      .versions('tiny-base')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexError);
    const url = `${reg.indexUrl.replace(/^sparse\+/, '')}ti/ny/tiny-base`;
    expect((err as Error).message).toBe(
      `the index answered 403 for ${url} through the proxy http://***@127.0.0.1:${proxy.port} (set by HTTP_PROXY)`,
    );
  });

  it('a refused CONNECT (https URL) names the proxy, masked', async () => {
    const proxy = await startProxy({ refuse: true });
    open.push(proxy);
    const fetchImpl = routedFetch(() => ({ value: `http://u:pw@127.0.0.1:${proxy.port}`, from: 'HTTPS_PROXY' }));
    const err = await isPublished('https://pypi.example.invalid/pypi', 'micromegas', '0.1.0', { fetchImpl }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PypiError);
    expect((err as Error).message).toBe(
      `pypi.example.invalid could not be reached (the proxy http://***@127.0.0.1:${proxy.port} (set by HTTPS_PROXY) refused the tunnel (HTTP 403); GET https://pypi.example.invalid/pypi/micromegas/0.1.0/json).`,
    );
    expect(proxy.seen).toEqual(['CONNECT pypi.example.invalid:443']);
  });

  it('a proxy that does not answer: the connection error, through the named proxy', async () => {
    const { reg } = await setUp();
    const closed = await closedPort();
    const err = await indexThrough(reg, `http://127.0.0.1:${closed}`)
      .versions('tiny-base')
      .catch((e: unknown) => e);
    const url = `${reg.indexUrl.replace(/^sparse\+/, '')}ti/ny/tiny-base`;
    expect((err as Error).message).toBe(
      `cannot reach the index at ${url}: connect ECONNREFUSED 127.0.0.1:${closed}, through the proxy http://127.0.0.1:${closed} (set by HTTP_PROXY)`,
    );
  });

  it('a proxy of a scheme it cannot use: direct, and a failure says so', async () => {
    const { reg, proxy } = await setUp();
    expect(await indexThrough(reg, `socks5://127.0.0.1:${proxy.port}`).versions('tiny-base')).toBe('absent');
    expect(proxy.seen).toEqual([]);
    const closed = await closedPort();
    const fetchImpl = routedFetch(() => ({ value: `socks5://u:pw@127.0.0.1:${closed}`, from: 'ALL_PROXY' }));
    const err = await fetchImpl(`http://127.0.0.1:${closed}/x`).catch((e: unknown) => e);
    expect(describeFetchError(err)).toBe(
      `connect ECONNREFUSED 127.0.0.1:${closed}, connecting directly: the cockpit's HTTP client cannot use the proxy socks5://***@127.0.0.1:${closed} (set by ALL_PROXY) (scheme socks5 is not supported, only http and https)`,
    );
  });
});

describe('proxy values', () => {
  it('masks credentials, with or without a scheme', () => {
    expect(maskProxy('http://me:s3cret@proxy:3128')).toBe('http://***@proxy:3128');
    expect(maskProxy('me:s3cret@proxy:3128')).toBe('***@proxy:3128');
    expect(maskProxy('http://proxy:3128')).toBe('http://proxy:3128');
  });

  it('reads libcurl proxy strings', () => {
    expect(proxyTarget('proxy:3128')).toEqual({ url: 'http://proxy:3128/' });
    expect(proxyTarget('HTTPS://proxy')).toEqual({ url: 'https://proxy/' });
    expect(proxyTarget('socks5h://proxy:1080')).toEqual({
      unusable: 'scheme socks5h is not supported, only http and https',
    });
  });
});
