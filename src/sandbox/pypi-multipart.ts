// multipart/form-data as Poetry and twine send it to PyPI's legacy upload API (RFC 7578): each
// part has a Content-Disposition with a name (and a filename for the file), then a blank line,
// then its bytes. Fields may repeat (classifiers), so values are lists.

export interface MultipartFile {
  filename: string;
  data: Buffer;
}

export interface MultipartForm {
  fields: Map<string, string[]>;
  files: Map<string, MultipartFile>;
}

/** The boundary of a multipart/form-data Content-Type, or undefined when it is not one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

function dispositionParam(header: string, key: string): string | undefined {
  const m =
    new RegExp(`\\b${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header) ??
    new RegExp(`\\b${key}=([^;\\s]+)`, 'i').exec(header);
  return m?.[1]?.replace(/\\(.)/g, '$1');
}

/** Parses the body; throws an Error with a sentence when it is not well formed. */
export function parseMultipart(body: Buffer, boundary: string): MultipartForm {
  const form: MultipartForm = { fields: new Map(), files: new Map() };
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('the multipart body has no boundary line');
  for (;;) {
    pos += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body.subarray(pos, pos + 2).toString() === '--') break;
    if (body.subarray(pos, pos + 2).toString() === '\r\n') pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new Error('a multipart part has no end of headers');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) throw new Error('the multipart body is not closed by its boundary');
    const data = body.subarray(headerEnd + 4, next);
    const disposition = headers.split('\r\n').find((h) => /^content-disposition:/i.test(h)) ?? '';
    const name = dispositionParam(disposition, 'name');
    if (name === undefined) throw new Error('a multipart part has no name');
    const filename = dispositionParam(disposition, 'filename');
    if (filename !== undefined) form.files.set(name, { filename, data: Buffer.from(data) });
    else form.fields.set(name, [...(form.fields.get(name) ?? []), data.toString('utf8')]);
    pos = next + 2;
  }
  return form;
}

/** Builds a body (the stand-ins and tests upload the way twine does). */
export function buildMultipart(
  fields: Record<string, string>,
  file?: { field: string; filename: string; data: Buffer },
): { body: Buffer; contentType: string } {
  const boundary = `----release-cockpit-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
    );
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
