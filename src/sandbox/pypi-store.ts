// The loopback PyPI's storage: the distribution files under <dir>/files/ and what the index knows
// about them in <dir>/index.json (written atomically after each upload), so a demo resumed later
// finds what it published. Without a directory the caller gets a temporary one.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../adapters/atomic-write.js';

export interface StoredFile {
  filename: string;
  sha256: string;
  md5: string;
  size: number;
  packagetype: 'sdist' | 'bdist_wheel';
  requiresPython?: string;
  uploadTime: string;
}

export interface StoredProject {
  /** As first uploaded (PEP 503 normalisation is the key). */
  name: string;
  releases: Record<string, StoredFile[]>;
}

/** PEP 503 normalisation: "Micromegas_Client" and "micromegas-client" are the same project. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export class PypiStore {
  private readonly projects: Record<string, StoredProject>;

  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'files'), { recursive: true });
    const index = join(dir, 'index.json');
    this.projects = existsSync(index)
      ? (JSON.parse(readFileSync(index, 'utf8')) as { projects: Record<string, StoredProject> }).projects
      : {};
  }

  project(name: string): StoredProject | undefined {
    return this.projects[normalizeName(name)];
  }

  all(): StoredProject[] {
    return Object.values(this.projects).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Every stored file, by file name (file names are unique on an index, across projects). */
  file(filename: string): StoredFile | undefined {
    for (const p of Object.values(this.projects))
      for (const files of Object.values(p.releases)) for (const f of files) if (f.filename === filename) return f;
    return undefined;
  }

  filePath(filename: string): string {
    return join(this.dir, 'files', filename);
  }

  add(
    name: string,
    version: string,
    filename: string,
    data: Buffer,
    meta: { packagetype: StoredFile['packagetype']; requiresPython?: string },
  ): StoredFile {
    const key = normalizeName(name);
    const project = (this.projects[key] ??= { name, releases: {} });
    const file: StoredFile = {
      filename,
      sha256: createHash('sha256').update(data).digest('hex'),
      md5: createHash('md5').update(data).digest('hex'),
      size: data.length,
      packagetype: meta.packagetype,
      ...(meta.requiresPython ? { requiresPython: meta.requiresPython } : {}),
      uploadTime: new Date().toISOString(),
    };
    // The file first, then the index that points at it: a crash between them leaves an orphan file, never a dangling entry.
    writeFileAtomicSync(this.filePath(filename), data, { mode: 0o644 });
    (project.releases[version] ??= []).push(file);
    writeFileAtomicSync(join(this.dir, 'index.json'), `${JSON.stringify({ projects: this.projects }, null, 2)}\n`, {
      mode: 0o644,
    });
    return file;
  }

  read(filename: string): Buffer | undefined {
    const path = this.filePath(filename);
    return this.file(filename) && existsSync(path) ? readFileSync(path) : undefined;
  }
}
