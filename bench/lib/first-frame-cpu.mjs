#!/usr/bin/env node
// CPU time to the cockpit's first frame, steadier than wall time on a shared machine: builds
// started alternately in tmux, each with cpu-at-frame.cjs preloaded, which records the process's
// CPU time (user + system, every thread) and its ms since start at the first write of the header,
// then of the open release (`steps done`). Prints medians and minima per build, and the load
// average. Not part of `npm run bench` (first-frame.mjs is the figure); for before/after work.
// Usage: node bench/lib/first-frame-cpu.mjs [--runs N] LABEL=PATH/cli.js [LABEL=...]
//   (PATH may start with node flags: "big=--max-semi-space-size=16 dist/cli.js")
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TmuxServer } from './pty.mjs';
import { median } from './stats.mjs';

const preload = fileURLToPath(new URL('cpu-at-frame.cjs', import.meta.url));
const args = process.argv.slice(2);
const r = args.indexOf('--runs');
const RUNS = r === -1 ? 10 : Number(args.splice(r, 2)[1]);
const builds = args.map((a) => {
  const at = a.indexOf('=');
  if (at < 1) throw new Error(`expected LABEL=PATH/cli.js, got ${a}`);
  const argv = a.slice(at + 1).split(' ');
  argv[argv.length - 1] = resolve(argv[argv.length - 1]);
  return { label: a.slice(0, at), argv };
});
if (builds.length === 0) throw new Error('usage: first-frame-cpu.mjs [--runs N] LABEL=PATH/cli.js [LABEL=...]');
const PROJECT = 'FirstFrame';

function makeRepo(dir) {
  mkdirSync(dir, { recursive: true });
  const steps = [{ id: 'hello', kind: 'run', run: ['node', '-e', '0'] }];
  const config = { project: PROJECT, version: '1.0.0', phases: [{ id: 'ci', title: 'CI', steps }] };
  writeFileSync(join(dir, '.releaserc.json'), JSON.stringify(config, null, 2));
  const git = (...a) => execFileSync('git', a, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=b', '-c', 'user.email=b@b', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'init');
}

/** One start of `build` in a fresh repo: { first: [cpu, ms], open: [cpu, ms] }. */
async function once(server, work, build, run) {
  const name = `${build.label}-${run}`;
  const repo = join(work, name);
  makeRepo(repo);
  const out = join(work, `${name}.cpu`);
  const env = { NODE_OPTIONS: `--require ${preload}`, RC_CPU_OUT: out, RC_CPU_PROJECT: PROJECT };
  const client = server.start(name, [process.execPath, ...build.argv, '--repo', repo], { cwd: repo, env });
  try {
    await client.ready;
    await client.until((s) => s.includes('steps done'), { timeoutMs: 30_000 });
  } finally {
    client.close();
    try {
      server.tmux('kill-session', '-t', name);
    } catch {
      // Already ended.
    }
  }
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  return Object.fromEntries(lines.map((l) => l.split(' ')).map(([k, cpu, ms]) => [k, [Number(cpu), Number(ms)]]));
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const work = mkdtempSync(join(tmpdir(), 'rc-bench-cpu-'));
const server = new TmuxServer({ cols: 120, rows: 40 });
const got = new Map(builds.map((b) => [b.label, []]));
try {
  console.log(`load average before: ${load()}`);
  for (let run = 0; run < RUNS; run += 1) {
    for (const b of run % 2 === 0 ? builds : [...builds].reverse())
      got.get(b.label).push(await once(server, work, b, run));
  }
  console.log(`load average after: ${load()}`);
} finally {
  server.kill();
  rmSync(work, { recursive: true, force: true });
}
const stat = (values) => `median ${median(values).toFixed(0)}, min ${Math.min(...values).toFixed(0)}`;
for (const [label, runs] of got) {
  const col = (mark, i) => runs.map((x) => x[mark][i]);
  console.log(
    `${label}: first frame CPU ${stat(col('first', 0))} ms, at ${stat(col('first', 1))} ms; open release CPU ${stat(col('open', 0))} ms, at ${stat(col('open', 1))} ms`,
  );
}
