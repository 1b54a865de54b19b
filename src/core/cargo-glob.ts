// `members` globs as cargo expands them (the glob crate with its default options: `*` also
// matches names starting with a dot, and only directories count).
import { joinRel, type FileView } from './file-view.js';

export const isGlob = (pattern: string): boolean => /[*?[]/.test(pattern);

/** Expands a `members` glob (`*`, `?`, `[abc]`, `**`) relative to the workspace dir into directories, sorted (hidden ones too, as cargo does). */
export function expandGlob(view: FileView, baseDir: string, pattern: string): string[] {
  let current = [joinRel(baseDir)];
  for (const seg of pattern.split('/').filter((s) => s !== '' && s !== '.')) {
    const next: string[] = [];
    if (seg === '**') {
      // Zero or more directories: the current level plus every directory below it.
      const stack = [...current];
      while (stack.length) {
        const dir = stack.pop()!;
        next.push(dir);
        for (const name of view.list(dir)) {
          const child = joinRel(dir, name);
          if (view.isDir(child)) stack.push(child);
        }
      }
    } else if (isGlob(seg)) {
      const re = segmentRegex(seg);
      for (const dir of current) {
        for (const name of view.list(dir)) {
          const child = joinRel(dir, name);
          if (re.test(name) && view.isDir(child)) next.push(child);
        }
      }
    } else {
      for (const dir of current) next.push(joinRel(dir, seg));
    }
    current = next;
  }
  return [...new Set(current)].filter((d) => view.isDir(d)).sort();
}

export function segmentRegex(seg: string): RegExp {
  let src = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) src += '\\[';
      else {
        const body = seg.slice(i + 1, end).replace(/\\/g, '\\\\');
        src += body.startsWith('!') ? `[^${body.slice(1)}]` : `[${body}]`;
        i = end;
      }
    } else src += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${src}$`);
}
