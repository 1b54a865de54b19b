// The loopback PyPI's protocols: the legacy upload API (token, metadata, digests, file-name
// reuse), the JSON API, the PEP 503 simple index, downloads, and storage that survives a restart.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMultipart } from '../../src/sandbox/pypi-multipart.js';
import { startPypiServer, uploadDistribution } from '../../src/sandbox/pypi-server.js';
import { usePypiServer } from '../helpers/pypi-server.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const pypi = usePypiServer();
const tempDir = useTempDirs('rc-pypi-test-');
const WHEEL = 'micromegas-0.15.0-py3-none-any.whl';

describe('loopback PyPI: legacy upload API', () => {
  it('stores an upload and refuses a second upload of the same file name like PyPI', async () => {
    const s = await pypi();
    const up = () =>
      uploadDistribution(s.uploadUrl, {
        name: 'micromegas',
        version: '0.15.0',
        filename: WHEEL,
        data: Buffer.from('wheel bytes'),
      });
    expect((await up()).status).toBe(200);
    const again = await up();
    expect(again.status).toBe(400);
    expect(again.statusText).toBe(
      'File already exists. See https://pypi.org/help/#file-name-reuse for more information.',
    );
    expect(s.uploads.get('micromegas@0.15.0')).toBe(1);
  });

  it('answers 403 to a missing or wrong token and accepts the right one', async () => {
    const s = await pypi({ token: 'pypi-secret' });
    const file = { name: 'micromegas', version: '0.15.0', filename: WHEEL, data: Buffer.from('w') };
    for (const token of [undefined, 'pypi-wrong']) {
      const r = await uploadDistribution(s.uploadUrl, { ...file, ...(token ? { token } : {}) });
      expect(r.status).toBe(403);
      expect(r.statusText).toMatch(/^Invalid or non-existent authentication information/);
    }
    expect((await uploadDistribution(s.uploadUrl, { ...file, token: 'pypi-secret' })).status).toBe(200);
  });

  it('checks the digest, the file name against name and version, and the required fields', async () => {
    const s = await pypi();
    const post = async (fields: Record<string, string>, filename = WHEEL, data = Buffer.from('bytes')) => {
      const { body, contentType } = buildMultipart(fields, { field: 'content', filename, data });
      const r = await fetch(s.uploadUrl, {
        method: 'POST',
        body: new Uint8Array(body),
        headers: { 'content-type': contentType },
      });
      return `${r.status} ${r.statusText}`;
    };
    const sha = createHash('sha256').update('bytes').digest('hex');
    const base = {
      ':action': 'file_upload',
      name: 'micromegas',
      version: '0.15.0',
      filetype: 'bdist_wheel',
      sha256_digest: sha,
    };
    expect(await post({ ...base, sha256_digest: createHash('sha256').update('other').digest('hex') })).toBe(
      '400 The digest supplied does not match a digest calculated from the uploaded file.',
    );
    expect(await post({ ...base, sha256_digest: 'xyz' })).toMatch(/^400 Invalid value for sha256_digest/);
    expect(
      await post({ ':action': 'file_upload', name: 'micromegas', version: '0.15.0', filetype: 'bdist_wheel' }),
    ).toBe('400 Include at least one message digest.');
    expect(await post({ ...base, version: '0.14.0' })).toBe("400 Version in filename should be '0.14.0' not '0.15.0'.");
    expect(await post({ ...base, name: 'other' })).toBe("400 Start filename for 'other' with 'other'.");
    const { version: _v, ...noVersion } = base;
    expect(await post(noVersion)).toBe('400 Invalid value for version. Error: This field is required.');
    expect(await post(base)).toBe('200 OK');
    const plain = await fetch(s.uploadUrl, { method: 'POST', body: new URLSearchParams({ name: 'm' }) });
    expect(plain.status).toBe(400);
  });
});

describe('loopback PyPI: reading', () => {
  it('serves the JSON API and a PEP 503 simple index with sha256 fragments, and the files', async () => {
    const s = await pypi();
    await uploadDistribution(s.uploadUrl, {
      name: 'micromegas',
      version: '0.15.0',
      filename: WHEEL,
      data: Buffer.from('wheel bytes'),
    });
    const json = (await (await fetch(`${s.index}/micromegas/json`)).json()) as {
      info: { version: string };
      urls: { filename: string; digests: { sha256: string } }[];
    };
    expect(json.info.version).toBe('0.15.0');
    const sha = createHash('sha256').update('wheel bytes').digest('hex');
    expect(json.urls).toMatchObject([{ filename: WHEEL, digests: { sha256: sha } }]);
    expect((await fetch(`${s.index}/micromegas/0.14.0/json`)).status).toBe(404);

    const root = await (await fetch(s.simple)).text();
    expect(root).toContain('<a href="/simple/micromegas/">micromegas</a>');
    const page = await fetch(`${s.simple}Micromegas/`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain(`<a href="/files/${WHEEL}#sha256=${sha}">${WHEEL}</a>`);
    expect(Buffer.from(await (await fetch(`${s.url}/files/${WHEEL}`)).arrayBuffer()).toString()).toBe('wheel bytes');
    expect((await fetch(`${s.simple}absent/`)).status).toBe(404);
  });

  it('keeps a new upload out of both indexes for hiddenReads reads (a lagging CDN)', async () => {
    const s = await pypi({ hiddenReads: 1 });
    await uploadDistribution(s.uploadUrl, {
      name: 'micromegas',
      version: '0.15.0',
      filename: WHEEL,
      data: Buffer.from('w'),
    });
    expect(await (await fetch(`${s.simple}micromegas/`)).text()).not.toContain(WHEEL);
    expect(await (await fetch(`${s.simple}micromegas/`)).text()).toContain(WHEEL);
  });

  it('stores on disk in the directory given: a restarted server still has the upload', async () => {
    const dir = tempDir();
    const first = await startPypiServer({ dir, packages: { micromegas: ['0.14.0'] } });
    await uploadDistribution(first.uploadUrl, {
      name: 'micromegas',
      version: '0.15.0',
      filename: WHEEL,
      data: Buffer.from('w'),
    });
    await first.close();
    expect(existsSync(join(dir, 'files', WHEEL))).toBe(true);
    const second = await startPypiServer({ dir, packages: { micromegas: ['0.14.0'] } });
    try {
      expect((await fetch(`${second.index}/micromegas/0.15.0/json`)).status).toBe(200);
      const again = await uploadDistribution(second.uploadUrl, {
        name: 'micromegas',
        version: '0.15.0',
        filename: WHEEL,
        data: Buffer.from('w'),
      });
      expect(again.status).toBe(400);
      const releases = (
        (await (await fetch(`${second.index}/micromegas/json`)).json()) as { releases: Record<string, unknown[]> }
      ).releases;
      expect(Object.keys(releases)).toEqual(['0.14.0', '0.15.0']);
    } finally {
      await second.close();
    }
  });
});
