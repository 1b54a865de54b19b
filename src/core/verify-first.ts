// Pure: the commands of a verify-first publish. The whole publish set is packaged and
// verify-compiled once (`cargo package -p A -p B ...`: cargo resolves the set's internal
// dependencies from a local overlay, so nothing needs to be on the registry yet), then each crate
// is uploaded with `--no-verify`. Both commands derive from the configured publish command, so its
// flags (`--registry`, `--allow-dirty`, `--config`...) hold for both.

/** Flags of `cargo publish` that `cargo package` refuses or that make no sense for it. */
const PUBLISH_ONLY_FLAGS = new Set(['--dry-run', '-n', '--no-verify']);
const PUBLISH_ONLY_OPTIONS = new Set(['--token']);
const PACKAGE_FLAGS = new Set(['-p', '--package']);

function subcommandAt(argv: readonly string[]): number {
  return argv.indexOf('publish');
}

/** `--no-verify` right after the subcommand `sub` (once; unchanged without `sub`). */
function noVerifyAfter(argv: readonly string[], sub: 'publish' | 'package'): string[] {
  const at = argv.indexOf(sub);
  if (at < 0 || argv.includes('--no-verify')) return [...argv];
  return [...argv.slice(0, at + 1), '--no-verify', ...argv.slice(at + 1)];
}

/** The upload of a crate the set verification already compiled: `--no-verify` after `publish`. */
export function withNoVerify(argv: readonly string[]): string[] {
  return noVerifyAfter(argv, 'publish');
}

/** Whether the configured command is a `cargo publish` the set verification can be derived from. */
export function canVerifyFirst(template: readonly string[]): boolean {
  return subcommandAt(template) > 0;
}

/**
 * `cargo package` of every crate of `crates` from the publish template: `publish` becomes
 * `package`, the argument naming the crate (with its `-p`) is repeated once per crate, and the
 * publish-only flags are dropped. `fill` substitutes one crate into a template argument (the
 * caller validates names and versions). Undefined when the template has no `publish` subcommand.
 */
export function packageArgv(
  template: readonly string[],
  crates: readonly string[],
  fill: (arg: string, crate: string) => string,
): string[] | undefined {
  const at = subcommandAt(template);
  if (at <= 0) return undefined;
  const out = [...template.slice(0, at), 'package'];
  const perCrate: string[] = [];
  const rest = template.slice(at + 1);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (PUBLISH_ONLY_FLAGS.has(arg)) continue;
    if (PUBLISH_ONLY_OPTIONS.has(arg)) {
      i += 1;
      continue;
    }
    if (arg.includes('{crate}')) {
      const prev = out[out.length - 1];
      if (prev !== undefined && PACKAGE_FLAGS.has(prev)) perCrate.push(out.pop() as string);
      perCrate.push(arg);
      continue;
    }
    out.push(arg);
  }
  for (const crate of crates) for (const arg of perCrate) out.push(arg.includes('{crate}') ? fill(arg, crate) : arg);
  return out;
}

/** Options of `cargo publish` that also hold for `cargo check`, `build` and `metadata` (each takes a value). */
const SHARED_OPTIONS = new Set(['--config', '-Z']);

/** `cargo SUB` keeping what precedes `publish` (`cargo`, `+toolchain`) and the shared options. */
function cargoSubArgv(template: readonly string[], sub: 'check' | 'build' | 'metadata'): string[] | undefined {
  const at = subcommandAt(template);
  if (at <= 0) return undefined;
  const out = [...template.slice(0, at), sub];
  const rest = template.slice(at + 1);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (SHARED_OPTIONS.has(arg) && i + 1 < rest.length) {
      out.push(arg, rest[i + 1] as string);
      i += 1;
    } else if (arg.startsWith('--config=')) out.push(arg);
  }
  return out;
}

/**
 * The native compile check of a crate outside the workspace whose internal dependencies are still
 * to publish: `cargo package` would need them on the registry, `cargo check -p NAME` resolves them
 * through their `path`. Keeps what precedes `publish` (`cargo`, `+toolchain`) and the `--config`
 * options of the template. Undefined when the template has no `publish` subcommand.
 */
export function checkArgv(template: readonly string[], crate: string): string[] | undefined {
  const out = cargoSubArgv(template, 'check');
  return out && [...out, '-p', crate];
}

/**
 * The build of the packaged set (verify-build.ts): `cargo build` of every member of the scratch
 * workspace, with the toolchain and `--config` options of the template.
 */
export function buildArgv(template: readonly string[]): string[] | undefined {
  return cargoSubArgv(template, 'build');
}

/** `cargo metadata` (where the target dir and the workspace's lock file are) for the same toolchain. */
export function metadataArgv(template: readonly string[]): string[] | undefined {
  const out = cargoSubArgv(template, 'metadata');
  return out && [...out, '--format-version', '1', '--no-deps'];
}

/** `cargo package` of the set without its own verify (the set's build does it, using both cores). */
export function withoutPackageVerify(argv: readonly string[]): string[] {
  return noVerifyAfter(argv, 'package');
}

export interface VerifyFailure {
  /** The crate cargo was verifying when it failed (undefined when it failed before the first). */
  crate?: string;
  /** cargo's first error line, e.g. "error[E0425]: cannot find function `x` in this scope". */
  firstError: string;
}

const VERIFYING = /^\s*(?:Verifying|Packaging)\s+(\S+) v\S+/;
const ERROR = /^error(\[\w+\])?:/;
// The crate a failed compile belongs to: in a parallel build the last `Compiling` line may be another's.
const COULD_NOT_COMPILE = /^error: could not compile `([^`]+)`/;

/** Reads `cargo package` output as it streams, keeping only what names the failure. */
export class VerifyReader {
  private crate: string | undefined;
  private failedCrate: string | undefined;
  private firstError: string | undefined;
  private last = '';

  private compileFailed: string | undefined;

  push(line: string): void {
    if (line.trim() !== '') this.last = line.trim();
    if (this.compileFailed === undefined) this.compileFailed = COULD_NOT_COMPILE.exec(line)?.[1];
    if (this.firstError !== undefined) return;
    const v = VERIFYING.exec(line);
    if (v) this.crate = v[1];
    else if (ERROR.test(line)) {
      this.firstError = line.trim();
      this.failedCrate = this.crate;
    }
  }

  failure(): VerifyFailure {
    const firstError = this.firstError ?? (this.last || 'cargo package failed without a message');
    const crate = this.compileFailed ?? (this.firstError !== undefined ? this.failedCrate : this.crate);
    return crate === undefined ? { firstError } : { crate, firstError };
  }
}

/** Which crate of a failed `cargo package` broke, and cargo's first error line. */
export function readVerifyFailure(lines: readonly string[]): VerifyFailure {
  const r = new VerifyReader();
  for (const l of lines) r.push(l);
  return r.failure();
}
