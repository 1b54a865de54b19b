// `release-cockpit demo [--headless] [--fast] [--yes] [--keep]`: a whole Micromegas-shaped
// release in a sandbox (real git, real cargo against a loopback registry, stand-ins for
// poetry/yarn/gh), driven by the project's own .releaserc.json. No credentials, no network.
import type { CliArgs } from './args.js';
import { startDemoSandbox } from '../sandbox/demo-sandbox.js';
import { runHeadless } from './run-mode.js';

export async function runDemoMode(args: CliArgs): Promise<number> {
  const sandbox = await startDemoSandbox({ fast: args.fast, keep: args.keep });
  // The sandbox goes away on every exit path, signals included (runHeadless maps them to codes).
  try {
    for (const note of sandbox.notes) process.stderr.write(`demo: ${note}\n`);
    const demoArgs: CliArgs = { ...args, repo: sandbox.repo.dir, config: sandbox.configPath };
    const headless = args.headless || process.stdout.isTTY !== true;
    if (headless) {
      if (!args.headless) process.stderr.write('demo: stdout is not a terminal: running headless (add --yes to answer every question).\n');
      return await runHeadless(demoArgs, { out: process.stdout, err: process.stderr, env: sandbox.env });
    }
    const { startTui } = await import('./tui-mode.js');
    return await startTui(demoArgs, { demo: true, env: sandbox.env });
  } finally {
    await sandbox.close();
  }
}
