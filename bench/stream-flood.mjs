#!/usr/bin/env node
// A cargo-sized flood (1,000,000 lines, ~75 MB) through the exec adapter into the per-step ring
// buffer and a log file, against the same child writing straight to a file. The secret masker is
// live (a registry token is in the env, as for `cargo publish`), so every line pays for masking.
// Every line of the child must be in the log file and in the reference's file, whole and in order.
// Usage: node bench/stream-flood.mjs [--lines N] [--runs N]
// Last line: stream-flood: ratio <x.xx> (ours <ms> ms / child-to-file <ms> ms), peak RSS <n> MB
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleModules } from './lib/bundle.mjs';
import { figure, mb, median, ownPeakRssKb, timed } from './lib/stats.mjs';
import { expectFloodLines, floodChild } from './lib/flood-child.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'cio-bench-0123456789abcdef0123456789abcdef';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

// The child: cargo-like lines in ~64 KiB blocking writes. Blocking like Rust's std::io (cargo):
// Node's own process.stdout is asynchronous on a socket and would make the child, not the
// reader, the slow side of the pipe (measured: 0.8 s to a socket vs 0.25 s to a file).
const GENERATOR = floodChild();

/** (a) The child alone, both streams redirected to a file. Returns elapsed ms. */
async function referenceRun(generator, lines, dir) {
  const file = join(dir, 'reference.out');
  const fd = openSync(file, 'w');
  const [ms, code] = await timed(
    () =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [generator, String(lines)], { stdio: ['ignore', fd, fd] });
        child.once('error', reject);
        child.once('exit', resolve);
      }),
  );
  closeSync(fd);
  if (code !== 0) throw new Error(`reference child exited with ${code}`);
  expectFloodLines('child-to-file', readFileSync(file, 'utf8'), lines);
  return { ms, bytes: statSync(file).size };
}

/** (b) Ours, in a fresh Node process so its peak RSS is this path's alone. */
async function oursRun(bundleUrl, generator, lines, dir) {
  return new Promise((resolve, reject) => {
    const worker = spawn(
      process.execPath,
      [fileURLToPath(import.meta.url), '--worker', bundleUrl, generator, String(lines), dir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let text = '';
    worker.stdout.on('data', (c) => (text += c));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(text)) : reject(new Error(`worker exited with ${code}`)),
    );
  });
}

async function worker([bundleUrl, generator, linesArg, dir]) {
  const { exec, createOutputHub, openLogFile } = await import(bundleUrl);
  const lines = Number(linesArg);
  const hub = createOutputHub();
  const log = openLogFile(join(dir, 'logs', 'flood.log'));
  const cpu0 = process.cpuUsage();
  const [ms, result] = await timed(async () => {
    const r = await exec([process.execPath, generator, String(lines)], {
      cwd: dir,
      env: { CARGO_REGISTRY_TOKEN: TOKEN },
      // As the engine wires it (src/engine/step-context.ts contextFactory): each chunk's lines to
      // the ring and the log in one call each; no single lines.
      onChunk: (stream, text) => {
        hub.pushText('flood', stream, text);
        log.writeLines(stream, text);
      },
    });
    await log.close();
    return r;
  });
  const cpu = process.cpuUsage(cpu0);
  const view = hub.get('flood');
  if (result.exitCode !== 0 || view.total !== lines) {
    throw new Error(`flood incomplete: exit ${result.exitCode}, ${view.total}/${lines} lines, ${result.error ?? ''}`);
  }
  const logBytes = statSync(join(dir, 'logs', 'flood.log')).size;
  process.stdout.write(
    JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, peakKb: ownPeakRssKb(), held: view.size, logBytes }),
  );
}

async function main() {
  const lines = option('lines', 1_000_000);
  const runs = option('runs', 3);
  const dir = mkdtempSync(join(tmpdir(), 'rc-flood-'));
  const generator = join(dir, 'generate.cjs');
  writeFileSync(generator, GENERATOR);
  const bundle = await bundleModules({
    [join(root, 'src/adapters/exec.ts')]: ['exec'],
    [join(root, 'src/store/output-buffer.ts')]: ['createOutputHub'],
    [join(root, 'src/adapters/log-file.ts')]: ['openLogFile'],
  });
  try {
    const refs = [];
    const ours = [];
    // Interleaved so a noisy moment on the 2 shared cores hits both sides alike.
    for (let i = 0; i < runs; i += 1) {
      const ref = await referenceRun(generator, lines, dir);
      refs.push(ref.ms);
      const o = await oursRun(bundle.url, generator, lines, dir);
      // Checked here, not in the worker: its peak RSS is the path's alone.
      expectFloodLines(
        'log file',
        readFileSync(join(dir, 'logs', 'flood.log'), 'utf8'),
        lines,
        /^(?:\S+Z )?\[(?:out|err)\] /,
      );
      rmSync(join(dir, 'logs'), { recursive: true, force: true });
      ours.push(o);
      console.log(
        `run ${i + 1}: child-to-file ${ref.ms.toFixed(0)} ms (${mb(ref.bytes / 1024)} MB), ` +
          `ours ${o.ms.toFixed(0)} ms (cpu ${o.cpuMs.toFixed(0)} ms, ring ${o.held} lines, log ${mb(o.logBytes / 1024)} MB, peak RSS ${mb(o.peakKb)} MB)`,
      );
    }
    const refMs = median(refs);
    const ourMs = median(ours.map((o) => o.ms));
    const peak = Math.max(...ours.map((o) => o.peakKb));
    figure(
      `stream-flood: exec + ring + log / child-to-file (${ourMs.toFixed(0)} ms vs ${refMs.toFixed(0)} ms)`,
      ourMs / refMs,
      { max: 1.3 },
    );
    figure('stream-flood: peak RSS', mb(peak), { max: 150, digits: 0, unit: ' MB' });
  } finally {
    bundle.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--worker') await worker(process.argv.slice(3));
else await main();
