// The config file on disk: its text, and where its paths really lead once symlinks are followed.
// What the config means is src/config's; loadConfig (src/cli/load-config.ts) puts the two together.
import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isInsideRoot } from '../core/repo-path.js';

/** The file's text, or the errno code that kept it from being read. */
export function readConfigFile(abs: string): { text: string } | { code: string } {
  try {
    return { text: readFileSync(abs, 'utf8') };
  } catch (e) {
    return { code: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
}

export function isDirectoryPath(abs: string): boolean {
  return statSync(abs, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** The repository's real path; undefined when it does not exist (the plan reports that). */
export function realRepoPath(repoAbs: string): string | undefined {
  try {
    return realpathSync(repoAbs);
  } catch {
    return undefined;
  }
}

/**
 * Where `rel` really lands when followed from the repository root, symlinks included, or why it
 * cannot be followed: undefined when it stays inside `repoReal` (the repository's real path).
 * Components that do not exist yet are fine (a directory an archive step creates).
 */
export function symlinkEscape(repoReal: string, rel: string): string | undefined {
  let cur = repoReal;
  const walked: string[] = [];
  for (const seg of rel.split(/[\\/]/)) {
    if (seg === '' || seg === '.') continue;
    walked.push(seg);
    const next = join(cur, seg);
    let isLink: boolean;
    try {
      isLink = lstatSync(next).isSymbolicLink();
    } catch {
      return undefined; // does not exist yet: what follows is created inside `cur`, which is inside
    }
    if (isLink) {
      const target = resolve(dirname(next), readlinkSync(next));
      try {
        cur = realpathSync(target);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ELOOP')
          return `\`${rel}\` goes through a symlink loop at \`${walked.join('/')}\``;
        cur = target; // dangling: it would be created at its target
      }
      if (!isInsideRoot(repoReal, cur)) {
        const link = walked.join('/');
        return `\`${rel}\` ${link === rel.replace(/[\\/]+$/, '') ? 'is' : `goes through \`${link}\`,`} a symlink to ${cur}, outside the repository; config paths stay inside it`;
      }
    } else {
      cur = next;
    }
  }
  return undefined;
}
