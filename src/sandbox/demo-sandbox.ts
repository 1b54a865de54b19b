// Everything `release-cockpit demo` runs against, on this machine only: the Micromegas-shaped
// repo, a loopback cargo registry behind an isolated CARGO_HOME, a loopback PyPI, real Poetry and
// Yarn when installed (demo-tools.ts), and stand-ins for gh (and for poetry, yarn and cargo when
// they are not installed). The project's own .releaserc.json drives it, adapted to point at these
// instead of crates.io, PyPI and GitHub. It lives in the user's state dir (demo-home.ts) and
// persists: running the demo again resumes it.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, isUserError } from '../core/user-error.js';
import { acquireLock, type LockHandle } from '../adapters/lock.js';
import {
  DEMO_FORMAT,
  demoHome,
  readMarker,
  removeSandbox,
  sandboxExists,
  writeMarker,
  type DemoMarker,
} from './demo-home.js';
import { Config } from '../core/config/config.js';
import type { StepConfig } from '../core/config/step.js';
import { commandExists } from '../adapters/exec.js';
import { makeCargoEnv } from './cargo-env.js';
import { createDemoRepoAtomically, demoRepoIn, type DemoRepo } from './demo-repo.js';
import { startPypiServer, type PypiServer } from './pypi-server.js';
import { startRegistry, type Registry } from './registry-server.js';
import { prepareDemoTools, type DemoTools } from './demo-tools.js';
import { standInEnv, standInsDir } from './stand-ins/stand-ins.js';
import defaultConfig from '../../.releaserc.json' with { type: 'json' };

export interface DemoOptions {
  /** Short grace periods and index delays: the whole release in about a minute. */
  fast: boolean;
  /** Replace the sandbox with a new one. */
  fresh?: boolean;
  /** Where the sandbox lives (default demoHome(): the user's XDG state dir). */
  root?: string;
}

export interface DemoSandbox {
  root: string;
  repo: DemoRepo;
  registry: Registry;
  pypi: PypiServer;
  configPath: string;
  /** An existing sandbox was reopened (its registry and PyPI reloaded from disk). */
  resumed: boolean;
  /** The environment every step runs with (isolated CARGO_HOME, stand-ins first on PATH, token). */
  env: Record<string, string | undefined>;
  /** Lines to show before the cockpit opens. */
  notes: string[];
  /** The tools that run for real (cargo, git, poetry...) and those replaced by stand-ins. */
  real: string[];
  standIns: string[];
  close(): Promise<void>;
}

/** A step pointed at the loopback PyPI; what a missing tool cannot do becomes a manual item. */
function adaptStep(step: StepConfig, s: DemoTargets): StepConfig {
  if (step.kind === 'publish-python') {
    // The stand-in's placeholder files are not archives twine could read.
    const check = s.tools?.standIns.includes('poetry') ? { check: [] } : {};
    return { ...step, index: s.pypiIndex, publish: ['poetry', 'publish', '-r', 'local'], ...check };
  }
  if (step.kind === 'verify-python-install') {
    if (s.tools && (!s.tools.venv || s.tools.standIns.includes('poetry'))) {
      return {
        id: step.id,
        kind: 'manual',
        title: step.title ?? `pip install ${step.package} in a fresh venv`,
        details: "Not checked in this demo: it needs real Poetry and Python's venv module.",
      };
    }
    return { ...step, index: s.pypiSimple, intervalSeconds: s.fast ? 1 : 5 };
  }
  return step;
}

/** The release plan the demo runs: the project's own .releaserc.json (the sandbox's copy points it at the loopback servers). */
export const DEMO_BASE_CONFIG: unknown = defaultConfig;

/** The registry tokens of the demo: passed through env only, and masked in every output. */
const DEMO_TOKEN = 'cio-demo-0123456789abcdef';
const DEMO_PYPI_TOKEN = 'pypi-demo-0123456789abcdef';

export interface DemoTargets {
  indexUrl: string;
  webUrl: string;
  pypiIndex: string;
  pypiSimple: string;
  fast: boolean;
  /** From prepareDemoTools: which tools are stand-ins, whether Python can make a venv. */
  tools?: Pick<DemoTools, 'standIns' | 'venv'>;
}

export function demoConfig(base: Config, s: DemoTargets): Config {
  const phases = base.phases.map((phase) => ({
    ...phase,
    steps: phase.steps.map((step) => adaptStep(step, s)),
  }));
  return {
    ...base,
    $schema: undefined,
    secrets: [...base.secrets, 'CARGO_REGISTRIES_LOCAL_TOKEN', 'POETRY_PYPI_TOKEN_LOCAL'],
    crates: {
      ...base.crates,
      graceSeconds: s.fast ? 1 : base.crates.graceSeconds,
      registry: { ...base.crates.registry, name: 'local', index: s.indexUrl, web: `${s.webUrl}/crates` },
    },
    phases,
  };
}

/** A free port: the one used last time when it is still free (the configs keep their URLs). */
async function onPort<T>(port: number | undefined, start: (port: number) => Promise<T>): Promise<T> {
  if (port === undefined) return start(0);
  try {
    return await start(port);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') return start(0);
    throw e;
  }
}

/**
 * Opens the demo's sandbox: the one in `root` when there is one (resumed: the registry and PyPI
 * reload what they stored), else a new one. Only one demo runs at a time (a lock in the root).
 * close() stops the servers and releases the lock; the sandbox stays for the next run.
 */
/**
 * The sandbox's servers are on the loopback: behind a proxy (http_proxy set), cargo, pip and the
 * cockpit's own requests would send them to it; NO_PROXY keeps them direct.
 */
function loopbackDirect(env: Record<string, string | undefined>): Record<string, string> {
  const list = [env.no_proxy ?? env.NO_PROXY, '127.0.0.1', 'localhost'].filter(Boolean).join(',');
  return { no_proxy: list, NO_PROXY: list };
}

export async function startDemoSandbox(opts: DemoOptions): Promise<DemoSandbox> {
  const root = opts.root ?? demoHome();
  const lock = acquireDemoLock(root);
  const notes: string[] = [];
  const cleanup: (() => Promise<void> | void)[] = [() => lock.release()];
  const close = async (): Promise<void> => {
    for (const fn of cleanup.reverse()) await fn();
  };
  try {
    if (opts.fresh) removeSandbox(root);
    const resumed = sandboxExists(root);
    const marker: DemoMarker = resumed
      ? readMarker(root)
      : { format: DEMO_FORMAT, createdAt: new Date().toISOString(), ports: {} };
    const repo = resumed ? demoRepoIn(root) : createDemoRepoAtomically(root, (dir) => writeMarker(dir, marker));
    // Without cargo the release would stop at its first cargo step: the stand-in takes over,
    // publishing to the same loopback registry (nothing compiled) so the whole release still runs.
    const withCargo = !commandExists('cargo');
    if (withCargo) {
      notes.push(
        'cargo is not installed: using the cargo stand-in of release-cockpit (real uploads to the loopback registry, nothing compiled); install Rust (rustup.rs) to see real cargo publish.',
      );
    }
    // crates.io shows a new version within seconds; the demo keeps that order of magnitude.
    const registry = await onPort(marker.ports.registry, (port) =>
      startRegistry({ port, token: DEMO_TOKEN, indexDelayMs: opts.fast ? 300 : 2_000, dir: join(root, 'registry') }),
    );
    cleanup.push(() => registry.close());
    const pypi = await onPort(marker.ports.pypi, (port) =>
      startPypiServer({
        port,
        dir: join(root, 'pypi'),
        token: DEMO_PYPI_TOKEN,
        packages: { micromegas: ['0.13.0', '0.14.0'] },
      }),
    );
    cleanup.push(() => pypi.close());
    writeMarker(root, { ...marker, ports: { registry: portOf(registry.url), pypi: portOf(pypi.url) } });
    const cargo = makeCargoEnv({
      registryIndexUrl: registry.indexUrl,
      token: DEMO_TOKEN,
      cargoHome: join(root, 'cargo-home'),
    });
    const tools = prepareDemoTools({ root, uploadUrl: pypi.uploadUrl, token: DEMO_PYPI_TOKEN });
    notes.push(...tools.notes);
    if (!existsSync(join(tools.binDir, 'gh'))) symlinkSync(join(standInsDir(), 'gh'), join(tools.binDir, 'gh'));
    const env = {
      ...standInEnv({
        log: join(root, 'stand-ins.jsonl'),
        ghState: join(root, 'gh-state.json'),
        base: cargo.env,
        withCargo,
        binDir: tools.binDir,
      }),
      ...tools.env,
      ...loopbackDirect(cargo.env),
    };

    // Through the schema: the defaults the adaptation reads (secrets, crates...) are filled in.
    const config = demoConfig(Config.parse(defaultConfig), {
      indexUrl: registry.indexUrl,
      webUrl: registry.url,
      pypiIndex: pypi.index,
      pypiSimple: pypi.simple,
      fast: opts.fast,
      tools,
    });
    // Outside the work tree: the release's own checks require a clean tree.
    const configPath = join(root, 'releaserc.demo.json');
    writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
    notes.push(
      `sandbox: ${root} (${resumed ? 'resumed' : 'new'}; kept for the next run, \`release-cockpit demo --clean\` removes it)`,
    );
    const standIns = [...(withCargo ? ['cargo'] : []), ...tools.standIns, 'gh'];
    const real = [...(withCargo ? [] : ['cargo']), ...tools.real, 'git'];
    notes.push(
      `cargo registry: ${registry.url}   PyPI: ${pypi.url}   real: ${real.join(', ')}   stand-ins: ${standIns.join(', ')}`,
    );
    return { root, repo, registry, pypi, configPath, env, notes, real, standIns, resumed, close };
  } catch (e) {
    await close();
    throw e;
  }
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

/**
 * One demo at a time: a second one would move the registry the first one publishes to, and
 * --fresh or --clean would remove it. The lock lives beside the sandbox, which they remove.
 */
export function acquireDemoLock(root: string): LockHandle {
  const dir = `${root}-lock`;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    return acquireLock(dir);
  } catch (e) {
    if (isUserError(e))
      throw new UserError(`the demo is already running (${e.message.replace(/\.$/, '')}).`, { hint: e.details.hint });
    throw e;
  }
}
