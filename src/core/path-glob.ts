// Repo-relative path globs for files a step must leave behind (`produces`): `*`, `?`, `[abc]` in
// any segment and `**` for any depth of directories; the last segment matches files or directories.
import { expandGlob, isGlob, segmentRegex } from './cargo-glob.js';
import { joinRel, type FileView } from './file-view.js';

/** The existing paths a pattern names, sorted; [] when none. */
export function expandPathGlob(view: FileView, pattern: string): string[] {
  const segs = pattern.split('/').filter((s) => s !== '' && s !== '.');
  const last = segs.pop();
  if (last === undefined) return [];
  const dirs = segs.length ? expandGlob(view, '', segs.join('/')) : [''];
  const out: string[] = [];
  for (const dir of dirs) {
    if (isGlob(last)) {
      const re = segmentRegex(last);
      for (const name of view.list(dir)) if (re.test(name)) out.push(joinRel(dir, name));
    } else {
      const path = joinRel(dir, last);
      if (view.exists ? view.exists(path) : view.list(dir).includes(last)) out.push(path);
    }
  }
  return [...new Set(out)].sort();
}
