// The read-only window src/core gets on the repository: core stays pure and testable with an
// in-memory tree, while src/adapters/fs-view.ts backs it with the real file system.

/** Repo-relative POSIX paths ("rust/Cargo.toml"; "" or "." is the repo root). */
export interface FileView {
  /** The file's text, or undefined when it does not exist or is not a regular file. */
  read(rel: string): string | undefined;
  isDir(rel: string): boolean;
  /** Names (not paths) of the entries of a directory, sorted; [] when it is not a directory. */
  list(rel: string): string[];
  /** Whether a file or directory exists. Optional: without it, existence is answered from the parent's listing. */
  exists?(rel: string): boolean;
  /** Whether the path itself is a symbolic link (not followed). Optional: an in-memory view has none. */
  isSymlink?(rel: string): boolean;
}

const NEEDS_NORMALIZING = /\\|\/\/|^\/|\/$|(^|\/)\.\.?(\/|$)/;

/**
 * Normalises a repo-relative path: POSIX separators, no "." segments, ".." resolved.
 * A path escaping the repo keeps its leading ".." segments (the caller decides what that means).
 */
export function normalizeRel(p: string): string {
  // Fast path: most paths are already normal (called for every FileView access).
  if (!NEEDS_NORMALIZING.test(p)) return p;
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** Joins repo-relative segments and normalises the result. */
export function joinRel(...parts: string[]): string {
  return normalizeRel(parts.filter((p) => p !== '').join('/'));
}

export function dirnameRel(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

export function basenameRel(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Whether a file or directory exists: the view's own `exists` when it has one, else the parent's listing. */
export function existsRel(view: FileView, rel: string): boolean {
  const n = normalizeRel(rel);
  if (n === '') return true;
  if (view.exists) return view.exists(n);
  return view.list(dirnameRel(n)).includes(basenameRel(n));
}

/** An in-memory FileView for tests and generated trees: keys are file paths, values their text. */
export function memoryView(files: Record<string, string>): FileView {
  const texts = new Map<string, string>();
  const dirs = new Map<string, Set<string>>([['', new Set()]]);
  for (const [raw, text] of Object.entries(files)) {
    const path = normalizeRel(raw);
    texts.set(path, text);
    let child = path;
    while (child !== '') {
      const parent = dirnameRel(child);
      let entries = dirs.get(parent);
      if (!entries) dirs.set(parent, (entries = new Set()));
      entries.add(basenameRel(child));
      child = parent;
    }
  }
  return {
    read: (rel) => texts.get(normalizeRel(rel)),
    isDir: (rel) => dirs.has(normalizeRel(rel)),
    list: (rel) => [...(dirs.get(normalizeRel(rel)) ?? [])].sort(),
  };
}
