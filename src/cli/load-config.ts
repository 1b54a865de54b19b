// Loads the config of a repository: the file through the adapter, its meaning from src/config.
import { resolve } from 'node:path';
import { isDirectoryPath, readConfigFile, realRepoPath, symlinkEscape } from '../adapters/config-file.js';
import {
  assertPathsInside,
  configReadError,
  DEFAULT_CONFIG_NAME,
  displayPath,
  parseConfigText,
  type LoadedConfig,
} from '../config/load.js';

export type { LoadedConfig };

/**
 * Loads the config of the repo at `repoAbs`: `configPath` (relative to the current directory)
 * when given, else `<repo>/.releaserc.json`.
 */
export function loadConfig(repoAbs: string, configPath?: string): LoadedConfig {
  const abs = configPath !== undefined ? resolve(configPath) : resolve(repoAbs, DEFAULT_CONFIG_NAME);
  const read = readConfigFile(abs);
  if ('code' in read) {
    const explicit = configPath !== undefined;
    const repoIsDir = explicit || read.code !== 'ENOENT' || isDirectoryPath(repoAbs);
    throw configReadError({ code: read.code, repoAbs, repoIsDir, abs, explicit });
  }
  const shown = displayPath(abs);
  const config = parseConfigText(read.text, shown);
  const repoReal = realRepoPath(repoAbs);
  // No repository directory: the plan reports that.
  if (repoReal !== undefined) assertPathsInside(config, read.text, shown, (rel) => symlinkEscape(repoReal, rel));
  return { config, configPath: abs, text: read.text };
}
