// The demo behind a proxy: its registry and PyPI are on the loopback, so its steps (cargo, pip) and
// the cockpit's own requests go to them directly whatever proxy the environment names.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoSandbox, type DemoSandbox } from '../../src/sandbox/demo-sandbox.js';
import { createSparseIndex } from '../../src/adapters/sparse-index.js';
import { registryFetch } from '../../src/engine/http-route.js';
import { startProxy, type TestProxy } from '../helpers/http-proxy.js';

let sandbox: DemoSandbox | undefined;
let proxy: TestProxy | undefined;
let root: string | undefined;
const saved = { http_proxy: process.env.http_proxy, no_proxy: process.env.no_proxy, NO_PROXY: process.env.NO_PROXY };
afterEach(async () => {
  await sandbox?.close();
  await proxy?.close();
  if (root) rmSync(root, { recursive: true, force: true });
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('the demo behind a proxy', () => {
  it("keeps the loopback direct (NO_PROXY), the user's own list kept", async () => {
    proxy = await startProxy({ refuse: true });
    process.env.http_proxy = proxy.url;
    delete process.env.NO_PROXY;
    process.env.no_proxy = 'corp.example';
    root = mkdtempSync(join(tmpdir(), 'rc-demo-proxy-'));
    sandbox = await startDemoSandbox({ fast: true, root });
    expect(sandbox.env.no_proxy).toBe('corp.example,127.0.0.1,localhost');
    expect(sandbox.env.NO_PROXY).toBe('corp.example,127.0.0.1,localhost');
    const index = createSparseIndex({
      indexUrl: sandbox.registry.indexUrl,
      timeoutMs: 10_000,
      fetchImpl: registryFetch(sandbox.repo.dir, sandbox.env),
    });
    expect(await index.versions('micromegas-nonexistent')).toBe('absent');
    expect(proxy.seen).toEqual([]);
  });
});
