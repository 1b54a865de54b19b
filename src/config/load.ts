// Reads and validates `.releaserc.json`; every failure is a UserError with file:line and a fix.
import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Config } from './schema.js';
import { UserError } from '../core/user-error.js';
import { configIssuesError, formatJsonPath } from './errors.js';
import { collectRepoPaths } from './repo-path.js';
import { isInsideRoot } from '../core/repo-path.js';
import { locateJson, parseJsonText } from '../core/json-scan.js';

export const DEFAULT_CONFIG_NAME = '.releaserc.json';

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the file read. */
  configPath: string;
  /** Its text (the plan points into it for line numbers). */
  text: string;
}

/**
 * Loads the config of the repo at `repoAbs`: `configPath` (relative to the current directory)
 * when given, else `<repo>/.releaserc.json`.
 */
export function loadConfig(repoAbs: string, configPath?: string): LoadedConfig {
  const abs = configPath !== undefined ? resolve(configPath) : resolve(repoAbs, DEFAULT_CONFIG_NAME);
  const shown = displayPath(abs);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && configPath === undefined && !statSync(repoAbs, { throwIfNoEntry: false })?.isDirectory()) {
      throw new UserError(`the repository \`${displayPath(repoAbs)}\` is not a directory.`, {
        hint: 'Pass --repo DIR with the root of the repository to release.',
      });
    }
    if (code === 'ENOENT') {
      throw new UserError(`no config file at ${shown}.`, {
        hint:
          configPath === undefined
            ? `\`release-cockpit init\` writes one from what the repository holds (crates, version files, tags, changelogs, checks); \`release-cockpit demo --print-config\` prints a complete one; or pass --config FILE.`
            : 'Check the --config path (it is relative to the current directory).',
      });
    }
    throw new UserError(`cannot read the config file ${shown} (${code ?? (e as Error).message}).`);
  }
  const config = parseConfigText(text, shown);
  assertPathsInside(config, repoAbs, text, shown);
  return { config, configPath: abs, text };
}

/** Symlinks leading out of the repository (the lexical rule is in the schema): a config error at the key's line. */
function assertPathsInside(config: Config, repoAbs: string, text: string, file: string): void {
  let repoReal: string;
  try {
    repoReal = realpathSync(repoAbs);
  } catch {
    return; // no repository directory: the plan reports that
  }
  for (const found of collectRepoPaths(Config, config)) {
    const escape = symlinkEscape(repoReal, found.value);
    if (escape === undefined) continue;
    const line = locateJson(text, found.path)?.keyLine;
    throw new UserError(`${formatJsonPath(found.path)}: ${escape}.`, { file, line });
  }
}

/** Validates config text; `file` is only used in messages. */
export function parseConfigText(text: string, file: string): Config {
  const raw = parseJsonText(text, file);
  const result = Config.safeParse(raw);
  if (!result.success) throw configIssuesError(result.error.issues, raw, text, file);
  return result.data;
}

function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/**
 * Where `rel` really lands when followed from the repository root, symlinks included, or why it
 * cannot be followed: undefined when it stays inside `repoReal` (the repository's real path).
 * Components that do not exist yet are fine (a directory an archive step creates).
 */
function symlinkEscape(repoReal: string, rel: string): string | undefined {
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
