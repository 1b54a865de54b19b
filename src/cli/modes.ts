// Dispatch of CLI modes. Each mode lives in its own file; this only routes.
import type { CliArgs } from './args.js';
import { commandHelp, generalHelp } from './help.js';
import { askGitDirsEarly } from '../adapters/git-dirs-query.js';

/** `run` without --headless in a terminal is the cockpit; anywhere else it is headless. */
export function runsHeadless(args: CliArgs): boolean {
  return args.mode === 'run' && (args.headless || process.stdout.isTTY !== true || process.stdin.isTTY !== true);
}

export async function runMode(args: CliArgs): Promise<number> {
  switch (args.mode) {
    case 'help':
      process.stdout.write(
        args.helpFor === undefined || args.helpFor === 'tui' ? generalHelp() : commandHelp(args.helpFor),
      );
      return 0;
    case 'version':
      process.stdout.write(`${toolVersion()}\n`);
      return 0;
    case 'plan':
      // Dynamic import: the plan path must not pay for loading the UI.
      return (await import('./plan-mode.js')).runPlanMode(args);
    case 'bump':
      return (await import('./bump-mode.js')).runBumpMode(args);
    case 'run':
      if (!runsHeadless(args)) return startCockpit(args);
      return (await import('./run-mode.js')).runHeadless(args);
    case 'status':
      return (await import('./status-mode.js')).runStatusMode(args);
    case 'tui':
      if (process.stdout.isTTY !== true || process.stdin.isTTY !== true) {
        // Never a surprise run: a pipe or a script must ask for the headless run by name.
        process.stderr.write(
          'release-cockpit: the cockpit needs a terminal (stdin and stdout); to run the release from a script or CI use `release-cockpit run --headless` (add --yes to answer its confirmations).\n',
        );
        return 2;
      }
      return startCockpit(args);
    case 'init':
      return (await import('./init-mode.js')).runInitMode(args);
    case 'demo':
      return (await import('./demo-mode.js')).runDemoMode(args);
    case 'rollback':
      return (await import('./rollback-mode.js')).runRollbackMode(args);
  }
}

/** The cockpit, with git asked where the release's state is (and the tags) while its code loads. */
async function startCockpit(args: CliArgs): Promise<number> {
  const gitDirs = askGitDirsEarly(args.repo);
  return (await import('./tui-start.js')).startTui(args, { gitDirs });
}

// Replaced at bundle time (scripts/build.mjs); absent when run from sources under tsx/vitest.
declare const __RC_VERSION__: string | undefined;

function toolVersion(): string {
  return typeof __RC_VERSION__ === 'string' ? __RC_VERSION__ : 'dev';
}
