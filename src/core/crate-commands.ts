// The configured cargo commands of one crate (publish, yank, unyank), rendered once: the engine
// runs them and the cockpit shows them. Names and versions are validated before they reach argv.
import semver from 'semver';
import { UserError } from './user-error.js';

/** A crate name as crates.io accepts it. */
export const CRATE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function assertCrateName(name: string): void {
  if (!CRATE_NAME.test(name)) {
    throw new UserError(`\`${name}\` is not a valid crate name.`, {
      hint: 'A crate name is ASCII letters, digits, "-" or "_", starting with a letter (64 at most).',
    });
  }
}

export function assertVersion(version: string): void {
  // Exactly a semver version as written (no "v", no spaces): it lands in argv.
  if (semver.valid(version) !== version) {
    throw new UserError(`\`${version}\` is not a valid semver version.`, {
      hint: 'Versions look like 1.2.3 or 1.2.3-rc.1.',
    });
  }
}

/** The configured command with {crate} and {version} substituted, after both are validated. */
export function renderCrateCommand(template: readonly string[], crate: string, version: string): string[] {
  assertCrateName(crate);
  assertVersion(version);
  return template.map((arg) => arg.replaceAll('{crate}', crate).replaceAll('{version}', version));
}

/**
 * The publish command of one crate, the only place its argv is made: the template filled, and
 * `-p NAME` pinned to `-p NAME@VERSION` so cargo refuses (before packaging anything) a manifest
 * that no longer carries the planned version.
 */
export function renderPublishCommand(template: readonly string[], crate: string, version: string): string[] {
  const argv = renderCrateCommand(template, crate, version);
  return argv.map((arg, i) => {
    if (arg === crate && (argv[i - 1] === '-p' || argv[i - 1] === '--package')) return `${crate}@${version}`;
    if (arg === `--package=${crate}`) return `--package=${crate}@${version}`;
    return arg;
  });
}

/** The configured yank command for one crate. */
export function renderYankCommand(template: readonly string[], crate: string, version: string): string[] {
  return renderCrateCommand(template, crate, version);
}

/** cargo's own yank (`cargo yank ...`), which undoes with `--undo`. */
export function isCargoYank(template: readonly string[]): boolean {
  return /(^|\/)cargo$/.test(template[0] ?? '') && template[1] === 'yank';
}

/**
 * The unyank command: `crates.unyankCommand` when set; else cargo's own yank with `--undo` after
 * `yank`; undefined for a custom yank command without its unyankCommand (its undo is unknown).
 */
export function renderUnyankCommand(
  yank: readonly string[],
  unyank: readonly string[] | undefined,
  crate: string,
  version: string,
): string[] | undefined {
  if (unyank) return renderCrateCommand(unyank, crate, version);
  if (!isCargoYank(yank)) return undefined;
  const argv = renderCrateCommand(yank, crate, version);
  return argv.includes('--undo') ? argv : [...argv.slice(0, 2), '--undo', ...argv.slice(2)];
}

/** The yank (or, with `undo`, unyank) command of the config's crates section; undefined: no known unyank. */
export function yankArgv(
  crates: { yankCommand: readonly string[]; unyankCommand?: readonly string[] },
  crate: string,
  version: string,
  undo: boolean,
): string[] | undefined {
  return undo
    ? renderUnyankCommand(crates.yankCommand, crates.unyankCommand, crate, version)
    : renderYankCommand(crates.yankCommand, crate, version);
}
