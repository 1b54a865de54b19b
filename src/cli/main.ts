// Entry point: parse argv, dispatch to a mode, turn user errors into one line + exit 1.
import { isUserError } from '../core/user-error.js';
import { parseArgs } from './args.js';
import { runMode } from './modes.js';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  return runMode(args);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (isUserError(err)) {
      process.stderr.write(`release-cockpit: ${err.format()}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`release-cockpit: internal error (please report): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 70;
    }
  },
);
