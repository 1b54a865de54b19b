// Which Poetry and Yarn the demo runs: the real ones when installed, else the stand-ins of
// release-cockpit, announced like the cargo fallback. The chosen tools go into <root>/bin, first
// on PATH; the real ones get sandboxed config and caches (Poetry's in-project venv with the system
// site packages, since no Python registry is reachable) and the loopback PyPI as repository `local`
// through Poetry's own configuration variables, its token through the environment.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { commandExists } from '../adapters/exec.js';
import { standInsDir } from './stand-ins/stand-ins.js';

export type DemoTool = 'poetry' | 'yarn';

export interface DemoTools {
  /** Directory to put first on PATH (symlinks to stand-ins, the yarnpkg alias). */
  binDir: string;
  /** Tools that run as stand-ins. */
  standIns: DemoTool[];
  /** Real tools found (for the notes line). */
  real: string[];
  /** python3 can create a venv with pip (ensurepip present): verify-python-install can run. */
  venv: boolean;
  /** Variables for the steps' environment. */
  env: Record<string, string>;
  notes: string[];
}

export interface DemoToolsOptions {
  /** The sandbox root; bin/ and the tools' config and caches go under it. */
  root: string;
  /** The loopback PyPI's legacy upload URL and token. */
  uploadUrl: string;
  token: string;
  /** The environment whose PATH decides (process.env by default). */
  env?: Record<string, string | undefined>;
}

/** Debian ships Yarn as `yarnpkg`, whose modules live in /usr/share/nodejs (not on a non-Debian Node's path). */
const DEBIAN_NODE_PATH = ['/usr/share/nodejs', '/usr/lib/nodejs'];

function yarnpkgWorks(env: Record<string, string | undefined>): boolean {
  if (!commandExists('yarnpkg', env)) return false;
  try {
    execFileSync('yarnpkg', ['--version'], {
      env: { ...env, NODE_PATH: [...DEBIAN_NODE_PATH, env.NODE_PATH].filter(Boolean).join(delimiter) },
      stdio: 'ignore',
      timeout: 30_000,
    });
    return true;
  } catch {
    return false;
  }
}

function pythonVenvWorks(env: Record<string, string | undefined>): boolean {
  try {
    execFileSync('python3', ['-c', 'import venv, ensurepip'], { env, stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

function linkStandIn(binDir: string, tool: DemoTool): void {
  symlinkSync(join(standInsDir(), tool), join(binDir, tool));
}

function poetryEnv(root: string, uploadUrl: string, token: string): Record<string, string> {
  return {
    POETRY_CONFIG_DIR: join(root, 'poetry', 'config'),
    POETRY_CACHE_DIR: join(root, 'poetry', 'cache'),
    POETRY_VIRTUALENVS_IN_PROJECT: 'true',
    POETRY_VIRTUALENVS_OPTIONS_SYSTEM_SITE_PACKAGES: 'true',
    POETRY_REPOSITORIES_LOCAL_URL: uploadUrl,
    POETRY_PYPI_TOKEN_LOCAL: token,
    // No desktop keyring in a sandbox: Poetry would wait on it.
    PYTHON_KEYRING_BACKEND: 'keyring.backends.null.Keyring',
  };
}

export function prepareDemoTools(opts: DemoToolsOptions): DemoTools {
  const env = opts.env ?? process.env;
  const binDir = join(opts.root, 'bin');
  rmSync(binDir, { recursive: true, force: true });
  mkdirSync(binDir, { recursive: true });
  const out: DemoTools = {
    binDir,
    standIns: [],
    real: [],
    venv: pythonVenvWorks(env),
    env: poetryEnv(opts.root, opts.uploadUrl, opts.token),
    notes: [],
  };
  if (out.venv) out.real.push('pip (venv)');
  else
    out.notes.push(
      'python3 cannot create a venv with pip (its venv/ensurepip modules are missing): the installation check is a manual item in this demo.',
    );

  if (commandExists('poetry', env)) out.real.push('poetry');
  else {
    linkStandIn(binDir, 'poetry');
    out.standIns.push('poetry');
    out.notes.push(
      'poetry is not installed: using the poetry stand-in of release-cockpit (placeholder files uploaded to the loopback PyPI, pytest and black not run); install Poetry to see the real build, tests and upload.',
    );
  }

  out.env.YARN_CACHE_FOLDER = join(opts.root, 'yarn-cache');
  if (commandExists('yarn', env)) out.real.push('yarn');
  else if (yarnpkgWorks(env)) {
    const alias = join(binDir, 'yarn');
    writeFileSync(
      alias,
      `#!/bin/sh\n# Debian's Yarn is yarnpkg; its modules live in ${DEBIAN_NODE_PATH.join(' and ')}.\nNODE_PATH="${DEBIAN_NODE_PATH.join(delimiter)}\${NODE_PATH:+${delimiter}$NODE_PATH}" exec yarnpkg "$@"\n`,
    );
    chmodSync(alias, 0o755);
    out.real.push('yarn (yarnpkg)');
  } else {
    linkStandIn(binDir, 'yarn');
    out.standIns.push('yarn');
    out.notes.push(
      'yarn is not installed: using the yarn stand-in of release-cockpit (the plugin scripts are not run, dist/ is written by the stand-in); install Yarn to see the real install, lint, tests and build.',
    );
  }
  return out;
}
