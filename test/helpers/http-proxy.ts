// A small real HTTP proxy for tests: absolute-form requests (`GET http://host/path`, how curl and
// undici send http:// URLs through a proxy) are forwarded, CONNECT opens a tunnel; each target is
// recorded with the Proxy-Authorization it came with. `refuse` answers 403 to both instead.
import { createServer, request, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface TestProxy {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** `GET http://127.0.0.1:1234/index/config.json`, `CONNECT host:443`, in arrival order. */
  seen: string[];
  /** The Proxy-Authorization header of each request, aligned with `seen`. */
  auth: (string | undefined)[];
  /** The User-Agent of each request (cargo's is `cargo/…`), aligned with `seen`. */
  userAgents: (string | undefined)[];
  close(): Promise<void>;
}

export async function startProxy(opts: { refuse?: boolean } = {}): Promise<TestProxy> {
  const seen: string[] = [];
  const auth: (string | undefined)[] = [];
  const userAgents: (string | undefined)[] = [];
  const sockets = new Set<Socket>();
  const record = (req: IncomingMessage) => {
    seen.push(`${req.method} ${req.url}`);
    auth.push(req.headers['proxy-authorization']);
    userAgents.push(req.headers['user-agent']);
  };
  const server = createServer((req, res) => {
    record(req);
    if (opts.refuse || !req.url?.startsWith('http://')) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('denied by the test proxy\n');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const out = request(req.url, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    record(req);
    if (opts.refuse) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/);
    const upstream = connect(Number(port), host ?? '', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    auth,
    userAgents,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}
