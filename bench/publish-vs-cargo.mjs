// The cockpit's crate queue against cargo's own ways of publishing a workspace: the seed's 12
// Micromegas crates (8 layers on the critical path), real cargo, each way on a fresh loopback
// registry whose index shows a version some time after the upload, each with a fresh target dir.
//   loop:      release.py's `cargo publish -p X` in publish order (cargo waits for the index itself)
//   workspace: `cargo publish -p A -p B ...` (cargo's multi-package publish: verify all, upload by layer)
//   cockpit:   the engine's publish-crates step (verify-first, concurrency 4, grace 0)
// Two variants: light crates (index delay 1.5 s) and heavy ones (150 generated functions each,
// index delay 1 s). The physical floor is one verify of the set (`cargo package` of the 12, timed
// in the same run, or the cockpit's own verify when faster) plus one index delay per layer. Every
// crate must be uploaded exactly once. The cockpit's run also prints where its time went.
// Targets: cockpit/workspace <= 0.85 heavy, <= 0.9 light; cockpit/floor <= 1.1.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleModules } from './lib/bundle.mjs';
import { figure } from './lib/stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = (p) => join(root, p);
const bundle = await bundleModules({
  [src('src/engine/engine.ts')]: ['openEngine'],
  [src('src/sandbox/registry-server.ts')]: ['startRegistry'],
  [src('src/sandbox/cargo-env.ts')]: ['makeCargoEnv'],
  [src('src/sandbox/demo-crates.ts')]: ['DEMO_CRATES'],
  [src('src/cli/load-config.ts')]: ['loadConfig'],
  [src('src/core/plan.ts')]: ['buildPlan'],
  [src('src/adapters/fs-view.ts')]: ['createFsView'],
  [src('test/sandbox/micromegas-crates.ts')]: ['writeMicromegasWorkspace'],
});
const {
  openEngine,
  startRegistry,
  makeCargoEnv,
  DEMO_CRATES,
  loadConfig,
  buildPlan,
  createFsView,
  writeMicromegasWorkspace,
} = await import(bundle.url);

const TOKEN = 'bench-token-0123456789';
const VARIANTS = [
  { name: 'light', indexDelayMs: 1500, functions: 0, target: 0.9 },
  { name: 'heavy', indexDelayMs: 1000, functions: 150, target: 0.85 },
];

/** Rust a debug build has to work for: loops, matches, formatting. */
function generated(count, procMacro) {
  const vis = procMacro ? '' : 'pub ';
  const fns = Array.from({ length: count }, (_, i) =>
    [
      `${vis}fn gen_${i}(input: &[u64]) -> u64 {`,
      `    let mut acc: u64 = ${i};`,
      '    for (k, v) in input.iter().enumerate() {',
      `        acc = match (k + ${i}) % 4 { 0 => acc.wrapping_add(*v), 1 => acc ^ v.rotate_left(${i % 63}), 2 => acc.wrapping_mul(*v | 1), _ => acc.wrapping_sub(*v >> 3) };`,
      '    }',
      '    let s = format!("{}-{}", acc, input.len());',
      '    acc ^ s.len() as u64',
      '}',
    ].join('\n'),
  );
  const body = fns.join('\n');
  return procMacro ? `\n#[allow(dead_code)]\nmod generated {\n${body}\n}\n` : `\n${body}\n`;
}

function workspace(indexUrl, functions) {
  const dir = writeMicromegasWorkspace({ indexUrl, concurrency: 4, graceSeconds: 0, git: true });
  if (functions > 0) {
    for (const c of DEMO_CRATES.filter((x) => !x.binary))
      appendFileSync(join(dir, 'rust', c.dir, 'src', 'lib.rs'), generated(functions, c.procMacro));
    execFileSync('git', ['commit', '-q', '-am', 'generated functions'], { cwd: dir });
  }
  return dir;
}

function cargo(args, cwd, env) {
  return new Promise((resolve, reject) => {
    const child = spawn('cargo', args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    child.stderr.on('data', (d) => (tail = (tail + d).slice(-4000)));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`cargo ${args.join(' ')} exited ${code}: ${tail}`)),
    );
  });
}

/** One way on a fresh registry, workspace and target dir: its wall time in ms (the cockpit's: and its verify's). */
async function measure(variant, way, publishOrder) {
  const reg = await startRegistry({ token: TOKEN, indexDelayMs: variant.indexDelayMs });
  const repo = workspace(reg.indexUrl, variant.functions);
  const targetDir = mkdtempSync(join(tmpdir(), 'rc-bench-pvc-target-'));
  const env = makeCargoEnv({ registryIndexUrl: reg.indexUrl, token: TOKEN, targetDir });
  const rust = join(repo, 'rust');
  let verifyMs;
  try {
    const started = performance.now();
    if (way === 'verify') await cargo(['package', ...publishOrder.flatMap((n) => ['-p', n])], rust, env.env);
    else if (way === 'loop') for (const n of publishOrder) await cargo(['publish', '-p', n], rust, env.env);
    else if (way === 'workspace') await cargo(['publish', ...publishOrder.flatMap((n) => ['-p', n])], rust, env.env);
    else verifyMs = await cockpit(repo, env.env, reg, variant.name);
    const ms = performance.now() - started;
    if (way !== 'verify') {
      const wrong = publishOrder.filter((n) => reg.uploads.get(`${n}@0.15.0`) !== 1);
      if (wrong.length > 0 || reg.uploads.size !== publishOrder.length)
        throw new Error(`${way}: not every crate uploaded exactly once: ${wrong.join(', ')}`);
    }
    return { ms, verifyMs };
  } finally {
    await reg.close();
    for (const d of [repo, targetDir, env.cargoHome]) rmSync(d, { recursive: true, force: true });
  }
}

async function cockpit(repo, env, reg, label) {
  const { config, configPath } = loadConfig(repo);
  const plan = buildPlan(config, configPath, repo, createFsView(repo));
  const engine = await openEngine({ repo, plan, yes: true, env });
  const result = await engine.runToEnd();
  const state = engine.store.getState();
  await engine.close();
  if (result !== 'done') throw new Error(`cockpit: the release ended ${result}: ${state.steps.publish?.reason}`);
  const b = breakdown(plan, state, reg);
  console.log(`${label}: cockpit ${b.text}`);
  return b.verifyMs;
}

/** Where the cockpit's time went: the verify, each upload's cargo run, each wait on the index. */
function breakdown(plan, state, reg) {
  const at = (iso) => Date.parse(iso);
  const stepStart = at(state.steps.publish.startedAt);
  const crates = plan.crates.map((c) => {
    const s = state.crates[c.name];
    const uploaded = reg.uploadLog.find((u) => u.name === c.name).at;
    return { start: at(s.startedAt), upload: uploaded - at(s.startedAt), index: at(s.publishedAt) - uploaded };
  });
  const verify = Math.min(...crates.map((c) => c.start)) - stepStart;
  const mean = (k) => Math.round(crates.reduce((n, c) => n + c[k], 0) / crates.length);
  const max = (k) => Math.max(...crates.map((c) => c[k]));
  const text = `phase ${state.steps.publish.durationMs} ms: verify ${verify} ms, upload (its start to the registry storing it) mean ${mean('upload')} ms (max ${max('upload')}), upload to seen on the index mean ${mean('index')} ms (max ${max('index')})`;
  return { verifyMs: verify, text };
}

function layersOf(repo) {
  const { config, configPath } = loadConfig(repo);
  const plan = buildPlan(config, configPath, repo, createFsView(repo));
  return { order: plan.crates.map((c) => c.name), layers: Math.max(...plan.crates.map((c) => c.layer)) + 1 };
}

const shape = (() => {
  const dir = writeMicromegasWorkspace({ indexUrl: 'sparse+http://127.0.0.1:1/index/', git: false });
  try {
    return layersOf(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

const results = [];
try {
  for (const v of VARIANTS) {
    const t = {};
    for (const way of ['verify', 'loop', 'workspace', 'cockpit']) {
      const m = await measure(v, way, shape.order);
      t[way] = m.ms;
      if (way === 'cockpit') t.cockpitVerify = m.verifyMs;
      console.log(`${v.name}: ${way} ${(t[way] / 1000).toFixed(2)} s`);
    }
    // The fastest verify of the set seen in this run: cargo's own `cargo package`, or the cockpit's.
    const verify = Math.min(t.verify, t.cockpitVerify);
    const floor = verify + shape.layers * v.indexDelayMs;
    console.log(
      `${v.name}: physical floor ${(floor / 1000).toFixed(2)} s (verify ${(verify / 1000).toFixed(2)} s + ${shape.layers} layers x ${v.indexDelayMs} ms; cargo package ${(t.verify / 1000).toFixed(2)} s, the cockpit's verify ${(t.cockpitVerify / 1000).toFixed(2)} s)`,
    );
    console.log(`${v.name}: loop/workspace ${(t.loop / t.workspace).toFixed(2)}`);
    results.push({ v, t, floor });
  }
  for (const { v, t, floor } of results) {
    figure(
      `publish-vs-cargo ${v.name}: cockpit/cargo-workspace (${(t.cockpit / 1000).toFixed(1)} s vs ${(t.workspace / 1000).toFixed(1)} s)`,
      t.cockpit / t.workspace,
      { max: v.target },
    );
    figure(`publish-vs-cargo ${v.name}: cockpit/physical-floor (${(floor / 1000).toFixed(1)} s)`, t.cockpit / floor, {
      max: 1.1,
    });
  }
} finally {
  bundle.cleanup();
}
