#!/usr/bin/env node
// Runs every bench/*.mjs (but this one), one after another so they do not compete for the 2
// cores, each as its own process; shows their output as it comes and prints each one's last line
// figures at the end: every `figure: NAME VALUE (target <= T) pass|MISS` line it printed (bench/lib/stats.mjs
// figure()), else its last line. Exits 1 if any benchmark failed.
// Usage: npm run bench [-- --quick]   (--quick sets BENCH_QUICK=1: smaller sizes where supported)
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const self = 'run-all.mjs';
const quick = process.argv.includes('--quick');

/** Runs one benchmark; resolves with its exit status and its last non-empty stdout line. */
function runOne(file, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(here, file)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    let partial = '';
    const figures = [];
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      process.stdout.write(text);
      // Only the end and the figure lines matter: never keep the whole output.
      tail = (tail + text).slice(-8192);
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) if (l.startsWith('figure: ')) figures.push(l.slice('figure: '.length));
    });
    child.once('error', (error) => resolve({ code: null, signal: null, error: error.message, last: '', figures }));
    child.once('close', (code, signal) => {
      if (partial.startsWith('figure: ')) figures.push(partial.slice('figure: '.length));
      const lines = tail.split('\n').filter((l) => l.trim() !== '');
      resolve({ code, signal, last: lines.at(-1) ?? '', figures });
    });
  });
}

async function main() {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.mjs') && f !== self)
    .sort();
  const env = { ...process.env, ...(quick ? { BENCH_QUICK: '1' } : {}) };
  const figures = [];
  let failed = 0;
  for (const file of files) {
    console.log(`\n== ${file}${quick ? ' (quick)' : ''}`);
    const started = performance.now();
    const r = await runOne(file, env);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (r.code === 0) {
      if (r.figures.length > 0) figures.push(...r.figures);
      else figures.push(r.last || `${file}: (no output)`);
      console.log(`== ${file}: done in ${seconds} s`);
    } else {
      failed += 1;
      const why = r.error ?? (r.signal ? `killed by ${r.signal}` : `exit code ${r.code}`);
      figures.push(`${file}: FAILED (${why})${r.last ? `; last line: ${r.last}` : ''}`);
      console.log(`== ${file}: FAILED after ${seconds} s (${why})`);
    }
  }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(`\n== figures (${cpus().length} CPUs, ${cpus()[0]?.model ?? 'unknown CPU'}, load average now ${load})`);
  for (const line of figures) console.log(line);
  if (failed > 0) process.exitCode = 1;
}

await main();
