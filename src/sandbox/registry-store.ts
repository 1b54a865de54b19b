// The loopback registry's content: every version of every crate, the upload counts and log the
// tests read, kept on disk too when the registry was given a directory (registry-disk.ts).
import type { IndexLine } from './registry-body.js';
import { RegistryDisk, type DiskVersion } from './registry-disk.js';

export interface UploadRecord {
  name: string;
  version: string;
  /** Epoch ms the upload was stored. */
  at: number;
  /** Epoch ms it becomes visible in the index. */
  visibleAt: number;
  /** Names of its non-dev dependencies (real package names). */
  deps: string[];
}

export type StoredVersion = DiskVersion;

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

export class CrateStore {
  /** NAME@VERSION -> uploads stored. */
  readonly uploads = new Map<string, number>();
  /** NAME@VERSION -> PUT requests received, stored or not. */
  readonly publishAttempts = new Map<string, number>();
  readonly uploadLog: UploadRecord[] = [];
  /** NAME@VERSION -> the publish request's metadata JSON exactly as received (this process's uploads). */
  readonly metadata = new Map<string, string>();
  /** Lower-cased name -> version -> what was stored. */
  private readonly crates = new Map<string, Map<string, StoredVersion>>();
  private readonly disk: RegistryDisk | undefined;

  /** With a directory, what an earlier run stored there is loaded: every version, and the upload record. */
  constructor(dir?: string) {
    if (dir === undefined) return;
    this.disk = new RegistryDisk(dir);
    const saved = this.disk.load();
    for (const v of saved.versions) this.put(v.line, v.crate, v.visibleAt);
    for (const u of saved.uploads) {
      bump(this.uploads, `${u.name}@${u.version}`);
      this.uploadLog.push(u);
    }
  }

  /** Stores a version in memory only (a reload, or a version seeded as someone else's). */
  put(line: IndexLine, crate: Buffer, visibleAt: number): void {
    const key = line.name.toLowerCase();
    const versions = this.crates.get(key) ?? new Map<string, StoredVersion>();
    this.crates.set(key, versions);
    versions.set(line.vers, { line, visibleAt, crate });
  }

  get(name: string, version: string): StoredVersion | undefined {
    return this.crates.get(name.toLowerCase())?.get(version);
  }

  /** The versions of a crate the index shows at `now` (the index lags uploads by their visibleAt). */
  visible(name: string, now: number): StoredVersion[] {
    const versions = this.crates.get(name.toLowerCase());
    return versions ? [...versions.values()].filter((v) => v.visibleAt <= now) : [];
  }

  countAttempt(name: string, version: string): void {
    bump(this.publishAttempts, `${name}@${version}`);
  }

  /** A publish stored: the version, its upload count and log record, on disk too when kept there. */
  upload(line: IndexLine, crate: Buffer, at: number, visibleAt: number): void {
    this.put(line, crate, visibleAt);
    bump(this.uploads, `${line.name}@${line.vers}`);
    const deps = line.deps.filter((d) => d.kind !== 'dev').map((d) => d.package ?? d.name);
    const record: UploadRecord = { name: line.name, version: line.vers, at, visibleAt, deps };
    this.uploadLog.push(record);
    this.disk?.saveUpload({ line, visibleAt, crate }, record);
  }

  setYanked(v: StoredVersion, yanked: boolean): void {
    v.line = { ...v.line, yanked };
    this.disk?.saveVersion(v);
  }
}
