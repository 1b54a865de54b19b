// The 12 published crates of Micromegas v0.15.0 (plus its never-published binaries) as a cargo
// workspace that builds offline: the demo generator's rust/ tree. test/fixtures/micromegas has
// the real manifests' external dependencies (datafusion, syn, ...) for the plan tests, so it
// cannot be published without the network.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEMO_PUBLISH_ORDER } from '../../src/sandbox/demo-crates.js';
import { demoFiles } from '../../src/sandbox/demo-files.js';

export const MICROMEGAS_CRATES = DEMO_PUBLISH_ORDER;

export interface MicromegasOptions {
  indexUrl: string;
  concurrency?: number;
  graceSeconds?: number;
  /** Overrides the configured publish command. */
  command?: string[];
  /** crates.verifyFirst (default true). */
  verifyFirst?: boolean;
  /** git init + commit everything (the CLI keeps its state in the git dir; cargo wants a clean tree). */
  git?: boolean;
}

export function writeMicromegasWorkspace(opts: MicromegasOptions): string {
  const dir = mkdtempSync(join(tmpdir(), 'rc-micromegas-'));
  for (const [rel, text] of demoFiles('0.15.0')) {
    if (!rel.startsWith('rust/') || rel.startsWith('rust/datafusion-wasm/')) continue;
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  const crates: Record<string, unknown> = {
    workspace: 'rust',
    publish: MICROMEGAS_CRATES,
    graceSeconds: opts.graceSeconds ?? 0,
    concurrency: opts.concurrency ?? 1,
    indexTimeoutSeconds: 60,
    maxRetries: 5,
    registry: { name: 'local', index: opts.indexUrl },
  };
  if (opts.command) crates.command = opts.command;
  if (opts.verifyFirst !== undefined) crates.verifyFirst = opts.verifyFirst;
  const config = {
    project: 'Micromegas',
    crates,
    phases: [
      {
        id: 'crates',
        title: 'Phase 1: Rust crates',
        steps: [{ id: 'publish', kind: 'publish-crates', title: 'Publish crates' }],
      },
    ],
  };
  writeFileSync(join(dir, '.releaserc.json'), `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(join(dir, '.gitignore'), 'rust/target/\n');
  // Path dependencies only: the lock file needs no network.
  execFileSync('cargo', ['generate-lockfile', '--offline'], { cwd: join(dir, 'rust'), stdio: 'ignore' });
  if (opts.git) {
    const git = (args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git(['init', '-q', '-b', 'main']);
    git(['config', 'commit.gpgsign', 'false']);
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'Micromegas 0.15.0']);
  }
  return dir;
}

/** Internal dependencies of each crate, as the index will list them. */
export function dependencyMap(reg: { uploadLog: { name: string; deps: string[] }[] }): Map<string, string[]> {
  const internal = new Set(MICROMEGAS_CRATES);
  return new Map(reg.uploadLog.map((u) => [u.name, u.deps.filter((d) => internal.has(d))]));
}
