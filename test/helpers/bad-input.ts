// The bad input corpus's cases (test/cli/bad-input/) and how one runs: a fresh repository with the
// case's files, then the built CLI in it, off a terminal.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLI } from './cli.js';
import { useTempDirs } from './temp-dir.js';

export interface Case {
  name: string;
  args: string[];
  /** Files of the repository; `.releaserc.json` defaults to a valid config. */
  files?: Record<string, string>;
  /** Overrides merged into the valid config (ignored when files has `.releaserc.json`). */
  config?: Record<string, unknown>;
  git?: boolean;
  /** Extra setup in the repository directory. */
  setup?: (dir: string) => void;
  /** A mistake the plan finds: its problem line, then one sentence saying the run was refused. */
  planProblem?: boolean;
  expect: RegExp;
}

export const step = (s: Record<string, unknown>) => ({ phases: [{ id: 'checks', title: 'Checks', steps: [s] }] });
export const valid = {
  project: 'Corpus',
  version: '1.0.0',
  ...step({ id: 'hello', kind: 'run', run: ['node', '-e', '0'] }),
};
function repoFor(c: Case, tempDir: () => string): string {
  const dir = tempDir();
  const files: Record<string, string> = {
    '.releaserc.json': JSON.stringify({ ...valid, ...c.config }, null, 2),
    ...c.files,
  };
  if (c.files && Object.keys(c.files).length === 0) delete files['.releaserc.json'];
  if (c.git) execFileSync('git', ['init', '-q'], { cwd: dir });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  c.setup?.(dir);
  return dir;
}

export interface CaseResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCase(c: Case, tempDir: () => string): Promise<CaseResult> {
  const dir = repoFor(c, tempDir);
  const args = c.args.includes('--repo') ? c.args : ['--repo', dir, ...c.args];
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', CI: 'true' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Registers the removal of the cases' repositories after each test; returns the runner. */
export function useCaseRuns(): (c: Case) => Promise<CaseResult> {
  const tempDir = useTempDirs('rc-corpus-');
  return (c) => runCase(c, tempDir);
}
