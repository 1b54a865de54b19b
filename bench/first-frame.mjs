#!/usr/bin/env node
// Time to the first frame in a real terminal (tmux): from starting the process until the screen
// shows the cockpit's header (`Project vX`), against a minimal Ink app (one Box, one Text) bundled
// the way scripts/build.mjs bundles the CLI, started the same way in the same run (alternated,
// median of each). The minimal app is the floor of any Ink program on this machine right now:
// the ratio says how much the cockpit adds to it. Target: first frame <= 250 ms.
// Needs `npm run build` (dist/cli.js) and tmux. BENCH_QUICK=1: 3 runs each.
// Usage: node bench/first-frame.mjs [--runs N]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { TmuxServer } from './lib/pty.mjs';
import { figure, median } from './lib/stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const i = process.argv.indexOf('--runs');
const RUNS = i === -1 ? (process.env.BENCH_QUICK ? 3 : 7) : Number(process.argv[i + 1]);
const PROJECT = 'FirstFrame';
const VERSION = '1.0.0';

const MINIMAL = `
import React from 'react';
import { render, Box, Text } from 'ink';
render(React.createElement(Box, { borderStyle: 'round' }, React.createElement(Text, null, 'Minimal v1.0.0')));
setInterval(() => {}, 1000);
`;

/** The minimal Ink app, bundled with the CLI's own esbuild settings. */
async function bundleMinimal(dir) {
  const entry = join(dir, 'minimal.mjs');
  writeFileSync(entry, MINIMAL);
  const outfile = join(dir, 'minimal.bundle.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    nodePaths: [join(root, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'react-devtools-core': join(root, 'scripts', 'devtools-stub.mjs') },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
  return outfile;
}

/** A git repository with a one-step release config. */
function makeRepo(dir) {
  const config = {
    project: PROJECT,
    version: VERSION,
    phases: [{ id: 'ci', title: 'CI', steps: [{ id: 'hello', kind: 'run', run: ['node', '-e', '0'] }] }],
  };
  writeFileSync(join(dir, '.releaserc.json'), JSON.stringify(config, null, 2));
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=b', '-c', 'user.email=b@b', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'init');
}

/** ms from starting argv in a fresh session until its screen contains `text`. */
async function firstFrame(server, name, argv, cwd, text) {
  const t0 = performance.now();
  const client = server.start(name, argv, { cwd });
  try {
    await client.ready;
    return await client.until((s) => s.includes(text), { since: t0, timeoutMs: 20_000 });
  } finally {
    client.close();
    try {
      server.tmux('kill-session', '-t', name);
    } catch {
      // Already ended.
    }
  }
}

if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
const work = mkdtempSync(join(tmpdir(), 'rc-bench-first-frame-'));
const server = new TmuxServer({ cols: 120, rows: 40 });
try {
  const minimal = await bundleMinimal(work);
  const ours = [];
  const floor = [];
  for (let run = 0; run < RUNS; run += 1) {
    const repo = join(work, `repo-${run}`);
    execFileSync('mkdir', ['-p', repo]);
    makeRepo(repo);
    floor.push(await firstFrame(server, `minimal-${run}`, [process.execPath, minimal], work, 'Minimal v1.0.0'));
    ours.push(
      await firstFrame(
        server,
        `cockpit-${run}`,
        [process.execPath, cli, '--repo', repo],
        repo,
        `${PROJECT} v${VERSION}`,
      ),
    );
    console.log(`run ${run + 1}: cockpit ${ours.at(-1).toFixed(0)} ms, minimal Ink app ${floor.at(-1).toFixed(0)} ms`);
  }
  const a = median(ours);
  const b = median(floor);
  figure(`first-frame: cockpit (minimal Ink app ${b.toFixed(0)} ms, ratio ${(a / b).toFixed(2)})`, a, {
    max: 250,
    digits: 0,
    unit: ' ms',
  });
} finally {
  server.kill();
  rmSync(work, { recursive: true, force: true });
}
