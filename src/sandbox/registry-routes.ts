// The loopback registry's HTTP routes over its store: the sparse index files, publish,
// yank/unyank, downloads and the version API, with the faults a test injected (FaultBox).
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { indexPath } from '../adapters/sparse-index.js';
import { readBody } from './http-body.js';
import { BadRequest, parsePublishBody, toIndexLine, type PublishMetadata } from './registry-body.js';
import { rateLimitDetail, type FaultBox, type PublishFault } from './registry-faults.js';
import type { CrateStore, StoredVersion } from './registry-store.js';

const API = '/api/v1/crates';

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  status: number,
  detail: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { errors: [{ detail }] }, headers);
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

/** Answers a fault that fires before the upload is stored; false when there is none. */
function faultBeforeStore(req: IncomingMessage, res: ServerResponse, fault: PublishFault | undefined): boolean {
  if (fault?.kind === 'rate-limit') {
    const at = new Date(Date.now() + fault.retryAfterSeconds * 1000);
    sendError(res, 429, rateLimitDetail(at), { 'retry-after': String(fault.retryAfterSeconds) });
  } else if (fault?.kind === 'server-error') sendError(res, 500, 'internal server error (injected)');
  else if (fault?.kind === 'drop' && !fault.afterStore) req.socket.destroy();
  else return false;
  return true;
}

/** The answer to a stored upload: lost (a dropped connection), a duplicate's 400, or crates.io's 200. */
function answerStored(req: IncomingMessage, res: ServerResponse, fault: PublishFault | undefined, vers: string): void {
  if (fault?.kind === 'drop') req.socket.destroy();
  else if (fault?.kind === 'duplicate') sendError(res, 400, `crate version \`${vers}\` is already uploaded`);
  else sendJson(res, 200, { warnings: { invalid_categories: [], invalid_badges: [], other: [] } });
}

export class RegistryRoutes {
  /** http://127.0.0.1:PORT, known once the server listens (the index's config.json names it). */
  url = '';

  constructor(
    private readonly store: CrateStore,
    private readonly faults: FaultBox,
    /** When set, publish/yank/unyank need exactly this token in Authorization. */
    private readonly token: string | undefined,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const method = req.method ?? 'GET';
    if (method === 'GET' && path.startsWith('/index/')) return this.index(req, res, path.slice('/index/'.length));
    if (method === 'PUT' && path === `${API}/new`) return this.publish(req, res);
    const m = /^\/api\/v1\/crates\/([^/]+)\/([^/]+)(?:\/(yank|unyank|download))?$/.exec(path);
    if (m) {
      const [, name = '', version = '', op] = m;
      const v = decodeURIComponent(version);
      const found = this.store.get(name, v);
      if (method === 'DELETE' && op === 'yank') return this.setYanked(req, res, name, v, true);
      if (method === 'PUT' && op === 'unyank') return this.setYanked(req, res, name, v, false);
      if (method === 'GET' && op === 'download') return download(res, found);
      if (method === 'GET' && op === undefined) return versionInfo(res, found, name, v);
    }
    sendError(res, 404, `no route for ${method} ${path}`);
  }

  /** A sparse index file (or config.json): the versions visible now, with an etag for cargo's cache. */
  private index(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (path === 'config.json') return sendJson(res, 200, { dl: `${this.url}${API}`, api: this.url });
    const name = path.split('/').pop() ?? '';
    if (this.faults.nextIndexError(name)) return sendError(res, 500, 'internal server error (injected)');
    const visible = this.store.visible(name, Date.now());
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
  }

  private async publish(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = await this.readPublish(req, res);
    if (!parsed) return;
    const { meta, metaJson, crate } = parsed;
    this.store.countAttempt(meta.name, meta.vers);
    if (!this.authorized(req, res)) return;
    const fault = await this.faults.nextPublishFault(meta.name);
    if (faultBeforeStore(req, res, fault)) return;
    if (this.store.get(meta.name, meta.vers))
      return sendError(res, 400, `crate version \`${meta.vers}\` is already uploaded`);
    const at = Date.now();
    this.store.upload(toIndexLine(meta, crate), Buffer.from(crate), at, at + this.faults.indexDelayMs);
    this.store.metadata.set(`${meta.name}@${meta.vers}`, metaJson);
    answerStored(req, res, fault, meta.vers);
  }

  /** The publish body, or undefined once a bad one was answered (401/403 first, as crates.io does). */
  private async readPublish(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<{ meta: PublishMetadata; metaJson: string; crate: Buffer } | undefined> {
    const body = await readBody(req);
    try {
      return parsePublishBody(body);
    } catch (e) {
      if (!this.authorized(req, res)) return undefined;
      if (e instanceof BadRequest) return void sendError(res, 400, e.message);
      throw e;
    }
  }

  private setYanked(req: IncomingMessage, res: ServerResponse, name: string, version: string, yanked: boolean): void {
    if (!this.authorized(req, res)) return;
    const v = this.store.get(name, version);
    if (!v) return sendError(res, 404, `crate \`${name}\` does not have a version \`${version}\``);
    this.store.setYanked(v, yanked);
    sendJson(res, 200, { ok: true });
  }

  /** True when the request may act; otherwise answers 401 (no token) or 403 (a wrong one). */
  private authorized(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.token === undefined) return true;
    const got = req.headers.authorization;
    if (!got) sendError(res, 401, 'this action requires authentication');
    else if (got !== this.token) sendError(res, 403, 'authentication failed');
    else return true;
    return false;
  }
}
