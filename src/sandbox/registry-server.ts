// A loopback cargo registry (sparse index + web API) on plain node:http, in memory. Real
// `cargo publish` / `cargo yank` talk to it; tests and the demo inject faults and read the
// upload counts and log. Its routes are in registry-routes.ts, what it stores in
// registry-store.ts.
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { IndexLine } from './registry-body.js';
import { FaultBox, type RegistryFaults } from './registry-faults.js';
import { RegistryRoutes, sendError } from './registry-routes.js';
import { CrateStore, type UploadRecord } from './registry-store.js';

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

export interface Registry {
  url: string;
  indexUrl: string;
  /** NAME@VERSION -> uploads stored (a correct release leaves every count at 1). */
  uploads: Map<string, number>;
  /** NAME@VERSION -> PUT requests received, stored or not. */
  publishAttempts: Map<string, number>;
  uploadLog: UploadRecord[];
  /** NAME@VERSION -> the publish request's metadata JSON exactly as received. */
  metadata: Map<string, string>;
  /** What the registry stored for NAME@VERSION: its index line and .crate bytes. */
  stored(name: string, version: string): { line: IndexLine; crate: Buffer } | undefined;
  setFaults(faults: RegistryFaults): void;
  /** Holds the next publish of `crate` (cargo sits in `Uploading`) until the returned function is called. */
  holdUpload(crate: string): () => void;
  /** Marks NAME@VERSION as uploaded by someone else (visible at once), without cargo. */
  seed(line: Pick<IndexLine, 'name' | 'vers'> & Partial<IndexLine>): void;
  close(): Promise<void>;
}

export async function startRegistry(opts: StartRegistryOptions = {}): Promise<Registry> {
  const store = new CrateStore(opts.dir);
  const faults = new FaultBox();
  faults.set({ ...opts.faults, indexDelayMs: opts.indexDelayMs ?? opts.faults?.indexDelayMs });
  const routes = new RegistryRoutes(store, faults, opts.token);
  const server = createServer((req, res) => {
    routes.handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendError(res, 500, `registry bug: ${(e as Error).message}`);
      else res.destroy();
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  routes.url = url;

  return {
    url,
    indexUrl: `sparse+${url}/index/`,
    uploads: store.uploads,
    publishAttempts: store.publishAttempts,
    uploadLog: store.uploadLog,
    metadata: store.metadata,
    stored: (name, version) => store.get(name, version),
    setFaults: (f) => faults.set(f),
    holdUpload: (crate) => faults.hold(crate),
    seed: (partial) => {
      const line: IndexLine = { deps: [], cksum: '0'.repeat(64), features: {}, yanked: false, links: null, ...partial };
      store.put(line, Buffer.alloc(0), 0);
    },
    close: () =>
      new Promise<void>((resolve) => {
        faults.releaseAll();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
