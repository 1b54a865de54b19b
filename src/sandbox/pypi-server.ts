// A loopback PyPI on plain node:http, in memory: the JSON API the publish step reads
// (GET /pypi/{name}/{version}/json) and an upload endpoint the `poetry` stand-in posts to
// (POST /legacy/, like upload.pypi.org/legacy/). A second upload of a file answers 400
// "File already exists", as the real index does. Used by tests and the demo.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface PypiServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Versions already on the index: { micromegas: ['0.14.0'] }. */
  packages?: Record<string, string[]>;
  /** A new upload answers 404 to this many JSON API reads before it shows (CDN lag, without timers). */
  hiddenReads?: number;
}

export interface PypiFaults {
  /** The next `times` JSON API reads answer this status (e.g. 503). */
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
  /** Where uploads go: {url}/legacy/ */
  uploadUrl: string;
  /** "name@version" -> files stored. */
  uploads: Map<string, number>;
  requests: PypiRequest[];
  /** Puts a version on the index at once (an earlier release). */
  seed(name: string, version: string): void;
  setFaults(faults: PypiFaults): void;
  close(): Promise<void>;
}

/** PEP 503 normalisation: "Micromegas_Client" and "micromegas-client" are the same project. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

interface Release {
  files: string[];
  hiddenReads: number;
}

function send(res: ServerResponse, status: number, body: unknown, statusMessage?: string): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain' : 'application/json';
  res.writeHead(status, statusMessage ?? '', { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startPypiServer(opts: PypiServerOptions = {}): Promise<PypiServer> {
  const projects = new Map<string, Map<string, Release>>();
  const uploads = new Map<string, number>();
  const requests: PypiRequest[] = [];
  const sockets = new Set<Socket>();
  let faults: Required<PypiFaults> = { status: 0, times: 0 };

  const releaseOf = (name: string, version: string, create: boolean): Release | undefined => {
    const key = normalizeName(name);
    let versions = projects.get(key);
    if (!versions && create) projects.set(key, (versions = new Map()));
    let rel = versions?.get(version);
    if (!rel && create && versions) versions.set(version, (rel = { files: [], hiddenReads: opts.hiddenReads ?? 0 }));
    return rel;
  };
  const seed = (name: string, version: string) => {
    const rel = releaseOf(name, version, true);
    if (rel) {
      rel.hiddenReads = 0;
      rel.files.push(`${name}-${version}.tar.gz`);
    }
  };
  for (const [name, versions] of Object.entries(opts.packages ?? {})) for (const v of versions) seed(name, v);

  const visible = (rel: Release | undefined): rel is Release => {
    if (!rel) return false;
    if (rel.hiddenReads > 0) {
      rel.hiddenReads -= 1;
      return false;
    }
    return true;
  };

  const jsonApi = (res: ServerResponse, name: string, version: string | undefined): number => {
    if (faults.times > 0) {
      faults = { ...faults, times: faults.times - 1 };
      send(res, faults.status, { message: 'Service Unavailable' });
      return faults.status;
    }
    const versions = projects.get(normalizeName(name));
    const shown = [...(versions?.entries() ?? [])].filter(([v, rel]) => (version === undefined || v === version) && visible(rel));
    if (!shown.length) {
      send(res, 404, { message: 'Not Found' });
      return 404;
    }
    const [v, rel] = shown.at(-1) as [string, Release];
    const files = rel.files.map((f) => ({ filename: f, url: `${server.url}/files/${f}` }));
    const body = version
      ? { info: { name, version: v }, urls: files }
      : { info: { name, version: v }, releases: Object.fromEntries(shown.map(([sv, r]) => [sv, r.files.map((filename) => ({ filename }))])) };
    send(res, 200, body);
    return 200;
  };

  const upload = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const form = new URLSearchParams(await readBody(req));
    const name = form.get('name');
    const version = form.get('version');
    const filename = form.get('filename') ?? `${name}-${version}.tar.gz`;
    if (!name || !version) {
      send(res, 400, 'name and version are required', 'Bad Request');
      return 400;
    }
    const rel = releaseOf(name, version, true) as Release;
    if (rel.files.includes(filename)) {
      const msg = 'File already exists. See https://pypi.org/help/#file-name-reuse for more information.';
      send(res, 400, msg, msg);
      return 400;
    }
    rel.files.push(filename);
    const key = `${normalizeName(name)}@${version}`;
    uploads.set(key, (uploads.get(key) ?? 0) + 1);
    send(res, 200, 'OK');
    return 200;
  };

  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const done = (status: number) => requests.push({ method: req.method ?? 'GET', path, status });
    const m = /^\/pypi\/([^/]+)(?:\/([^/]+))?\/json\/?$/.exec(path);
    if (req.method === 'GET' && m) return done(jsonApi(res, decodeURIComponent(m[1] ?? ''), m[2] && decodeURIComponent(m[2])));
    if (req.method === 'POST' && /^\/legacy\/?$/.test(path)) {
      upload(req, res).then(done, () => {
        send(res, 500, 'upload failed');
        done(500);
      });
      return;
    }
    send(res, 404, { message: 'Not Found' });
    done(404);
  });
  http.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => http.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const server: PypiServer = {
    url,
    index: `${url}/pypi`,
    uploadUrl: `${url}/legacy/`,
    uploads,
    requests,
    seed,
    setFaults: (f) => {
      faults = { status: f.status ?? 503, times: f.times ?? 1 };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        http.close(() => resolve());
      }),
  };
  return server;
}
