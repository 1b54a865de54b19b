// The rule that keeps a configured path inside the repository, lexically (no file system): the
// config loader applies it to every path key, and steps re-apply it after template expansion.
// Symlinks are checked by the loader, which can look at the disk.

/** Why `p` (a path from the config, relative to the repository root) may leave the repository; undefined when it cannot. */
export function repoPathProblem(p: string): string | undefined {
  if (p.includes('\0')) return 'contains a NUL character';
  if (p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:/.test(p)) {
    return 'is absolute; config paths are relative to the repository root and stay inside it';
  }
  if (p.split(/[\\/]/).includes('..')) return 'goes up with `..`; config paths stay inside the repository';
  return undefined;
}

/** Whether the absolute path `abs` is `root` or inside it (both already normalised, no trailing separator). */
export function isInsideRoot(root: string, abs: string): boolean {
  if (abs === root) return true;
  const base = root.endsWith('/') ? root : `${root}/`;
  return abs.startsWith(base);
}
