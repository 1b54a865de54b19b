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

/** The configured yank command; unyank adds `--undo` after the `yank` subcommand (or at the end). */
export function renderYankCommand(
  template: readonly string[],
  crate: string,
  version: string,
  undo: boolean,
): string[] {
  const argv = renderCrateCommand(template, crate, version);
  if (!undo || argv.includes('--undo')) return argv;
  const at = argv.indexOf('yank');
  if (at < 0) return [...argv, '--undo'];
  return [...argv.slice(0, at + 1), '--undo', ...argv.slice(at + 1)];
}
