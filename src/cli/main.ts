// Entry point: parse argv, dispatch to a mode, turn user errors into one line + exit 1 (and, for
// --json, a JSON document with the problem on stdout), and a closed output into a quiet exit.
import type { Problem } from '../core/plan-types.js';
import { isUserError, type UserError } from '../core/user-error.js';
import { parseArgs, type Mode } from './args.js';
import { quietOnClosedOutput } from './closed-output.js';
import { runMode, runsHeadless } from './modes.js';

/** Modes that keep running after their first output: stopped gracefully when nobody reads it any more. */
const LONG_RUNNING: ReadonlySet<Mode> = new Set(['run', 'tui', 'demo', 'rollback']);
let mode: Mode | undefined;
let headless = false;

quietOnClosedOutput([process.stdout, process.stderr], () => {
  if (mode !== undefined && LONG_RUNNING.has(mode)) process.kill(process.pid, 'SIGTERM');
});

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  mode = args.mode;
  headless = runsHeadless(args);
  return runMode(args);
}

/** `{"problems":[…]}`, the shape of `plan --json`'s problems, for a --json caller whose command failed. */
function problemsJson(err: UserError): string {
  const { file, line } = err.details;
  const message = err.details.hint ? `${err.message} ${err.details.hint}` : err.message;
  const problem: Problem = {
    severity: 'error',
    code: 'user-error',
    message,
    ...(file ? { file } : {}),
    ...(line ? { line } : {}),
  };
  return `${JSON.stringify({ problems: [problem] }, null, 2)}\n`;
}

main().then(
  (code) => {
    process.exitCode = code;
    // A headless run is over once its state is saved and its lock released: it exits as soon as
    // stdout and stderr took their last bytes, without first tearing down the whole heap (tens of
    // ms after a flood, CPU a CI job pays for nothing). 'exit' hooks still run.
    if (headless) process.stdout.write('', () => process.stderr.write('', () => process.exit()));
  },
  (err: unknown) => {
    if (isUserError(err)) {
      process.stderr.write(`release-cockpit: ${err.format()}\n`);
      const argv = process.argv.slice(2);
      if (argv.slice(0, argv.includes('--') ? argv.indexOf('--') : undefined).includes('--json'))
        process.stdout.write(problemsJson(err));
      process.exitCode = 1;
    } else {
      process.stderr.write(
        `release-cockpit: internal error (please report): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 70;
    }
  },
);
