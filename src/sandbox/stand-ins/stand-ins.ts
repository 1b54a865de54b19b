// Where the `poetry`, `yarn`, `gh` and `cargo` stand-ins live, and the environment that puts them
// first on PATH. They record every invocation to $STANDIN_LOG as {"tool","argv","cwd"} JSON lines.
// The cargo stand-in lives in a directory of its own (cargo-bin/, with its modules) and is put
// on PATH only when asked (`withCargo`): everywhere else real cargo must stay the one found.
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const STAND_IN_TOOLS = ['poetry', 'yarn', 'gh', 'cargo'] as const;

/**
 * The directory holding the scripts: beside this module (sources), or, from the bundle in dist/,
 * dist/stand-ins (when the build copies them there, as a published package needs) or the sources.
 */
export function standInsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [here, resolve(here, 'stand-ins'), resolve(here, '..', 'src', 'sandbox', 'stand-ins')];
  const found = candidates.find((d) => existsSync(join(d, 'gh')));
  if (!found) throw new Error(`The stand-in scripts were not found (looked in ${candidates.join(', ')}).`);
  return found;
}

/** The directory holding only the cargo stand-in and its modules. */
export function cargoStandInDir(): string {
  return join(standInsDir(), 'cargo-bin');
}

export interface StandInEnvOptions {
  /** JSON lines of every invocation. */
  log: string;
  /** gh's releases; defaults to gh-state.json beside the log. */
  ghState?: string;
  /** Where `poetry publish` uploads (a loopback index's /legacy/ URL). */
  pypiUploadUrl?: string;
  /** The environment to extend; process.env by default. */
  base?: Record<string, string | undefined>;
  /** Also put the cargo stand-in first on PATH (for machines without cargo). */
  withCargo?: boolean;
  /** Put this directory on PATH instead of all the stand-ins (the demo's bin/ with only the ones it needs). */
  binDir?: string;
}

export function standInEnv(opts: StandInEnvOptions): Record<string, string | undefined> {
  const base = opts.base ?? process.env;
  return {
    ...base,
    PATH: [...(opts.withCargo ? [cargoStandInDir()] : []), opts.binDir ?? standInsDir(), base.PATH ?? '']
      .filter(Boolean)
      .join(delimiter),
    STANDIN_LOG: opts.log,
    ...(opts.ghState ? { STANDIN_GH_STATE: opts.ghState } : {}),
    ...(opts.pypiUploadUrl ? { STANDIN_PYPI_UPLOAD_URL: opts.pypiUploadUrl } : {}),
  };
}

export interface StandInCall {
  tool: (typeof STAND_IN_TOOLS)[number];
  argv: string[];
  cwd: string;
}

/** The invocations recorded so far (none when the log does not exist yet). */
export function readStandInLog(log: string): StandInCall[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as StandInCall);
}
