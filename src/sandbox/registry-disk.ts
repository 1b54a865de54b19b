// The loopback registry's storage on disk, so a demo resumed after a crash (or a quit) finds the
// crates it uploaded: dir/crates/<name>/<version>.json ({ line, visibleAt }) beside the .crate
// file, and dir/uploads.jsonl, one line per stored upload (the "uploaded once" record). Writes
// go to a temporary file renamed into place: a process killed mid-write leaves the old file or
// none, never half of one. The .json is written last: its presence is the version's existence.
import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexLine } from './registry-body.js';

export interface DiskVersion {
  line: IndexLine;
  visibleAt: number;
  crate: Buffer;
}

export interface DiskUpload {
  name: string;
  version: string;
  at: number;
  visibleAt: number;
  deps: string[];
}

const SAFE = /^[A-Za-z0-9_.+-]+$/;

function safe(part: string): string {
  if (!SAFE.test(part) || part.includes('..'))
    throw new Error(`registry: refusing to store \`${part}\` as a file name`);
  return part;
}

function writeReplacing(file: string, data: string | Buffer): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

export class RegistryDisk {
  constructor(private readonly dir: string) {
    mkdirSync(join(dir, 'crates'), { recursive: true });
  }

  /** Every stored version, and the upload log in order. */
  load(): { versions: DiskVersion[]; uploads: DiskUpload[] } {
    const versions: DiskVersion[] = [];
    const root = join(this.dir, 'crates');
    for (const name of readdirSync(root)) {
      for (const file of readdirSync(join(root, name))) {
        if (!file.endsWith('.json')) continue;
        const meta = JSON.parse(readFileSync(join(root, name, file), 'utf8')) as { line: IndexLine; visibleAt: number };
        const crate = readFileSync(join(root, name, `${file.slice(0, -'.json'.length)}.crate`));
        versions.push({ line: meta.line, visibleAt: meta.visibleAt, crate });
      }
    }
    let text = '';
    try {
      text = readFileSync(join(this.dir, 'uploads.jsonl'), 'utf8');
    } catch {
      // no upload yet
    }
    // A torn last line (killed while appending) is not an upload record.
    const uploads = text.split('\n').flatMap((l) => {
      try {
        return l.trim() === '' ? [] : [JSON.parse(l) as DiskUpload];
      } catch {
        return [];
      }
    });
    return { versions, uploads };
  }

  saveVersion(v: DiskVersion): void {
    const dir = join(this.dir, 'crates', safe(v.line.name.toLowerCase()));
    mkdirSync(dir, { recursive: true });
    const base = join(dir, safe(v.line.vers));
    writeReplacing(`${base}.crate`, v.crate);
    writeReplacing(`${base}.json`, `${JSON.stringify({ line: v.line, visibleAt: v.visibleAt })}\n`);
  }

  /** A stored upload: the version, then its line in the upload record. */
  saveUpload(v: DiskVersion, u: DiskUpload): void {
    this.saveVersion(v);
    this.recordUpload(u);
  }

  recordUpload(u: DiskUpload): void {
    appendFileSync(join(this.dir, 'uploads.jsonl'), `${JSON.stringify(u)}\n`);
  }
}
