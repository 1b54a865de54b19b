// The CI log path: a `run` step printing 1,000,000 cargo-like lines (~71 MB) through
// `release-cockpit run --headless` with stdout to a file (the CI log) and the step's own log file,
// against `child 2>&1 | tee log > out` doing the same IO, side by side in one run (median of 3
// each, alternated). Peak RSS of the cockpit process is the kernel's (GNU time's %M).
// Every line of the child must be in both the CI log and the step log, whole and in order, for
// both ways (bench/lib/flood-child.mjs expectFloodLines).
// Each way also runs the same step printing 0 lines: what is left once that is subtracted is the
// per-line cost, apart from the fixed cost of a run (start-up, opening the release, state writes,
// the end-of-run queries) that a flood does not amortise against tee's near-zero start.
// Targets: ratio <= 1.0, per-line cost ratio <= 1.0, peak RSS <= 150 MB.
// Usage: node bench/headless-flood.mjs [--lines N] [--runs N] [--cli PATH]   (builds dist/ first: npm run bench does)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectFloodLines, floodChild } from './lib/flood-child.mjs';
import { figure, median } from './lib/stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const option = (name, fallback, parse = Number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : parse(process.argv[i + 1]);
};
// --cli: another build of the CLI (e.g. an older tree's dist/cli.js, for a before/after).
const cli = option('cli', join(root, 'dist', 'cli.js'), String);
const LINES = option('lines', process.env.BENCH_QUICK ? 200_000 : 1_000_000);
const RUNS = option('runs', process.env.BENCH_QUICK ? 1 : 3);
if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);

function repo(dir, child) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'flood.js'), child);
  const config = {
    project: 'Flood',
    version: '1.0.0',
    phases: [{ id: 'ci', title: 'CI', steps: [{ id: 'flood', kind: 'run', run: ['node', 'flood.js'] }] }],
  };
  writeFileSync(join(dir, '.releaserc.json'), JSON.stringify(config, null, 2));
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git(
    '-c',
    'user.name=b',
    '-c',
    'user.email=b@b',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'init',
  );
}

/**
 * Runs argv under GNU time; resolves with wall ms, peak RSS in KiB and CPU ms (user + sys of the
 * process and the children it waited for: the flood child is in both ways' CPU time).
 */
function timedRun(argv, opts) {
  return new Promise((resolve, reject) => {
    const rss = join(opts.cwd, `rss-${Date.now()}`);
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', rss, ...argv], {
      ...opts,
      stdio: ['ignore', opts.out ?? 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited ${code}`));
      const [rssKb, user, sys] = readFileSync(rss, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      resolve({ ms, rssKb, cpuMs: (user + sys) * 1000 });
    });
  });
}

async function ours(dir) {
  const outFile = join(dir, 'ci.log');
  const { openSync, closeSync } = await import('node:fs');
  const fd = openSync(outFile, 'w');
  const env = { ...process.env, NO_COLOR: '1', XDG_STATE_HOME: join(dir, 'xdg') };
  delete env.CI;
  try {
    const r = await timedRun([process.execPath, cli, 'run', '--headless', '--yes', '--repo', dir], {
      cwd: dir,
      env,
      out: fd,
    });
    return { ...r, outFile };
  } finally {
    closeSync(fd);
  }
}

async function reference(dir) {
  const out = join(dir, 'ref.out');
  const log = join(dir, 'ref.log');
  const r = await timedRun(['sh', '-c', `node flood.js 2>&1 | tee '${log}' > '${out}'`], {
    cwd: dir,
    env: process.env,
  });
  return { ...r, out, log };
}

function stepLog(dir) {
  const base = join(dir, '.git', 'release-cockpit');
  const version = readdirSync(base).find((d) => d === '1.0.0');
  return join(base, version, 'logs', 'flood.log');
}

const CI_PREFIX = /^\d\d:\d\d:\d\d {5}/;
const LOG_PREFIX = /^(?:\S+Z )?\[(?:out|err)\] /;

/** One run of each way with `lines` lines; checks every line of the flood in every output. */
async function both(i, lines) {
  const child = floodChild(lines);
  const a = join(work, `ours-${lines}-${i}`);
  repo(a, child);
  const o = await ours(a);
  expectFloodLines('run --headless CI log', readFileSync(o.outFile, 'utf8'), lines, CI_PREFIX);
  expectFloodLines('run --headless step log', readFileSync(stepLog(a), 'utf8'), lines, LOG_PREFIX);
  rmSync(a, { recursive: true, force: true });

  const b = join(work, `ref-${lines}-${i}`);
  repo(b, child);
  const r = await reference(b);
  expectFloodLines('tee out', readFileSync(r.out, 'utf8'), lines);
  expectFloodLines('tee log', readFileSync(r.log, 'utf8'), lines);
  rmSync(b, { recursive: true, force: true });
  return { ours: o, ref: r };
}

const work = mkdtempSync(join(tmpdir(), 'rc-bench-headless-'));
try {
  const oursMs = [];
  const refMs = [];
  const ours0Ms = [];
  const ref0Ms = [];
  const cpu = { ours: [], ref: [], ours0: [], ref0: [] };
  let peak = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const flood = await both(i, LINES);
    const empty = await both(i, 0);
    cpu.ours.push(flood.ours.cpuMs);
    cpu.ref.push(flood.ref.cpuMs);
    cpu.ours0.push(empty.ours.cpuMs);
    cpu.ref0.push(empty.ref.cpuMs);
    oursMs.push(flood.ours.ms);
    refMs.push(flood.ref.ms);
    ours0Ms.push(empty.ours.ms);
    ref0Ms.push(empty.ref.ms);
    peak = Math.max(peak, flood.ours.rssKb);
    // CPU time (with the child's) moves less than wall time when other work shares the cores.
    console.log(
      `run ${i + 1}: run --headless ${Math.round(flood.ours.ms)} ms (CPU ${Math.round(flood.ours.cpuMs)} ms, peak RSS ${Math.round(flood.ours.rssKb / 1024)} MB; ` +
        `0 lines ${Math.round(empty.ours.ms)} ms, CPU ${Math.round(empty.ours.cpuMs)} ms), ` +
        `tee ${Math.round(flood.ref.ms)} ms (CPU ${Math.round(flood.ref.cpuMs)} ms; 0 lines ${Math.round(empty.ref.ms)} ms, CPU ${Math.round(empty.ref.cpuMs)} ms)`,
    );
  }
  const [o, r, o0, r0] = [oursMs, refMs, ours0Ms, ref0Ms].map(median);
  const [co, cr, co0, cr0] = ['ours', 'ref', 'ours0', 'ref0'].map((k) => Math.round(median(cpu[k])));
  console.log(
    `CPU time (medians, the child's included): run --headless ${co} ms (0 lines ${co0} ms), tee ${cr} ms (0 lines ${cr0} ms)`,
  );
  figure(`headless-flood: run --headless / tee, ${LINES} lines (${Math.round(o)} ms vs ${Math.round(r)} ms)`, o / r, {
    max: 1.0,
  });
  // Noise larger than the flood itself (a loaded machine) leaves nothing to compare: a miss, not a pass.
  const perLine = o > o0 && r > r0 ? (o - o0) / (r - r0) : Number.NaN;
  if (Number.isNaN(perLine)) console.log('per-line cost unmeasured: a 0-line run took as long as the flood');
  figure(
    `headless-flood: per-line cost, each way minus its 0-line run (${Math.round(o - o0)} ms vs ${Math.round(r - r0)} ms; fixed cost ${Math.round(o0)} ms vs ${Math.round(r0)} ms)`,
    perLine,
    { max: 1.0 },
  );
  figure('headless-flood: peak RSS of run --headless', peak / 1024, { max: 150, digits: 0, unit: ' MB' });
} finally {
  rmSync(work, { recursive: true, force: true });
}
