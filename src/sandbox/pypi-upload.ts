// The legacy upload API (POST /legacy/, `:action=file_upload`) checked the way PyPI checks it:
// token (HTTP Basic, user `__token__`), the metadata fields, the file name against the name and
// version, the digests against the bytes, and file-name reuse (a second upload of a name is refused). Every refusal is one sentence,
// sent as the HTTP reason phrase too, because that is what Poetry and twine print.
import { createHash } from 'node:crypto';
import type { MultipartForm } from './pypi-multipart.js';
import { normalizeName, type PypiStore } from './pypi-store.js';

export interface UploadVerdict {
  status: number;
  message: string;
  /** "name@version" of a stored file. */
  stored?: string;
}

const INVALID_AUTH =
  'Invalid or non-existent authentication information. See https://pypi.org/help/#invalid-auth for more information.';

function refuse(status: number, message: string): UploadVerdict {
  return { status, message };
}

/** The password of a Basic Authorization header whose user is __token__. */
function tokenOf(authorization: string | undefined): string | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && decoded.slice(0, colon) === '__token__' ? decoded.slice(colon + 1) : undefined;
}

/** "micromegas-0.15.0-py3-none-any.whl" -> name and version parts as written (wheel names use _ for -). */
function splitFilename(filename: string): { stem: string; version: string } | undefined {
  const wheel = /^([^-]+)-([^-]+)-.+\.whl$/.exec(filename);
  if (wheel?.[1] && wheel[2]) return { stem: wheel[1], version: wheel[2] };
  const sdist = /^(.+)-([^-]+)\.(?:tar\.gz|zip)$/.exec(filename);
  if (sdist?.[1] && sdist[2]) return { stem: sdist[1], version: sdist[2] };
  return undefined;
}

/** PEP 440 leniency the index applies: "0.15.0" and "0.15" are not the same, but case and a leading v are. */
function sameVersion(a: string, b: string): boolean {
  const norm = (v: string) => v.toLowerCase().replace(/^v/, '');
  return norm(a) === norm(b);
}

function field(form: MultipartForm, name: string): string | undefined {
  return form.fields.get(name)?.[0];
}

function checkMetadata(form: MultipartForm): UploadVerdict | undefined {
  if (field(form, ':action') !== 'file_upload')
    return refuse(400, `Unknown action: ${field(form, ':action') ?? '(none)'}.`);
  for (const required of ['name', 'version', 'filetype']) {
    if (!field(form, required)?.trim())
      return refuse(400, `Invalid value for ${required}. Error: This field is required.`);
  }
  if (!['sdist', 'bdist_wheel'].includes(field(form, 'filetype') ?? ''))
    return refuse(400, `Invalid value for filetype. Error: Use a known file type.`);
  if (!form.files.get('content')) return refuse(400, 'Upload payload does not have a file.');
  return undefined;
}

function checkFile(form: MultipartForm, name: string, version: string): UploadVerdict | undefined {
  const content = form.files.get('content');
  if (!content) return refuse(400, 'Upload payload does not have a file.');
  const parts = splitFilename(content.filename);
  if (!parts)
    return refuse(
      400,
      `Invalid file extension: ${content.filename} is neither a wheel nor a source archive (.tar.gz).`,
    );
  if (normalizeName(parts.stem) !== normalizeName(name))
    return refuse(400, `Start filename for '${name}' with '${name.replace(/-/g, '_')}'.`);
  if (!sameVersion(parts.version, version))
    return refuse(400, `Version in filename should be '${version}' not '${parts.version}'.`);
  const sha256 = field(form, 'sha256_digest');
  const md5 = field(form, 'md5_digest');
  if (!sha256 && !md5) return refuse(400, 'Include at least one message digest.');
  if (sha256 && !/^[0-9a-f]{64}$/i.test(sha256))
    return refuse(400, 'Invalid value for sha256_digest. Error: Use a valid, hex-encoded, SHA256 message digest.');
  const actual = createHash('sha256').update(content.data).digest('hex');
  const actualMd5 = createHash('md5').update(content.data).digest('hex');
  if ((sha256 && sha256.toLowerCase() !== actual) || (md5 && md5.toLowerCase() !== actualMd5)) {
    return refuse(400, 'The digest supplied does not match a digest calculated from the uploaded file.');
  }
  return undefined;
}

export function handleUpload(
  form: MultipartForm,
  authorization: string | undefined,
  store: PypiStore,
  token: string | undefined,
): UploadVerdict {
  if (token !== undefined && tokenOf(authorization) !== token) return refuse(403, INVALID_AUTH);
  const bad = checkMetadata(form);
  if (bad) return bad;
  const name = field(form, 'name') as string;
  const version = field(form, 'version') as string;
  const badFile = checkFile(form, name, version);
  if (badFile) return badFile;
  const content = form.files.get('content') as { filename: string; data: Buffer };
  // PyPI never accepts a file name twice, even after a deletion: a new file needs a new version.
  if (store.file(content.filename))
    return refuse(400, 'File already exists. See https://pypi.org/help/#file-name-reuse for more information.');
  const requiresPython = field(form, 'requires_python');
  store.add(name, version, content.filename, content.data, {
    packagetype: field(form, 'filetype') as 'sdist' | 'bdist_wheel',
    ...(requiresPython ? { requiresPython } : {}),
  });
  return { status: 200, message: 'OK', stored: `${normalizeName(name)}@${version}` };
}
