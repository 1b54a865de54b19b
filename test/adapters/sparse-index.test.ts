// The sparse index client against the loopback registry (and a few scripted fetches for the
// failures a real server cannot be told to produce on demand).
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSparseIndex, IndexError, indexPath, sparseBaseUrl } from '../../src/adapters/sparse-index.js';
import { UserError } from '../../src/core/user-error.js';
import { startRegistry, type Registry } from '../../src/sandbox/registry-server.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function registry(): Promise<Registry> {
  const r = await startRegistry();
  open.push(r);
  return r;
}

/** Counts requests and the If-None-Match headers the client sent. */
function countingFetch(): { fetchImpl: typeof fetch; sent: (string | null)[]; statuses: number[] } {
  const sent: (string | null)[] = [];
  const statuses: number[] = [];
  const fetchImpl: typeof fetch = async (url, init) => {
    sent.push(new Headers(init?.headers).get('if-none-match'));
    const res = await fetch(url, init);
    statuses.push(res.status);
    return res;
  };
  return { fetchImpl, sent, statuses };
}

describe('indexPath', () => {
  it('follows the crates.io layout, lowercased', () => {
    expect(indexPath('a')).toBe('1/a');
    expect(indexPath('ab')).toBe('2/ab');
    expect(indexPath('Abc')).toBe('3/a/abc');
    expect(indexPath('Micromegas-Auth')).toBe('mi/cr/micromegas-auth');
  });
});

describe('sparseBaseUrl', () => {
  it('accepts sparse URLs and refuses anything else with a hint', () => {
    expect(sparseBaseUrl('sparse+https://index.crates.io/')).toBe('https://index.crates.io/');
    expect(sparseBaseUrl('sparse+http://127.0.0.1:1/index')).toBe('http://127.0.0.1:1/index/');
    expect(() => sparseBaseUrl('https://github.com/rust-lang/crates.io-index')).toThrow(UserError);
    expect(() => createSparseIndex({ indexUrl: 'registry+https://x/', timeoutMs: 1000 })).toThrow(
      /not a sparse index URL/,
    );
  });
});

describe('createSparseIndex', () => {
  it('lists versions with their yank state; absent crates and versions are absent', async () => {
    const reg = await registry();
    reg.seed({ name: 'Mixed-Case', vers: '1.0.0' });
    reg.seed({ name: 'Mixed-Case', vers: '1.1.0', yanked: true });
    const index = createSparseIndex({ indexUrl: reg.indexUrl, timeoutMs: 2000 });
    expect(await index.versions('mixed-case')).toEqual([
      { version: '1.0.0', yanked: false },
      { version: '1.1.0', yanked: true },
    ]);
    expect(await index.status('mixed-case', '1.0.0')).toBe('published');
    expect(await index.status('mixed-case', '1.1.0')).toBe('yanked');
    expect(await index.status('mixed-case', '2.0.0')).toBe('absent');
    expect(await index.versions('nope')).toBe('absent');
    // Build metadata does not make another version.
    expect(await index.status('mixed-case', '1.0.0+build.5')).toBe('published');
  });

  it('revalidates with the ETag: 304 reuses the cached list, a change is seen at once', async () => {
    const reg = await registry();
    reg.seed({ name: 'etag-crate', vers: '0.1.0' });
    const f = countingFetch();
    const index = createSparseIndex({ indexUrl: reg.indexUrl, timeoutMs: 2000, fetchImpl: f.fetchImpl });
    await index.versions('etag-crate');
    expect(await index.status('etag-crate', '0.1.0')).toBe('published');
    reg.seed({ name: 'etag-crate', vers: '0.2.0' });
    expect(await index.status('etag-crate', '0.2.0')).toBe('published');
    index.invalidate('etag-crate');
    await index.versions('etag-crate');
    expect(f.statuses).toEqual([200, 304, 200, 200]);
    expect(f.sent[0]).toBeNull();
    expect(f.sent[1]).toMatch(/^"[0-9a-f]+"$/);
    expect(f.sent[3]).toBeNull();
  });

  it('classifies failures: server, network, timeout, other HTTP', async () => {
    const reg = await registry();
    reg.setFaults({ indexError: { times: 1 } });
    const index = createSparseIndex({ indexUrl: reg.indexUrl, timeoutMs: 2000 });
    await expect(index.versions('any-crate')).rejects.toMatchObject({ kind: 'server', status: 500 });
    expect(await index.versions('any-crate')).toBe('absent');

    // A port nobody listens on any more.
    const gone = await startRegistry();
    await gone.close();
    const refused = await createSparseIndex({ indexUrl: gone.indexUrl, timeoutMs: 2000 })
      .versions('any-crate')
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IndexError);
    expect(refused).toMatchObject({ kind: 'network', message: expect.stringMatching(/ECONNREFUSED/) });

    // A server that accepts and never answers.
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    open.push({ close: () => new Promise<void>((r) => (silent.closeAllConnections(), silent.close(() => r()))) });
    const slow = createSparseIndex({
      indexUrl: `sparse+http://127.0.0.1:${(silent.address() as AddressInfo).port}/`,
      timeoutMs: 200,
    });
    await expect(slow.versions('any-crate')).rejects.toMatchObject({ kind: 'timeout' });

    const teapot = createSparseIndex({
      indexUrl: 'sparse+http://x.invalid/',
      timeoutMs: 200,
      fetchImpl: async () => new Response('no', { status: 418 }),
    });
    await expect(teapot.versions('any-crate')).rejects.toMatchObject({ kind: 'http', status: 418 });
    const removed = createSparseIndex({
      indexUrl: 'sparse+http://x.invalid/',
      timeoutMs: 200,
      fetchImpl: async () => new Response('', { status: 410 }),
    });
    expect(await removed.versions('any-crate')).toBe('absent');
  });

  it('skips a torn line instead of hiding the others', async () => {
    const body =
      '{"name":"t","vers":"0.1.0","yanked":false}\n{"name":"t","vers":"0.2\n{"name":"t","vers":"0.3.0","yanked":true}\n';
    const index = createSparseIndex({
      indexUrl: 'sparse+http://x.invalid/',
      timeoutMs: 200,
      fetchImpl: async () => new Response(body),
    });
    expect(await index.versions('t')).toEqual([
      { version: '0.1.0', yanked: false },
      { version: '0.3.0', yanked: true },
    ]);
  });
});
