// A loopback PyPI per test, closed after it (the server itself is src/sandbox/pypi-server.ts).
import { afterEach } from 'vitest';
import { startPypiServer, type PypiServer, type PypiServerOptions } from '../../src/sandbox/pypi-server.js';

export function usePypiServer(): (opts?: PypiServerOptions) => Promise<PypiServer> {
  const open: PypiServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async (opts) => {
    const s = await startPypiServer(opts);
    open.push(s);
    return s;
  };
}
