// The real FileView: the repository on disk, read-only. Every answer is cached because the plan
// asks about the same directories many times (globs, README lookups) and must stay fast on
// workspaces of thousands of crates; a FileView is meant to live for one plan computation.
import { lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeRel, type FileView } from '../core/file-view.js';

export function createFsView(repoAbs: string): FileView {
  const texts = new Map<string, string | undefined>();
  const listings = new Map<string, string[]>();
  const dirFlags = new Map<string, boolean>();
  const abs = (rel: string) => (rel === '' ? repoAbs : join(repoAbs, rel));

  const list = (rel: string): string[] => {
    const key = normalizeRel(rel);
    const cached = listings.get(key);
    if (cached) return cached;
    let names: string[] = [];
    try {
      const entries = readdirSync(abs(key), { withFileTypes: true });
      names = entries.map((e) => e.name).sort();
      // The listing already tells which children are directories: saves a stat per isDir later.
      for (const e of entries) {
        if (!e.isSymbolicLink()) dirFlags.set(key === '' ? e.name : `${key}/${e.name}`, e.isDirectory());
      }
      dirFlags.set(key, true);
    } catch {
      dirFlags.set(key, false);
    }
    listings.set(key, names);
    return names;
  };

  const existing = new Map<string, boolean>();
  return {
    exists(rel) {
      const key = normalizeRel(rel);
      if (key === '') return true;
      const slash = key.lastIndexOf('/');
      // A cached listing of the parent answers without a syscall; else one stat (cheaper than a readdir).
      const parent = listings.get(slash < 0 ? '' : key.slice(0, slash));
      if (parent) return parent.includes(key.slice(slash + 1));
      if (dirFlags.get(key) === true || texts.get(key) !== undefined) return true;
      let found = existing.get(key);
      if (found === undefined) {
        found = statSync(abs(key), { throwIfNoEntry: false }) !== undefined;
        existing.set(key, found);
      }
      return found;
    },
    read(rel) {
      const key = normalizeRel(rel);
      if (texts.has(key)) return texts.get(key);
      let text: string | undefined;
      try {
        text = readFileSync(abs(key), 'utf8');
      } catch {
        text = undefined; // ENOENT, EISDIR, EACCES: all mean "no readable file here" to the plan
      }
      texts.set(key, text);
      return text;
    },
    isDir(rel) {
      const key = normalizeRel(rel);
      const known = dirFlags.get(key);
      if (known !== undefined) return known;
      const st = statSync(abs(key), { throwIfNoEntry: false });
      const isDir = st?.isDirectory() ?? false;
      dirFlags.set(key, isDir);
      return isDir;
    },
    list,
    isSymlink(rel) {
      return lstatSync(abs(normalizeRel(rel)), { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
    },
  };
}
