// `release-cockpit demo [--headless] [--fast] [--yes] [--fresh | --clean | --config]`: a whole
// Micromegas-shaped release in a sandbox (real git, real cargo against a loopback registry,
// stand-ins for poetry/yarn/gh), driven by the project's own .releaserc.json. No credentials, no
// network. The sandbox lives in the user's state dir and persists: running it again resumes it.
import type { CliArgs } from './args.js';
import { UserError } from '../core/user-error.js';
import { DEMO_BASE_CONFIG, acquireDemoLock, startDemoSandbox, type DemoSandbox } from '../sandbox/demo-sandbox.js';
import { formatConfigJson } from '../core/init/config-json.js';
import { demoHome, removeSandbox } from '../sandbox/demo-home.js';
import { runHeadless } from './run-mode.js';
import { inProgress, listReleases } from './release-lookup.js';
import { isFinished } from '../store/selectors.js';

export async function runDemoMode(args: CliArgs): Promise<number> {
  if (args.clean && args.fresh) throw new UserError('pass --clean or --fresh, not both.');
  if (args.clean) return cleanDemo();
  if (args.printConfig) {
    const { $schema: _schema, ...plan } = DEMO_BASE_CONFIG as Record<string, unknown>;
    process.stdout.write(formatConfigJson(plan));
    process.stderr.write(
      "demo: the Micromegas release plan above is what the demo runs; its sandbox's copy points it at the loopback registry and PyPI.\n",
    );
    return 0;
  }
  const sandbox = await startDemoSandbox({ fast: args.fast, fresh: args.fresh });
  // The servers stop on every exit path, signals included (runHeadless maps them to codes).
  try {
    for (const note of [...sandbox.notes, ...resumeNotes(sandbox)]) process.stderr.write(`demo: ${note}\n`);
    const demoArgs: CliArgs = { ...args, repo: sandbox.repo.dir, config: sandbox.configPath };
    const demo = { fast: args.fast, npm: process.env.npm_lifecycle_event === 'start' };
    const headless = args.headless || process.stdout.isTTY !== true;
    if (headless) {
      if (!args.headless)
        process.stderr.write(
          'demo: stdout is not a terminal: running headless (add --yes to answer every question).\n',
        );
      return await runHeadless(demoArgs, { out: process.stdout, err: process.stderr, env: sandbox.env }, { demo });
    }
    const { startTui } = await import('./tui-start.js');
    return await startTui(demoArgs, { demo, env: sandbox.env, intro: demoIntro(sandbox) });
  } finally {
    await sandbox.close();
  }
}

/** The cockpit's first screen in the demo: what this is, what is real, and the key that starts. */
export function demoIntro(s: Pick<DemoSandbox, 'root' | 'registry' | 'pypi' | 'real' | 'standIns'>): string[] {
  // Short lines: the output pane is about half the terminal wide. The keys come before the
  // sandbox's details, which a small terminal's output pane cuts off first.
  return [
    'This is the demo: a Micromegas-shaped release in a',
    'sandbox. Nothing real is touched: no crates.io, no',
    'PyPI, no GitHub, no credentials.',
    'enter starts the release · y confirms each',
    'irreversible step · ? every key · q quits.',
    '',
    `sandbox    ${s.root}`,
    `real       ${s.real.join(', ')}`,
    `loopback   cargo registry ${s.registry.url}`,
    `           PyPI ${s.pypi.url}`,
    `stand-ins  ${s.standIns.join(', ')}`,
    '',
    'The plan it runs: release-cockpit demo --config',
  ];
}

/** What a resumed sandbox holds: the release it resumes, or the one that finished. */
function resumeNotes(sandbox: DemoSandbox): string[] {
  if (!sandbox.resumed) return [];
  const releases = listReleases(sandbox.repo.dir, true);
  const open = inProgress(releases);
  if (open) {
    const steps = Object.values(open.state.steps);
    const done = steps.filter((s) => isFinished(s.status)).length;
    return [
      `resuming the unfinished demo release ${open.version} (${done}/${steps.length} steps done); \`release-cockpit demo --fresh\` starts over.`,
    ];
  }
  const last = releases[0];
  if (last)
    return [
      `the demo release ${last.version} is finished (y in the cockpit offers its rollback); \`release-cockpit demo --fresh\` starts over.`,
    ];
  return ['reopening the demo sandbox (no step has run yet).'];
}

function cleanDemo(): number {
  const root = demoHome();
  // Not under a running demo's feet.
  const lock = acquireDemoLock(root);
  try {
    process.stdout.write(
      removeSandbox(root) ? `removed the demo sandbox ${root}\n` : `no demo sandbox in ${root}; nothing to remove\n`,
    );
  } finally {
    lock.release();
  }
  return 0;
}
