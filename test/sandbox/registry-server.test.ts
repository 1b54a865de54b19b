// The loopback registry at the HTTP level: the protocol cargo speaks and each injected fault.
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { encodePublishBody, type PublishMetadata } from '../../src/sandbox/registry-body.js';
import { startRegistry, type Registry, type StartRegistryOptions } from '../../src/sandbox/registry-server.js';

const regs: Registry[] = [];
afterEach(async () => {
  for (const r of regs.splice(0)) await r.close();
});

async function reg(opts: StartRegistryOptions = {}): Promise<Registry> {
  const r = await startRegistry({ token: 'tok', ...opts });
  regs.push(r);
  return r;
}

const meta = (name: string, vers = '0.1.0', extra: Partial<PublishMetadata> = {}): PublishMetadata => ({
  name,
  vers,
  deps: [],
  features: {},
  ...extra,
});

function publish(
  r: Registry,
  m: PublishMetadata,
  token = 'tok',
  crate = Buffer.from(`crate ${m.name}`),
): Promise<Response> {
  return fetch(`${r.url}/api/v1/crates/new`, {
    method: 'PUT',
    headers: { authorization: token },
    body: new Uint8Array(encodePublishBody(m, crate)),
  });
}

async function indexLines(r: Registry, path: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${r.url}/index/${path}`);
  if (res.status !== 200) return [];
  return (await res.text())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('loopback registry', () => {
  it('serves config.json and index files at the crates.io paths', async () => {
    const r = await reg();
    expect(r.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(r.indexUrl).toBe(`sparse+${r.url}/index/`);
    expect(await (await fetch(`${r.url}/index/config.json`)).json()).toEqual({
      dl: `${r.url}/api/v1/crates`,
      api: r.url,
    });
    for (const name of ['a', 'ab', 'abc', 'Abcd-e']) expect((await publish(r, meta(name))).status).toBe(200);
    expect(await indexLines(r, '1/a')).toHaveLength(1);
    expect(await indexLines(r, '2/ab')).toHaveLength(1);
    expect(await indexLines(r, '3/a/abc')).toHaveLength(1);
    expect((await indexLines(r, 'ab/cd/abcd-e'))[0]?.name).toBe('Abcd-e');
    expect((await fetch(`${r.url}/index/xx/yy/abcd-e`)).status).toBe(404);
  });

  it('turns publish metadata into an index line: req, package for renames, cksum, features2', async () => {
    const r = await reg();
    const crate = Buffer.from('the crate bytes');
    const m = meta('renamer', '1.2.3', {
      deps: [
        {
          name: 'real-dep',
          version_req: '^0.15',
          explicit_name_in_toml: 'alias',
          kind: 'normal',
          optional: true,
          default_features: false,
          features: ['x'],
          target: null,
          registry: null,
        },
        { name: 'dev-only', version_req: '1', kind: 'dev' },
      ],
      features: { default: ['std'], std: [], tls: ['dep:alias'] },
    });
    expect((await publish(r, m, 'tok', crate)).status).toBe(200);
    const [line] = await indexLines(r, 're/na/renamer');
    expect(line).toMatchObject({
      name: 'renamer',
      vers: '1.2.3',
      cksum: createHash('sha256').update(crate).digest('hex'),
      features: { default: ['std'], std: [] },
      features2: { tls: ['dep:alias'] },
      v: 2,
      yanked: false,
    });
    expect((line?.deps as unknown[])[0]).toEqual({
      name: 'alias',
      package: 'real-dep',
      req: '^0.15',
      features: ['x'],
      optional: true,
      default_features: false,
      target: null,
      kind: 'normal',
    });
    expect(r.uploadLog[0]?.deps).toEqual(['real-dep']);
    const dl = await fetch(`${r.url}/api/v1/crates/renamer/1.2.3/download`);
    expect(Buffer.from(await dl.arrayBuffer())).toEqual(crate);
  });

  it('answers 304 to a matching ETag', async () => {
    const r = await reg();
    await publish(r, meta('etagged'));
    const first = await fetch(`${r.url}/index/et/ag/etagged`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect((await fetch(`${r.url}/index/et/ag/etagged`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('checks the token: 401 without, 403 when wrong, cargo-style JSON errors', async () => {
    const r = await reg();
    const none = await fetch(`${r.url}/api/v1/crates/new`, {
      method: 'PUT',
      body: new Uint8Array(encodePublishBody(meta('x'), Buffer.alloc(1))),
    });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ errors: [{ detail: 'this action requires authentication' }] });
    const wrong = await publish(r, meta('x'), 'nope');
    expect(wrong.status).toBe(403);
    expect(r.uploads.size).toBe(0);
    expect(r.publishAttempts.get('x@0.1.0')).toBe(2);
  });

  it("refuses a second upload of a version with crates.io's 400", async () => {
    const r = await reg();
    await publish(r, meta('dup'));
    const again = await publish(r, meta('dup'));
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ errors: [{ detail: 'crate version `0.1.0` is already uploaded' }] });
    expect(r.uploads.get('dup@0.1.0')).toBe(1);
  });

  it('yanks and unyanks, visible in the index', async () => {
    const r = await reg();
    await publish(r, meta('yanky'));
    const y = await fetch(`${r.url}/api/v1/crates/yanky/0.1.0/yank`, {
      method: 'DELETE',
      headers: { authorization: 'tok' },
    });
    expect(await y.json()).toEqual({ ok: true });
    expect((await indexLines(r, 'ya/nk/yanky'))[0]?.yanked).toBe(true);
    await fetch(`${r.url}/api/v1/crates/yanky/0.1.0/unyank`, { method: 'PUT', headers: { authorization: 'tok' } });
    expect((await indexLines(r, 'ya/nk/yanky'))[0]?.yanked).toBe(false);
    expect(
      (await fetch(`${r.url}/api/v1/crates/yanky/9.9.9/yank`, { method: 'DELETE', headers: { authorization: 'tok' } }))
        .status,
    ).toBe(404);
  });

  it('index delay: a version shows up only after the delay', async () => {
    const r = await reg({ indexDelayMs: 60_000 });
    await publish(r, meta('later'));
    expect(await indexLines(r, 'la/te/later')).toEqual([]);
    expect(r.uploadLog[0]?.visibleAt).toBe((r.uploadLog[0]?.at ?? 0) + 60_000);
    r.setFaults({ indexDelayMs: 0 });
    await publish(r, meta('later', '0.2.0'));
    expect((await indexLines(r, 'la/te/later')).map((l) => l.vers)).toEqual(['0.2.0']);
  });

  it('publish faults fire the given number of times, for the given crates only', async () => {
    const r = await reg({
      faults: { rateLimit: { times: 1, crates: ['limited'], retryAfterSeconds: 120 }, serverError: { times: 2 } },
    });
    const limited = await publish(r, meta('limited'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('120');
    expect(((await limited.json()) as { errors: { detail: string }[] }).errors[0]?.detail).toMatch(
      /Please try again after \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT/,
    );
    expect((await publish(r, meta('limited'))).status).toBe(500);
    expect((await publish(r, meta('other'))).status).toBe(500);
    expect((await publish(r, meta('other'))).status).toBe(200);
    expect((await publish(r, meta('limited'))).status).toBe(200);
  });

  it('a dropped connection loses the answer; with afterStore the upload still happened', async () => {
    const r = await reg({ faults: { dropConnection: { times: 2, afterStore: true } } });
    await expect(publish(r, meta('dropped'))).rejects.toThrow();
    expect(r.uploads.get('dropped@0.1.0')).toBe(1);
    r.setFaults({ dropConnection: { times: 1 } });
    await expect(publish(r, meta('lost'))).rejects.toThrow();
    expect(r.uploads.has('lost@0.1.0')).toBe(false);
  });

  it('the duplicate fault stores the upload and answers 400 already uploaded', async () => {
    const r = await reg({ faults: { duplicate: { times: 1 } } });
    const res = await publish(r, meta('twice'));
    expect(res.status).toBe(400);
    expect(r.uploads.get('twice@0.1.0')).toBe(1);
  });
});
