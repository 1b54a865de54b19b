// A loopback PyPI on plain node:http speaking the protocols the real tools use: the legacy upload
// API Poetry and twine post to (POST /legacy/, multipart, token, digests: pypi-upload.ts), the
// JSON API the publish step reads (GET /pypi/{name}/json, /pypi/{name}/{version}/json), and the
// PEP 503 simple index pip installs from (GET /simple/, /simple/{name}/, files under /files/).
// Stored on disk (pypi-store.ts) in the directory the caller passes, so a resumed demo finds its
// uploads; without one, a temporary directory removed on close. Used by tests and the demo.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMultipart } from './pypi-multipart.js';
import { PypiRoutes, sendPypiResponse } from './pypi-routes.js';
import { normalizeName, PypiStore } from './pypi-store.js';

export { normalizeName } from './pypi-store.js';

export interface PypiServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Where files and the index live; kept on close. Default: a temporary directory, removed on close. */
  dir?: string;
  /** When set, uploads need HTTP Basic `__token__:<token>` (else 403, as PyPI answers). */
  token?: string;
  /** Versions already on the index: { micromegas: ['0.14.0'] }. */
  packages?: Record<string, string[]>;
  /** A new upload is absent from the JSON API and the simple index for this many reads (CDN lag, without timers). */
  hiddenReads?: number;
}

export interface PypiFaults {
  /** The next `times` JSON API and simple-index reads answer this status (e.g. 503). */
  status?: number;
  times?: number;
}

export interface PypiRequest {
  method: string;
  path: string;
  status: number;
}

export interface PypiServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The JSON API base for configs: {url}/pypi */
  index: string;
  /** The PEP 503 simple index for pip: {url}/simple/ */
  simple: string;
  /** Where uploads go: {url}/legacy/ */
  uploadUrl: string;
  dir: string;
  /** "name@version" -> files stored by uploads during this server's life. */
  uploads: Map<string, number>;
  requests: PypiRequest[];
  /** Puts a version on the index at once (an earlier release), with a small sdist. */
  seed(name: string, version: string): void;
  setFaults(faults: PypiFaults): void;
  close(): Promise<void>;
}

export async function startPypiServer(opts: PypiServerOptions = {}): Promise<PypiServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'rc-pypi-'));
  const store = new PypiStore(dir);
  const requests: PypiRequest[] = [];
  const sockets = new Set<Socket>();
  const seed = (name: string, version: string) => {
    if (store.project(name)?.releases[version]) return;
    const filename = `${normalizeName(name).replace(/-/g, '_')}-${version}.tar.gz`;
    store.add(name, version, filename, Buffer.from(`sdist of ${name} ${version}\n`), { packagetype: 'sdist' });
  };
  for (const [name, versions] of Object.entries(opts.packages ?? {})) for (const v of versions) seed(name, v);
  const routes = new PypiRoutes(store, {
    ...(opts.token !== undefined ? { token: opts.token } : {}),
    hiddenReads: opts.hiddenReads ?? 0,
  });

  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const done = (status: number) => requests.push({ method: req.method ?? 'GET', path, status });
    Promise.resolve()
      .then(() => routes.route(req, res, path))
      .then(done, (e: unknown) => {
        if (!res.headersSent) sendPypiResponse(res, 500, `internal error: ${(e as Error).message}`);
        done(500);
      });
  });
  http.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject); // a port in use (a resumed demo asks for its last one)
    http.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = http.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  routes.baseUrl = url;
  const server: PypiServer = {
    url,
    index: `${url}/pypi`,
    simple: `${url}/simple/`,
    uploadUrl: `${url}/legacy/`,
    dir,
    uploads: routes.uploads,
    requests,
    seed,
    setFaults: (f) => routes.setFaults(f),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        http.close(() => {
          if (!opts.dir) rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
  return server;
}

/** Uploads one file the way twine does (tests, and uploads behind the cockpit's back). */
export async function uploadDistribution(
  uploadUrl: string,
  file: { name: string; version: string; filename: string; data: Buffer; token?: string },
): Promise<Response> {
  const { body, contentType } = buildMultipart(
    {
      ':action': 'file_upload',
      protocol_version: '1',
      metadata_version: '2.1',
      name: file.name,
      version: file.version,
      filetype: file.filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist',
      pyversion: file.filename.endsWith('.whl') ? 'py3' : 'source',
      sha256_digest: createHash('sha256').update(file.data).digest('hex'),
    },
    { field: 'content', filename: file.filename, data: file.data },
  );
  const headers: Record<string, string> = { 'content-type': contentType };
  if (file.token) headers.authorization = `Basic ${Buffer.from(`__token__:${file.token}`).toString('base64')}`;
  return fetch(uploadUrl, { method: 'POST', body: new Uint8Array(body), headers });
}
