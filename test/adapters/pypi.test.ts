import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { indexLabel, isPublished, PypiError, waitUntilPublished } from '../../src/adapters/pypi.js';
import { uploadDistribution } from '../../src/sandbox/pypi-server.js';
import { usePypiServer } from '../helpers/pypi-server.js';

const pypi = usePypiServer();
const noSleep = async () => {};

describe('isPublished', () => {
  it('answers from the JSON API: 200 published, 404 absent, names normalised', async () => {
    const s = await pypi({ packages: { micromegas: ['0.14.0'] } });
    expect(await isPublished(s.index, 'micromegas', '0.14.0')).toBe(true);
    expect(await isPublished(`${s.index}/`, 'Micromegas', '0.14.0')).toBe(true);
    expect(await isPublished(s.index, 'micromegas', '0.15.0')).toBe(false);
    expect(await isPublished(s.index, 'other', '0.14.0')).toBe(false);
    expect(s.requests[0]).toEqual({ method: 'GET', path: '/pypi/micromegas/0.14.0/json', status: 200 });
  });

  it('classifies server errors, unreachable indexes and timeouts', async () => {
    const s = await pypi();
    s.setFaults({ status: 503, times: 1 });
    const server = await isPublished(s.index, 'x', '1.0.0').catch((e: unknown) => e);
    expect(server).toBeInstanceOf(PypiError);
    expect(server).toMatchObject({
      kind: 'server',
      status: 503,
      message: `127.0.0.1:${new URL(s.url).port} answered HTTP 503 for GET ${s.index}/x/1.0.0/json.`,
    });
    s.setFaults({ status: 403, times: 1 });
    expect(await isPublished(s.index, 'x', '1.0.0').catch((e: PypiError) => e.kind)).toBe('http');

    const gone = await pypi();
    await gone.close();
    const network = await isPublished(gone.index, 'x', '1.0.0').catch((e: PypiError) => e);
    expect(network).toMatchObject({ kind: 'network' });
    expect((network as PypiError).message).toContain('ECONNREFUSED');
  });

  it('gives up after the timeout', async () => {
    const hang = createServer(() => {
      /* never answers */
    });
    const sockets: Socket[] = [];
    hang.on('connection', (sock) => sockets.push(sock));
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/pypi`;
    const err = await isPublished(url, 'x', '1.0.0', { timeoutMs: 50 }).catch((e: PypiError) => e);
    for (const sock of sockets) sock.destroy();
    await new Promise<void>((r) => hang.close(() => r()));
    expect(err).toMatchObject({ kind: 'timeout' });
    expect((err as PypiError).message).toMatch(/did not answer within 0\.05 s/);
  });
});

describe('waitUntilPublished', () => {
  it('polls until an upload shows, counting transient errors as not yet', async () => {
    const s = await pypi({ hiddenReads: 2 });
    s.seed('micromegas', '0.1.0');
    const res = await uploadDistribution(s.uploadUrl, {
      name: 'micromegas',
      version: '0.15.0',
      filename: 'micromegas-0.15.0.tar.gz',
      data: Buffer.from('sdist'),
    });
    expect(res.status).toBe(200);
    s.setFaults({ status: 502, times: 1 });
    const sleeps: number[] = [];
    const ok = await waitUntilPublished(s.index, 'micromegas', '0.15.0', {
      attempts: 5,
      intervalMs: 1000,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(ok).toBe(true);
    expect(sleeps).toEqual([1000, 1000, 1000]);
  });

  it('returns false when it never shows, and rethrows when the index never answered', async () => {
    const s = await pypi();
    expect(await waitUntilPublished(s.index, 'x', '1.0.0', { attempts: 2, intervalMs: 1, sleep: noSleep })).toBe(false);
    s.setFaults({ status: 500, times: 3 });
    await expect(
      waitUntilPublished(s.index, 'x', '1.0.0', { attempts: 3, intervalMs: 1, sleep: noSleep }),
    ).rejects.toMatchObject({ kind: 'server' });
  });
});

describe('labels', () => {
  it('names indexes', () => {
    expect(indexLabel('https://pypi.org/pypi')).toBe('PyPI');
    expect(indexLabel('https://test.pypi.org/pypi')).toBe('TestPyPI');
    expect(indexLabel('http://127.0.0.1:8080/pypi')).toBe('127.0.0.1:8080');
  });
});
