// The publish queue's overhead: the 12 Micromegas crates published with real cargo through the
// real engine against the loopback registry, index delay 2 s, grace 0, at concurrency 1 and 4.
// Figure: phase wall time / lower bound, where the bound is the verify of the set (verify-first:
// no upload starts before it) plus the longest dependency chain summed over (publish time + index
// delay), publish time per crate measured in the run itself (cargo start -> upload stored by the
// registry). Nothing can beat the bound: a dependent cannot start before its dependency is
// visible. Target: c4 <= 1.15.
import { mkdirSync, rmSync } from 'node:fs';
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
  [src('src/cli/load-config.ts')]: ['loadConfig'],
  [src('src/core/plan.ts')]: ['buildPlan'],
  [src('src/adapters/fs-view.ts')]: ['createFsView'],
  [src('test/sandbox/micromegas-crates.ts')]: ['writeMicromegasWorkspace'],
});
const { openEngine, startRegistry, makeCargoEnv, loadConfig, buildPlan, createFsView, writeMicromegasWorkspace } =
  await import(bundle.url);

const INDEX_DELAY_MS = 2000;
const TOKEN = 'bench-token-0123456789';
const targetDir = join(tmpdir(), 'rc-bench-publish-queue-target');
mkdirSync(targetDir, { recursive: true });

/** Longest chain of (publish time + index delay) through the dependencies the index recorded. */
function criticalPath(plan, publishMs) {
  const memo = new Map();
  const longest = (name) => {
    if (memo.has(name)) return memo.get(name);
    const crate = plan.crates.find((c) => c.name === name);
    const before = Math.max(0, ...crate.dependsOn.filter((d) => publishMs.has(d)).map(longest));
    const total = before + publishMs.get(name) + INDEX_DELAY_MS;
    memo.set(name, total);
    return total;
  };
  return Math.max(...plan.crates.map((c) => longest(c.name)));
}

async function run(concurrency) {
  const reg = await startRegistry({ token: TOKEN, indexDelayMs: INDEX_DELAY_MS });
  const repo = writeMicromegasWorkspace({ indexUrl: reg.indexUrl, concurrency, graceSeconds: 0, git: true });
  const cargo = makeCargoEnv({ registryIndexUrl: reg.indexUrl, token: TOKEN, targetDir });
  try {
    const { config, configPath } = loadConfig(repo);
    const plan = buildPlan(config, configPath, repo, createFsView(repo));
    const engine = await openEngine({ repo, plan, yes: true, env: cargo.env });
    const result = await engine.runToEnd();
    const state = engine.store.getState();
    await engine.close();
    if (result !== 'done')
      throw new Error(`concurrency ${concurrency}: the release ended ${result}: ${state.steps.publish?.reason}`);
    if ([...reg.uploads.values()].some((n) => n !== 1) || reg.uploads.size !== plan.crates.length)
      throw new Error('a crate was not uploaded exactly once');
    const publishMs = new Map(
      plan.crates.map((c) => {
        const upload = reg.uploadLog.find((u) => u.name === c.name);
        return [c.name, upload.at - Date.parse(state.crates[c.name].startedAt)];
      }),
    );
    // Verify-first: no upload may start before the whole set has verified, so the time from the
    // step's start to the first crate's start belongs to the bound, not to the queue's overhead.
    const firstStart = Math.min(...plan.crates.map((c) => Date.parse(state.crates[c.name].startedAt)));
    const verifyMs = firstStart - Date.parse(state.steps.publish.startedAt);
    return { phase: state.steps.publish.durationMs, verifyMs, critical: verifyMs + criticalPath(plan, publishMs) };
  } finally {
    await reg.close();
    rmSync(repo, { recursive: true, force: true });
    rmSync(cargo.cargoHome, { recursive: true, force: true });
  }
}

try {
  // Warm-up (not measured): the first build of each crate fills the shared target dir.
  await run(4);
  const c1 = await run(1);
  const c4 = await run(4);
  const r1 = c1.phase / c1.critical;
  const r4 = c4.phase / c4.critical;
  for (const [n, c] of [
    [1, c1],
    [4, c4],
  ])
    console.log(
      `concurrency ${n}: phase ${c.phase} ms, critical path ${Math.round(c.critical)} ms (verify ${c.verifyMs} ms)`,
    );
  console.log(`publish-queue: concurrency 1 ratio ${r1.toFixed(2)} (no target)`);
  figure(`publish-queue: concurrency 4 / critical path (${c4.phase} ms vs ${Math.round(c4.critical)} ms)`, r4, {
    max: 1.15,
  });
} finally {
  bundle.cleanup();
}
