// The loopback PyPI's HTTP routes over its store: the JSON API, the PEP 503 simple index, file
// downloads and the legacy upload endpoint, plus the test hooks (index lag, injected faults).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './http-body.js';
import { multipartBoundary, parseMultipart } from './pypi-multipart.js';
import { normalizeName, type PypiStore, type StoredFile, type StoredProject } from './pypi-store.js';
import { handleUpload, type UploadVerdict } from './pypi-upload.js';

export interface PypiRouteOptions {
  token?: string;
  /** A new upload stays out of both indexes for this many reads. */
  hiddenReads: number;
}

function send(res: ServerResponse, status: number, body: unknown, statusMessage?: string, type?: string): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = type ?? (typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json');
  res.writeHead(status, statusMessage ?? '', {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function simplePage(title: string, links: string[]): string {
  const body = links.map((l) => `    ${l}<br/>`).join('\n');
  return `<!DOCTYPE html>\n<html>\n  <head>\n    <meta name="pypi:repository-version" content="1.0">\n    <title>${escapeHtml(title)}</title>\n  </head>\n  <body>\n${body}\n  </body>\n</html>\n`;
}

export class PypiRoutes {
  /** "name@version" -> files stored by uploads. */
  readonly uploads = new Map<string, number>();
  /** http://127.0.0.1:PORT, for absolute file URLs in the JSON API. */
  baseUrl = '';
  private readonly hidden = new Map<string, number>();
  private faults = { status: 0, times: 0 };

  constructor(
    private readonly store: PypiStore,
    private readonly opts: PypiRouteOptions,
  ) {}

  setFaults(f: { status?: number; times?: number }): void {
    this.faults = { status: f.status ?? 503, times: f.times ?? 1 };
  }

  route(req: IncomingMessage, res: ServerResponse, path: string): number | Promise<number> {
    const get = req.method === 'GET' || req.method === 'HEAD';
    const json = /^\/pypi\/([^/]+)(?:\/([^/]+))?\/json\/?$/.exec(path);
    if (get && json)
      return this.jsonApi(res, decodeURIComponent(json[1] ?? ''), json[2] && decodeURIComponent(json[2]));
    const simple = /^\/simple\/(?:([^/]+)\/?)?$/.exec(path);
    if (get && simple) return this.simpleIndex(res, simple[1] && decodeURIComponent(simple[1]));
    const file = /^\/files\/([^/]+)$/.exec(path);
    if (get && file) return this.download(res, decodeURIComponent(file[1] ?? ''));
    if (req.method === 'POST' && /^\/legacy\/?$/.test(path)) return this.upload(req, res);
    send(res, 404, { message: 'Not Found' });
    return 404;
  }

  /** The versions of a project a reader may see now (each read of a lagging release counts down). */
  private visibleReleases(project: StoredProject): [string, StoredFile[]][] {
    return Object.entries(project.releases).filter(([v]) => {
      const key = `${normalizeName(project.name)}@${v}`;
      const left = this.hidden.get(key) ?? 0;
      if (left <= 0) return true;
      this.hidden.set(key, left - 1);
      return false;
    });
  }

  private fault(res: ServerResponse): number | undefined {
    if (this.faults.times <= 0) return undefined;
    this.faults = { ...this.faults, times: this.faults.times - 1 };
    send(res, this.faults.status, { message: 'Service Unavailable' });
    return this.faults.status;
  }

  private fileJson(f: StoredFile) {
    return {
      filename: f.filename,
      url: `${this.baseUrl}/files/${f.filename}`,
      packagetype: f.packagetype,
      size: f.size,
      digests: { sha256: f.sha256, md5: f.md5 },
      requires_python: f.requiresPython ?? null,
      upload_time_iso_8601: f.uploadTime,
      yanked: false,
    };
  }

  private jsonApi(res: ServerResponse, name: string, version: string | undefined): number {
    const failed = this.fault(res);
    if (failed) return failed;
    const project = this.store.project(name);
    const shown = project ? this.visibleReleases(project).filter(([v]) => version === undefined || v === version) : [];
    if (!project || !shown.length) {
      send(res, 404, { message: 'Not Found' });
      return 404;
    }
    const [v, files] = shown.at(-1) as [string, StoredFile[]];
    const info = {
      name: project.name,
      version: v,
      package_url: `${this.baseUrl}/project/${normalizeName(project.name)}/`,
    };
    const urls = files.map((f) => this.fileJson(f));
    send(
      res,
      200,
      version
        ? { info, urls }
        : { info, urls, releases: Object.fromEntries(shown.map(([sv, fs]) => [sv, fs.map((f) => this.fileJson(f))])) },
    );
    return 200;
  }

  private simpleIndex(res: ServerResponse, name: string | undefined): number {
    const failed = this.fault(res);
    if (failed) return failed;
    const html = 'text/html; charset=utf-8';
    if (name === undefined) {
      send(
        res,
        200,
        simplePage(
          'Simple index',
          this.store.all().map((p) => `<a href="/simple/${normalizeName(p.name)}/">${escapeHtml(p.name)}</a>`),
        ),
        undefined,
        html,
      );
      return 200;
    }
    const project = this.store.project(name);
    if (!project) {
      send(res, 404, 'Not Found');
      return 404;
    }
    const links = this.visibleReleases(project).flatMap(([, files]) =>
      files.map((f) => {
        const requires = f.requiresPython ? ` data-requires-python="${escapeHtml(f.requiresPython)}"` : '';
        return `<a href="/files/${encodeURIComponent(f.filename)}#sha256=${f.sha256}"${requires}>${escapeHtml(f.filename)}</a>`;
      }),
    );
    send(res, 200, simplePage(`Links for ${project.name}`, links), undefined, html);
    return 200;
  }

  private download(res: ServerResponse, filename: string): number {
    const data = this.store.read(filename);
    if (!data) {
      send(res, 404, 'Not Found');
      return 404;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length });
    res.end(data);
    return 200;
  }

  private async upload(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const boundary = multipartBoundary(req.headers['content-type']);
    const body = await readBody(req);
    let verdict: UploadVerdict;
    if (!boundary) verdict = { status: 400, message: 'Upload payload must be multipart/form-data.' };
    else {
      try {
        verdict = handleUpload(parseMultipart(body, boundary), req.headers.authorization, this.store, this.opts.token);
      } catch (e) {
        verdict = { status: 400, message: `Malformed upload: ${(e as Error).message}.` };
      }
    }
    if (verdict.stored) {
      this.uploads.set(verdict.stored, (this.uploads.get(verdict.stored) ?? 0) + 1);
      if (this.opts.hiddenReads) this.hidden.set(verdict.stored, this.opts.hiddenReads);
    }
    send(res, verdict.status, verdict.message, verdict.message);
    return verdict.status;
  }
}

export { send as sendPypiResponse };
