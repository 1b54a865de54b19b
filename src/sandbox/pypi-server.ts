// A loopback PyPI on plain node:http speaking the protocols the real tools use: the legacy upload
// API Poetry and twine post to (POST /legacy/, multipart, token, digests: pypi-upload.ts), the
// JSON API the publish step reads (GET /pypi/{name}/json, /pypi/{name}/{version}/json), and the
// PEP 503 simple index pip installs from (GET /simple/, /simple/{name}/, files under /files/).
// Stored on disk (pypi-store.ts) in the directory the caller passes, so a resumed demo finds its
// uploads; without one, a temporary directory removed on close. Used by tests and the demo.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMultipart, multipartBoundary, parseMultipart } from './pypi-multipart.js';
import { normalizeName, PypiStore, type StoredProject } from './pypi-store.js';
import { handleUpload } from './pypi-upload.js';

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

function send(res: ServerResponse, status: number, body: unknown, statusMessage?: string, type?: string): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = type ?? (typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json');
  res.writeHead(status, statusMessage ?? '', { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export async function startPypiServer(opts: PypiServerOptions = {}): Promise<PypiServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'rc-pypi-'));
  const store = new PypiStore(dir);
  const uploads = new Map<string, number>();
  const requests: PypiRequest[] = [];
  const sockets = new Set<Socket>();
  const hidden = new Map<string, number>();
  let faults: Required<PypiFaults> = { status: 0, times: 0 };

  const seed = (name: string, version: string) => {
    if (store.project(name)?.releases[version]) return;
    const filename = `${normalizeName(name).replace(/-/g, '_')}-${version}.tar.gz`;
    store.add(name, version, filename, Buffer.from(`sdist of ${name} ${version}\n`), { packagetype: 'sdist' });
  };
  for (const [name, versions] of Object.entries(opts.packages ?? {})) for (const v of versions) seed(name, v);

  /** The versions of a project a reader may see now (each read of a lagging release counts down). */
  const visibleReleases = (project: StoredProject | undefined): [string, StoredProject['releases'][string]][] =>
    Object.entries(project?.releases ?? {}).filter(([v]) => {
      const key = `${normalizeName(project?.name ?? '')}@${v}`;
      const left = hidden.get(key) ?? 0;
      if (left <= 0) return true;
      hidden.set(key, left - 1);
      return false;
    });

  const fault = (res: ServerResponse): number | undefined => {
    if (faults.times <= 0) return undefined;
    faults = { ...faults, times: faults.times - 1 };
    send(res, faults.status, { message: 'Service Unavailable' });
    return faults.status;
  };

  const fileJson = (f: StoredProject['releases'][string][number]) => ({
    filename: f.filename,
    url: `${server.url}/files/${f.filename}`,
    packagetype: f.packagetype,
    size: f.size,
    digests: { sha256: f.sha256, md5: f.md5 },
    requires_python: f.requiresPython ?? null,
    upload_time_iso_8601: f.uploadTime,
    yanked: false,
  });

  const jsonApi = (res: ServerResponse, name: string, version: string | undefined): number => {
    const failed = fault(res);
    if (failed) return failed;
    const project = store.project(name);
    const shown = visibleReleases(project).filter(([v]) => version === undefined || v === version);
    if (!project || !shown.length) {
      send(res, 404, { message: 'Not Found' });
      return 404;
    }
    const [v, files] = shown.at(-1) as [string, StoredProject['releases'][string]];
    const info = { name: project.name, version: v, package_url: `${server.url}/project/${normalizeName(project.name)}/` };
    const body = version ? { info, urls: files.map(fileJson) } : { info, urls: files.map(fileJson), releases: Object.fromEntries(shown.map(([sv, fs]) => [sv, fs.map(fileJson)])) };
    send(res, 200, body);
    return 200;
  };

  const simpleIndex = (res: ServerResponse, name: string | undefined): number => {
    const failed = fault(res);
    if (failed) return failed;
    const html = (title: string, links: string[]) =>
      `<!DOCTYPE html>\n<html>\n  <head>\n    <meta name="pypi:repository-version" content="1.0">\n    <title>${escapeHtml(title)}</title>\n  </head>\n  <body>\n${links.map((l) => `    ${l}<br/>`).join('\n')}\n  </body>\n</html>\n`;
    if (name === undefined) {
      send(res, 200, html('Simple index', store.all().map((p) => `<a href="/simple/${normalizeName(p.name)}/">${escapeHtml(p.name)}</a>`)), undefined, 'text/html; charset=utf-8');
      return 200;
    }
    const project = store.project(name);
    if (!project) {
      send(res, 404, 'Not Found');
      return 404;
    }
    const links = visibleReleases(project).flatMap(([, files]) =>
      files.map((f) => `<a href="/files/${encodeURIComponent(f.filename)}#sha256=${f.sha256}"${f.requiresPython ? ` data-requires-python="${escapeHtml(f.requiresPython)}"` : ''}>${escapeHtml(f.filename)}</a>`),
    );
    send(res, 200, html(`Links for ${project.name}`, links), undefined, 'text/html; charset=utf-8');
    return 200;
  };

  const download = (res: ServerResponse, filename: string): number => {
    const data = store.read(filename);
    if (!data) {
      send(res, 404, 'Not Found');
      return 404;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length });
    res.end(data);
    return 200;
  };

  const upload = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const boundary = multipartBoundary(req.headers['content-type']);
    const body = await readBody(req);
    if (!boundary) {
      send(res, 400, 'Upload payload must be multipart/form-data.', 'Bad Request');
      return 400;
    }
    let verdict;
    try {
      verdict = handleUpload(parseMultipart(body, boundary), req.headers.authorization, store, opts.token);
    } catch (e) {
      verdict = { status: 400, message: `Malformed upload: ${(e as Error).message}.` };
    }
    if (verdict.stored) {
      uploads.set(verdict.stored, (uploads.get(verdict.stored) ?? 0) + 1);
      if (opts.hiddenReads) hidden.set(verdict.stored, opts.hiddenReads);
    }
    send(res, verdict.status, verdict.message, verdict.message);
    return verdict.status;
  };

  const route = (req: IncomingMessage, res: ServerResponse, path: string): number | Promise<number> => {
    const get = req.method === 'GET' || req.method === 'HEAD';
    const json = /^\/pypi\/([^/]+)(?:\/([^/]+))?\/json\/?$/.exec(path);
    if (get && json) return jsonApi(res, decodeURIComponent(json[1] ?? ''), json[2] && decodeURIComponent(json[2]));
    const simple = /^\/simple\/(?:([^/]+)\/?)?$/.exec(path);
    if (get && simple) return simpleIndex(res, simple[1] && decodeURIComponent(simple[1]));
    const file = /^\/files\/([^/]+)$/.exec(path);
    if (get && file) return download(res, decodeURIComponent(file[1] ?? ''));
    if (req.method === 'POST' && /^\/legacy\/?$/.test(path)) return upload(req, res);
    send(res, 404, { message: 'Not Found' });
    return 404;
  };

  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const done = (status: number) => requests.push({ method: req.method ?? 'GET', path, status });
    Promise.resolve()
      .then(() => route(req, res, path))
      .then(done, (e: unknown) => {
        if (!res.headersSent) send(res, 500, `internal error: ${(e as Error).message}`);
        done(500);
      });
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
    simple: `${url}/simple/`,
    uploadUrl: `${url}/legacy/`,
    dir,
    uploads,
    requests,
    seed,
    setFaults: (f) => {
      faults = { status: f.status ?? 503, times: f.times ?? 1 };
    },
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
export async function uploadDistribution(uploadUrl: string, file: { name: string; version: string; filename: string; data: Buffer; token?: string }): Promise<Response> {
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
