// How many times state.json is written while 1,000 quick steps run through the real engine
// (runner + store + coalescing file storage). The budget is 20 writes/s; without coalescing the
// store would write on every set() (several per step). Last line: the figure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleModules } from './lib/bundle.mjs';
import { figure } from './lib/stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = await bundleModules({ [join(root, 'src/engine/engine.ts')]: ['openEngine'] });
const { openEngine } = await import(bundle.url);

const STEPS = 1000;
const BUDGET = 20;

function plan(repo) {
  const steps = Array.from({ length: STEPS }, (_, i) => {
    const id = `s${i}`;
    const config = { id, kind: 'run', run: ['true'] };
    return { id, phaseId: `p${Math.floor(i / 100)}`, kind: 'run', title: id, irreversible: false, config };
  });
  const phases = Array.from({ length: STEPS / 100 }, (_, p) => ({
    id: `p${p}`,
    title: `Phase ${p}`,
    steps: steps.slice(p * 100, p * 100 + 100),
  }));
  return {
    project: 'Bench',
    repo,
    configPath: join(repo, '.releaserc.json'),
    version: '1.0.0',
    next: '1.1.0',
    tag: 'v1.0.0',
    crates: [],
    workspaceCrates: [],
    versionFiles: [],
    phases,
    problems: [],
    config: {
      project: 'Bench',
      secrets: [],
      phases: phases.map((p) => ({ id: p.id, title: p.title, steps: p.steps.map((s) => s.config) })),
    },
  };
}

// Each step "works" for about a millisecond: a realistic burst of very short steps.
const quick = {
  kind: 'run',
  irreversible: () => false,
  run: () => new Promise((r) => setTimeout(() => r({ status: 'passed' }), 1)),
};

async function once(intervalMs) {
  const repo = mkdtempSync(join(tmpdir(), 'rc-bench-repo-'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  try {
    const engine = await openEngine({
      repo,
      plan: plan(repo),
      env: {},
      handlers: { run: quick },
      persistIntervalMs: intervalMs,
    });
    // Only the writes of the run: opening the release wrote the state before it (a new session).
    const before = { ...engine.store.storageStats };
    const t0 = performance.now();
    const result = await engine.runToEnd();
    const seconds = (performance.now() - t0) / 1000;
    const writes = engine.store.storageStats.writes - before.writes;
    const requests = engine.store.storageStats.requests - before.requests;
    await engine.close();
    if (result !== 'done') throw new Error(`run ended ${result}`);
    return { writes, requests, seconds };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

const raw = await once(0);
console.log(
  `without coalescing: ${raw.writes} writes for ${raw.requests} store changes in ${raw.seconds.toFixed(2)} s (${(raw.writes / raw.seconds).toFixed(0)} writes/s)`,
);
const c = await once(1000 / BUDGET);
const rate = c.writes / c.seconds;
console.log(`with coalescing: ${c.writes} writes for ${c.requests} store changes in ${c.seconds.toFixed(2)} s`);
bundle.cleanup();
figure(`persist-writes: state writes/s over ${c.seconds.toFixed(2)} s (1,000 steps)`, rate, {
  max: BUDGET,
  digits: 1,
  unit: '/s',
});
