'use strict';
// The cargo stand-in's registry side: HTTP with curl-like failure texts (cargo reports libcurl's
// `[7] Could not connect` etc.), the sparse index, version requirements, the API error texts,
// and the .crate tarball. Plain node:http without keep-alive, so a dropped connection is reported
// as such instead of being retried behind our back. Builtins only; loaded by createRequire.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { STATUS_CODES } = require('node:http');
const { CargoError, parseToml } = require('./cargo-workspace.cjs');

/** `--registry NAME`, else CARGO_REGISTRY_DEFAULT; index and token as cargo reads them from env or CARGO_HOME. */
function registryOf(name, env) {
  if (!name) {
    throw new CargoError(
      'the cargo stand-in of release-cockpit only talks to a loopback registry: pass `--registry NAME` or set CARGO_REGISTRY_DEFAULT (it never contacts crates.io)',
    );
  }
  const key = name.toUpperCase().replace(/-/g, '_');
  const file = path.join(env.CARGO_HOME ?? '', 'config.toml');
  const config = env.CARGO_HOME && fs.existsSync(file) ? parseToml(fs.readFileSync(file, 'utf8'), file) : {};
  const index = env[`CARGO_REGISTRIES_${key}_INDEX`] ?? config.registries?.[name]?.index;
  if (!index) throw new CargoError(`registry index was not found in any configuration: \`${name}\``);
  const base = index.replace(/^sparse\+/, '').replace(/\/?$/, '/');
  // With `[source.crates-io] replace-with = NAME` cargo adds "(which is replacing registry `crates-io`)".
  const replacing = config.source?.['crates-io']?.['replace-with'] === name;
  return { name, key, base, replacing, token: env[`CARGO_REGISTRIES_${key}_TOKEN`] };
}

function request(method, url, { headers = {}, body } = {}) {
  const http = process.getBuiltinModule(url.startsWith('https:') ? 'node:https' : 'node:http');
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, agent: false, headers: { 'user-agent': 'cargo 1.95.0 (release-cockpit stand-in)', ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// libcurl's wording, which cargo prints and release-cockpit classifies as network failures.
function curlText(err, url) {
  const u = new URL(url);
  if (err.code === 'ECONNREFUSED')
    return `[7] Could not connect to server (Failed to connect to ${u.hostname} port ${u.port} after 0 ms: Could not connect to server)`;
  if (err.code === 'ENOTFOUND') return `[6] Could not resolve hostname (Could not resolve host: ${u.hostname})`;
  if (err.code === 'ETIMEDOUT') return '[28] Timeout was reached';
  if (err.code === 'ECONNRESET' || /socket hang up/.test(err.message))
    return '[52] Server returned nothing (no headers, no data) (Empty reply from server)';
  return `[56] Failure when receiving data from the peer (${err.message})`;
}

/** GET from the index: `what` names the file in cargo's `download of WHAT failed`. 404 is null. */
async function indexGet(reg, what) {
  const url = reg.base + what;
  let res;
  try {
    res = await request('GET', url);
  } catch (e) {
    throw new CargoError(`download of ${what} failed`, [`failed to download from \`${url}\``, curlText(e, url)]);
  }
  if (res.status === 404 || res.status === 410 || res.status === 451) return null;
  if (res.status !== 200) {
    throw new CargoError(`download of ${what} failed`, [
      `failed to get successful HTTP response from \`${url}\` (${new URL(url).hostname}), got ${res.status}\nbody:\n${res.text}`,
    ]);
  }
  return res.text;
}

/** The registry's config.json: where its web API is (cargo reads it before anything else). */
async function apiOf(reg) {
  const text = await indexGet(reg, 'config.json');
  const api = text ? JSON.parse(text).api : undefined;
  if (!api) throw new CargoError(`registry \`${reg.name}\` does not support API commands`);
  return api.replace(/\/$/, '');
}

function indexPath(name) {
  const n = name.toLowerCase();
  if (n.length <= 2) return `${n.length}/${n}`;
  if (n.length === 3) return `3/${n[0]}/${n}`;
  return `${n.slice(0, 2)}/${n.slice(2, 4)}/${n}`;
}

/** Every version line the index lists for `name` (none when it does not know the crate). */
async function indexVersions(reg, name) {
  const text = await indexGet(reg, indexPath(name));
  return (text ?? '')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

// Version requirements as cargo reads them: comma-separated comparators, a bare version means ^.
const parts = (v) => /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?/.exec(v.trim());
const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
function satisfies(req, version) {
  const v = parts(version);
  if (!v || v[4]) return false; // pre-releases only when asked for, which the demo never does
  const have = [Number(v[1]), Number(v[2] ?? 0), Number(v[3] ?? 0)];
  return req.split(',').every((c) => {
    const m = /^\s*(\^|~|=|>=|<=|>|<)?\s*(.*)$/.exec(c);
    if (m[2].trim() === '*') return true;
    const p = parts(m[2]);
    if (!p) return false;
    const given = [p[1], p[2], p[3]].filter((x) => x !== undefined).length;
    const low = [Number(p[1]), Number(p[2] ?? 0), Number(p[3] ?? 0)];
    const op = m[1] ?? '^';
    if (op === '>=') return cmp(have, low) >= 0;
    if (op === '>') return cmp(have, low) > 0;
    if (op === '<=') return cmp(have, low) <= 0;
    if (op === '<') return cmp(have, low) < 0;
    if (op === '=') return given === 3 ? cmp(have, low) === 0 : have.slice(0, given).every((x, i) => x === low[i]);
    let high;
    if (op === '~') high = given === 1 ? [low[0] + 1, 0, 0] : [low[0], low[1] + 1, 0];
    else if (low[0] > 0 || given === 1) high = [low[0] + 1, 0, 0];
    else if (low[1] > 0 || given === 2) high = [0, low[1] + 1, 0];
    else high = [0, 0, low[2] + 1];
    return cmp(have, low) >= 0 && cmp(have, high) < 0;
  });
}

/** The newest unyanked index line matching `req`, as cargo's resolver would pick it. */
function pick(lines, req) {
  const ok = lines.filter((l) => !l.yanked && satisfies(req, l.vers));
  return ok.sort((a, b) => cmp(parts(b.vers).slice(1, 4).map(Number), parts(a.vers).slice(1, 4).map(Number)))[0];
}

/** cargo's `the remote server responded with an error (status N Reason): detail`. */
function apiErrorText(res) {
  let details;
  try {
    details = JSON.parse(res.text)
      .errors?.map((e) => e.detail)
      .join(', ');
  } catch {
    details = undefined;
  }
  if (details)
    return `the remote server responded with an error (status ${res.status} ${STATUS_CODES[res.status] ?? ''}): ${details}`;
  return `failed to get a 200 OK response, got ${res.status}\nbody:\n${res.text}`;
}

/** An API call (publish, yank): `context` is cargo's sentence for the failure. */
async function apiCall(method, url, token, body, context) {
  let res;
  try {
    res = await request(method, url, {
      headers: {
        authorization: token,
        ...(body ? { 'content-type': 'application/octet-stream', 'content-length': body.length } : {}),
      },
      body,
    });
  } catch (e) {
    throw new CargoError(context, [curlText(e, url)]);
  }
  if (res.status < 200 || res.status >= 300) throw new CargoError(context, [apiErrorText(res)]);
  return res.text;
}

// A ustar archive, gzip'd: what `cargo package` produces, `NAME-VERSION/` before every path.
// Fixed mtime and owner, like cargo, so the same sources give the same checksum.
function tarGz(entries) {
  const blocks = [];
  for (const { name, data } of entries) {
    const h = Buffer.alloc(512);
    let file = name;
    let prefix = '';
    if (Buffer.byteLength(file) > 100) {
      const cut = file.lastIndexOf('/', 154);
      prefix = file.slice(0, cut);
      file = file.slice(cut + 1);
    }
    const put = (s, at, len) => h.write(s, at, len, 'utf8');
    const octal = (n, len) => `${n.toString(8).padStart(len - 1, '0')}\0`;
    put(file, 0, 100);
    put(octal(0o644, 8), 100, 8);
    put(octal(0, 8), 108, 8);
    put(octal(0, 8), 116, 8);
    put(octal(data.length, 12), 124, 12);
    put(octal(1153704088, 12), 136, 12);
    put('        ', 148, 8);
    put('0', 156, 1);
    put('ustar\u000000', 257, 8);
    put(prefix, 345, 155);
    let sum = 0;
    for (const b of h) sum += b;
    put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return zlib.gzipSync(Buffer.concat(blocks));
}

/** cargo's `human_readable_bytes`: 764B, 1.1KiB, 2.0MiB. */
function humanBytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  const i = n < 1024 ? 0 : Math.min(units.length - 1, Math.floor(Math.log2(n) / 10));
  return i === 0 ? `${n}B` : `${(n / 1024 ** i).toFixed(1)}${units[i]}`;
}

/** The body of PUT /api/v1/crates/new: u32 LE json length, json, u32 LE crate length, crate. */
function publishBody(meta, crate) {
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  const len = (n) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  return Buffer.concat([len(json.length), json, len(crate.length), crate]);
}

module.exports = { registryOf, apiOf, indexVersions, pick, satisfies, apiCall, tarGz, humanBytes, publishBody };
