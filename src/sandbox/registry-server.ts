// A loopback cargo registry (sparse index + web API) on plain node:http, in memory. Real
// `cargo publish` / `cargo yank` talk to it; tests and the demo inject faults and read the
// upload counts and log. See shared/reference/cargo-local-registry.md.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { indexPath } from '../adapters/sparse-index.js';
import { BadRequest, parsePublishBody, toIndexLine, type IndexLine } from './registry-body.js';
import { FaultBox, rateLimitDetail, type RegistryFaults } from './registry-faults.js';
import { RegistryDisk } from './registry-disk.js';

export type { RegistryFaults, FaultCount } from './registry-faults.js';

export interface StartRegistryOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** When set, publish/yank/unyank need exactly this token in Authorization. */
  token?: string;
  /** Shorthand for faults.indexDelayMs. */
  indexDelayMs?: number;
  faults?: RegistryFaults;
  /** Keep what is uploaded (and yanked) in this directory, and load it on start (registry-disk.ts). */
  dir?: string;
}

export interface UploadRecord {
  name: string;
  version: string;
  /** Epoch ms the upload was stored. */
  at: number;
  /** Epoch ms it becomes visible in the index. */
  visibleAt: number;
  /** Names of its non-dev dependencies (real package names). */
  deps: string[];
}

export interface Registry {
  url: string;
  indexUrl: string;
  /** NAME@VERSION -> uploads stored (a correct release leaves every count at 1). */
  uploads: Map<string, number>;
  /** NAME@VERSION -> PUT requests received, stored or not. */
  publishAttempts: Map<string, number>;
  uploadLog: UploadRecord[];
  setFaults(faults: RegistryFaults): void;
  /** Marks NAME@VERSION as uploaded by someone else (visible at once), without cargo. */
  seed(line: Pick<IndexLine, 'name' | 'vers'> & Partial<IndexLine>): void;
  close(): Promise<void>;
}

interface StoredVersion {
  line: IndexLine;
  visibleAt: number;
  crate: Buffer;
}

const API = '/api/v1/crates';

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, detail: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { errors: [{ detail }] }, headers);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function download(res: ServerResponse, v: StoredVersion | undefined): void {
  if (!v) return sendError(res, 404, 'not found');
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': v.crate.length });
  res.end(v.crate);
}

/** crates.io's `GET /api/v1/crates/NAME/VERSION`: the database's answer, ahead of the index's lag. */
function versionInfo(res: ServerResponse, v: StoredVersion | undefined, name: string, version: string): void {
  if (!v) return sendError(res, 404, `crate \`${name}\` does not have a version \`${version}\``);
  sendJson(res, 200, { version: { crate: v.line.name, num: version, yanked: v.line.yanked } });
}

/** What an earlier run stored: every version, and the upload record (counts included). */
function reload(
  disk: RegistryDisk,
  store: (line: IndexLine, crate: Buffer, visibleAt: number) => void,
  uploads: Map<string, number>,
  log: UploadRecord[],
): RegistryDisk {
  const saved = disk.load();
  for (const v of saved.versions) store(v.line, v.crate, v.visibleAt);
  for (const u of saved.uploads) {
    uploads.set(`${u.name}@${u.version}`, (uploads.get(`${u.name}@${u.version}`) ?? 0) + 1);
    log.push(u);
  }
  return disk;
}

export async function startRegistry(opts: StartRegistryOptions = {}): Promise<Registry> {
  const crates = new Map<string, Map<string, StoredVersion>>();
  const faults = new FaultBox();
  faults.set({ ...opts.faults, indexDelayMs: opts.indexDelayMs ?? opts.faults?.indexDelayMs });
  const uploads = new Map<string, number>();
  const publishAttempts = new Map<string, number>();
  const uploadLog: UploadRecord[] = [];
  const sockets = new Set<Socket>();
  let url = '';

  const bump = (m: Map<string, number>, key: string): void => {
    m.set(key, (m.get(key) ?? 0) + 1);
  };

  const store = (line: IndexLine, crate: Buffer, visibleAt: number): void => {
    const key = line.name.toLowerCase();
    const versions = crates.get(key) ?? new Map<string, StoredVersion>();
    crates.set(key, versions);
    versions.set(line.vers, { line, visibleAt, crate });
  };
  const disk = opts.dir === undefined ? undefined : reload(new RegistryDisk(opts.dir), store, uploads, uploadLog);

  const authorized = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (opts.token === undefined) return true;
    const got = req.headers.authorization;
    if (!got) {
      sendError(res, 401, 'this action requires authentication');
      return false;
    }
    if (got !== opts.token) {
      sendError(res, 403, 'authentication failed');
      return false;
    }
    return true;
  };

  const serveIndex = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    if (path === 'config.json') {
      sendJson(res, 200, { dl: `${url}${API}`, api: url });
      return;
    }
    const name = path.split('/').pop() ?? '';
    if (faults.nextIndexError(name)) {
      sendError(res, 500, 'internal server error (injected)');
      return;
    }
    const versions = crates.get(name.toLowerCase());
    const now = Date.now();
    const visible = versions ? [...versions.values()].filter((v) => v.visibleAt <= now) : [];
    if (indexPath(name) !== path || visible.length === 0) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const text = visible.map((v) => `${JSON.stringify(v.line)}\n`).join('');
    const etag = `"${createHash('sha1').update(text).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain', etag, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const publish = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    let parsed;
    try {
      parsed = parsePublishBody(body);
    } catch (e) {
      if (!authorized(req, res)) return;
      if (e instanceof BadRequest) return sendError(res, 400, e.message);
      throw e;
    }
    const { meta, crate } = parsed;
    const key = `${meta.name}@${meta.vers}`;
    bump(publishAttempts, key);
    if (!authorized(req, res)) return;
    const fault = await faults.nextPublishFault(meta.name);
    if (fault?.kind === 'rate-limit') {
      const at = new Date(Date.now() + fault.retryAfterSeconds * 1000);
      return sendError(res, 429, rateLimitDetail(at), { 'retry-after': String(fault.retryAfterSeconds) });
    }
    if (fault?.kind === 'server-error') return sendError(res, 500, 'internal server error (injected)');
    if (fault?.kind === 'drop' && !fault.afterStore) {
      req.socket.destroy();
      return;
    }
    const existing = crates.get(meta.name.toLowerCase())?.get(meta.vers);
    if (existing) return sendError(res, 400, `crate version \`${meta.vers}\` is already uploaded`);
    const line = toIndexLine(meta, crate);
    const at = Date.now();
    const visibleAt = at + faults.indexDelayMs;
    store(line, Buffer.from(crate), visibleAt);
    bump(uploads, key);
    const deps = line.deps.filter((d) => d.kind !== 'dev').map((d) => d.package ?? d.name);
    uploadLog.push({ name: meta.name, version: meta.vers, at, visibleAt, deps });
    disk?.saveUpload({ line, visibleAt, crate: Buffer.from(crate) }, uploadLog.at(-1)!);
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'duplicate') return sendError(res, 400, `crate version \`${meta.vers}\` is already uploaded`);
    sendJson(res, 200, { warnings: { invalid_categories: [], invalid_badges: [], other: [] } });
  };

  const setYanked = (
    req: IncomingMessage,
    res: ServerResponse,
    name: string,
    version: string,
    yanked: boolean,
  ): void => {
    if (!authorized(req, res)) return;
    const v = crates.get(name.toLowerCase())?.get(version);
    if (!v) return sendError(res, 404, `crate \`${name}\` does not have a version \`${version}\``);
    v.line = { ...v.line, yanked };
    disk?.saveVersion(v);
    sendJson(res, 200, { ok: true });
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const method = req.method ?? 'GET';
    if (method === 'GET' && path.startsWith('/index/')) return serveIndex(req, res, path.slice('/index/'.length));
    if (method === 'PUT' && path === `${API}/new`) return publish(req, res);
    const m = /^\/api\/v1\/crates\/([^/]+)\/([^/]+)(?:\/(yank|unyank|download))?$/.exec(path);
    if (m) {
      const [, name = '', version = '', op] = m;
      const v = decodeURIComponent(version);
      const found = crates.get(name.toLowerCase())?.get(v);
      if (method === 'DELETE' && op === 'yank') return setYanked(req, res, name, v, true);
      if (method === 'PUT' && op === 'unyank') return setYanked(req, res, name, v, false);
      if (method === 'GET' && op === 'download') return download(res, found);
      if (method === 'GET' && op === undefined) return versionInfo(res, found, name, v);
    }
    sendError(res, 404, `no route for ${method} ${path}`);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendError(res, 500, `registry bug: ${(e as Error).message}`);
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    indexUrl: `sparse+${url}/index/`,
    uploads,
    publishAttempts,
    uploadLog,
    setFaults: (f) => faults.set(f),
    seed: (partial) => {
      const line: IndexLine = { deps: [], cksum: '0'.repeat(64), features: {}, yanked: false, links: null, ...partial };
      store(line, Buffer.alloc(0), 0);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
