// Validates `.releaserc.json`; every failure is a UserError with file:line and a fix. Reading the
// file is the adapter's (src/adapters/config-file.ts), and src/cli/load-config.ts joins the two.
import { isAbsolute, relative } from 'node:path';
import { Config } from '../core/config/config.js';
import { UserError } from '../core/user-error.js';
import { configIssuesError, formatJsonPath } from './errors.js';
import { collectRepoPaths } from '../core/config/repo-path.js';
import { locateJson, parseJsonText } from '../core/json-scan.js';

export const DEFAULT_CONFIG_NAME = '.releaserc.json';

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the file read. */
  configPath: string;
  /** Its text (the plan points into it for line numbers). */
  text: string;
}

/** Why the config could not be read, as one sentence with its fix. */
export function configReadError(found: {
  code: string;
  repoAbs: string;
  repoIsDir: boolean;
  abs: string;
  explicit: boolean;
}): UserError {
  const { code, repoAbs, abs, explicit } = found;
  if (code === 'ENOENT' && !explicit && !found.repoIsDir) {
    return new UserError(`the repository \`${displayPath(repoAbs)}\` is not a directory.`, {
      hint: 'Pass --repo DIR with the root of the repository to release.',
    });
  }
  if (code === 'ENOENT') {
    return new UserError(`no config file at ${displayPath(abs)}.`, {
      hint: explicit
        ? 'Check the --config path (it is relative to the current directory).'
        : `\`release-cockpit init\` writes one from what the repository holds (crates, version files, tags, changelogs, checks); \`release-cockpit demo --config\` prints a complete one; or pass --config FILE.`,
    });
  }
  return new UserError(`cannot read the config file ${displayPath(abs)} (${code}).`);
}

/**
 * Symlinks leading out of the repository (the lexical rule is in the schema): a config error at
 * the key's line. `escapeOf` says where a repo-relative path really leads (undefined: inside).
 */
export function assertPathsInside(
  config: Config,
  text: string,
  file: string,
  escapeOf: (rel: string) => string | undefined,
): void {
  for (const found of collectRepoPaths(Config, config)) {
    const escape = escapeOf(found.value);
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

export function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}
