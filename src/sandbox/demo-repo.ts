// Writes the Micromegas-shaped demo repository: the previous release (tagged and pushed to a
// bare "origin" on disk), the post-release bump to the version being released, and a history
// of commits with PR numbers for the changelog. Real git, real files; no network.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, appendFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEMO_HISTORY } from './demo-crates.js';
import { demoFiles } from './demo-files.js';

export interface DemoRepo {
  /** The work tree. */
  dir: string;
  /** The bare repository standing in for GitHub. */
  remote: string;
  version: string;
  previousVersion: string;
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Marc-Antoine Desroches',
  GIT_AUTHOR_EMAIL: 'madesroches@example.invalid',
  GIT_COMMITTER_NAME: 'Marc-Antoine Desroches',
  GIT_COMMITTER_EMAIL: 'madesroches@example.invalid',
};

function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...GIT_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

function writeAll(root: string, files: Map<string, string>): void {
  for (const [rel, content] of files) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** Cargo.lock of the workspace, so bumps have workspace entries to edit (no network: no external deps). */
function lockWorkspace(root: string): void {
  try {
    execFileSync('cargo', ['generate-lockfile', '--offline'], {
      cwd: join(root, 'rust'),
      stdio: 'ignore',
      env: process.env,
    });
  } catch {
    // Without cargo the demo runs its stand-in; a repo without Cargo.lock is still valid.
  }
}

export function createDemoRepo(root: string, version = '0.15.0', previousVersion = '0.14.0'): DemoRepo {
  const dir = join(root, 'micromegas');
  const remote = join(root, 'origin.git');
  mkdirSync(dir, { recursive: true });
  git(root, ['init', '-q', '--bare', '-b', 'main', remote]);
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  git(dir, ['config', 'tag.gpgsign', 'false']);
  git(dir, ['remote', 'add', 'origin', remote]);

  // The previous release, a month ago.
  const past = { GIT_AUTHOR_DATE: '2025-10-23T12:00:00Z', GIT_COMMITTER_DATE: '2025-10-23T12:00:00Z' };
  writeAll(dir, demoFiles(previousVersion));
  lockWorkspace(dir);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', `Release v${previousVersion}`], past);
  git(dir, ['tag', '-a', `v${previousVersion}`, '-m', `Micromegas v${previousVersion}`], past);

  // The post-release bump that opened this cycle, then the work of the cycle.
  writeAll(dir, demoFiles(version));
  lockWorkspace(dir);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', `Bump version to ${version} for next development cycle`], past);
  DEMO_HISTORY.forEach((c, i) => {
    const abs = join(dir, c.file);
    mkdirSync(dirname(abs), { recursive: true });
    appendFileSync(abs, c.file.endsWith('.rs') ? `// ${c.subject}\n` : `# ${c.subject}\n`);
    const when = new Date(Date.UTC(2025, 9, 24 + i, 10)).toISOString();
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', c.subject], { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when });
  });
  git(dir, ['push', '-q', 'origin', 'main', `v${previousVersion}`]);
  git(dir, ['branch', '-q', '--set-upstream-to=origin/main', 'main']);
  return { dir, remote, version, previousVersion };
}

/** The demo repository of an existing sandbox (demo resumed). */
export function demoRepoIn(root: string, version = '0.15.0', previousVersion = '0.14.0'): DemoRepo {
  return { dir: join(root, 'micromegas'), remote: join(root, 'origin.git'), version, previousVersion };
}

/**
 * A new demo repository in `root`, built beside it and renamed into place: a demo killed while
 * building leaves no half-made sandbox that a later run would take for a real one.
 */
export function createDemoRepoAtomically(root: string, writeMarker: (dir: string) => void): DemoRepo {
  const build = `${root}.new-${process.pid}`;
  rmSync(build, { recursive: true, force: true });
  createDemoRepo(build);
  writeMarker(build);
  rmSync(root, { recursive: true, force: true }); // empty or absent: sandboxExists() said so
  renameSync(build, root);
  const repo = demoRepoIn(root);
  git(repo.dir, ['remote', 'set-url', 'origin', repo.remote]);
  return repo;
}
