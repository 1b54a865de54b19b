// Cargo's configuration files for a directory, found as cargo finds them: `.cargo/config` or
// `.cargo/config.toml` in that directory and in each parent up to /, then CARGO_HOME's (unless the
// walk read it already). Read afresh each time: a maintainer may fix a file between two runs.
// Also git's own `http.proxy`, which cargo applies to its HTTP requests.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { readCargoConfigDir, type CargoConfig, type CargoConfigFile, type Sourced } from '../core/cargo-config.js';
import { isUserError, UserError } from '../core/user-error.js';
import { capture } from './capture.js';

type Env = Record<string, string | undefined>;

/** CARGO_HOME (relative to the directory cargo runs in), else ~/.cargo. */
export function cargoHomeOf(cwd: string, env: Env): string {
  return env.CARGO_HOME ? resolve(cwd, env.CARGO_HOME) : join(env.HOME || homedir(), '.cargo');
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UserError(`cannot be read (${code ?? (e as Error).message}).`, { file });
  }
}

/** The files cargo started in `cwd` would read, nearest first; or cargo's reason to refuse them. */
export function readCargoConfig(cwd: string, env: Env): CargoConfig {
  const dirs: string[] = [];
  for (let d = resolve(cwd); ; d = dirname(d)) {
    dirs.push(join(d, '.cargo'));
    if (dirname(d) === d) break;
  }
  const home = cargoHomeOf(cwd, env);
  if (!dirs.includes(home)) dirs.push(home);
  const files: CargoConfigFile[] = [];
  try {
    for (const dir of dirs) {
      const found = readCargoConfigDir(dir, readText, join);
      if (found) files.push(found);
    }
  } catch (e) {
    if (isUserError(e)) return { error: e.format() };
    throw e;
  }
  return { files };
}

/** git's `http.proxy` from its system and global files (cargo reads those, not a repository's). */
export async function gitHttpProxy(cwd: string, env: Env): Promise<Sourced<string> | undefined> {
  const res = await capture(['git', 'config', '--show-scope', '--get-all', 'http.proxy'], { cwd, env });
  if (res.exitCode !== 0) return undefined;
  let found: Sourced<string> | undefined;
  for (const line of res.stdout.split('\n')) {
    const [scope, value] = line.split('\t', 2);
    if ((scope === 'global' || scope === 'system') && value !== undefined)
      found = { value, from: `git's ${scope} http.proxy` };
  }
  return found;
}
