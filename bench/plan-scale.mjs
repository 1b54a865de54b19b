// Plan scale benchmark: a generated 2,000-crate workspace with random DAG dependencies.
// Times `release-cockpit plan --json` against `cargo metadata --no-deps --offline` on the same
// tree, both as whole processes (start-up included), median of 5 runs after one warm-up each.
// Run after `npm run build`. Last line: `plan-scale: ratio <x.xx> (ours <ms> ms / cargo <ms> ms)`.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure } from './lib/stats.mjs';

const CRATES = Number(process.env.PLAN_SCALE_CRATES ?? 2000);
const RUNS = 5;
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('plan-scale: dist/cli.js is missing; run `npm run build` first.');
  process.exit(1);
}

// Deterministic PRNG (mulberry32) so every run measures the same tree.
let seed = 0x5eed;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

function generate(dir) {
  const name = (i) => `bench-crate-${String(i).padStart(4, '0')}`;
  const wsDeps = [];
  for (let i = 0; i < CRATES; i++) {
    const n = name(i);
    const deps = new Set();
    // Up to 6 dependencies on lower-numbered crates: a random DAG, deep and wide.
    const count = i === 0 ? 0 : Math.floor(rand() * Math.min(7, i + 1));
    for (let k = 0; k < count; k++) deps.add(Math.floor(rand() * i));
    const depLines = [...deps].map((d) => `${name(d)}.workspace = true`).join('\n');
    const crateDir = join(dir, 'rust', 'crates', n);
    mkdirSync(join(crateDir, 'src'), { recursive: true });
    writeFileSync(
      join(crateDir, 'Cargo.toml'),
      `[package]\nname = "${n}"\ndescription = "Generated crate ${i}"\nversion.workspace = true\nedition.workspace = true\nlicense.workspace = true\n\n[dependencies]\n${depLines}\nserde = { version = "1.0", features = ["derive"] }\n\n[dev-dependencies]\nanyhow = "1.0"\n`,
    );
    writeFileSync(join(crateDir, 'src', 'lib.rs'), '');
    writeFileSync(join(crateDir, 'README.md'), `# ${n}\n`);
    wsDeps.push(`${n} = { path = "crates/${n}", version = "1.4.0" }`);
  }
  writeFileSync(
    join(dir, 'rust', 'Cargo.toml'),
    `[workspace]\nresolver = "2"\nmembers = ["crates/*"]\n\n[workspace.package]\nversion = "1.4.0"\nedition = "2021"\nlicense = "MIT"\n\n[workspace.dependencies]\n${wsDeps.join('\n')}\n`,
  );
  // The publish list in a shuffled order: the plan has to reorder most of it.
  const publish = Array.from({ length: CRATES }, (_, i) => name(i));
  for (let i = publish.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [publish[i], publish[j]] = [publish[j], publish[i]];
  }
  const config = {
    project: 'plan-scale',
    crates: { workspace: 'rust', publish },
    versionFiles: ['rust/Cargo.toml'],
    phases: [
      {
        id: 'crates',
        title: 'Crates',
        steps: [
          { id: 'verify', kind: 'verify-versions' },
          { id: 'publish', kind: 'publish-crates' },
        ],
      },
    ],
  };
  writeFileSync(join(dir, '.releaserc.json'), JSON.stringify(config, null, 2));
}

function time(cmd, args, cwd, check) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error || r.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr ?? '').slice(0, 500)}`,
    );
  }
  check?.(r.stdout);
  return ms;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const dir = mkdtempSync(join(tmpdir(), 'plan-scale-'));
try {
  generate(dir);
  const ours = () =>
    time(process.execPath, [cli, 'plan', '--json', '--repo', dir], root, (out) => {
      const plan = JSON.parse(out);
      if (plan.crates.length !== CRATES)
        throw new Error(`plan listed ${plan.crates.length} crates, expected ${CRATES}`);
    });
  const cargo = () =>
    time('cargo', ['metadata', '--no-deps', '--offline', '--format-version', '1'], join(dir, 'rust'), (out) => {
      const n = JSON.parse(out).packages.length;
      if (n !== CRATES) throw new Error(`cargo metadata listed ${n} packages, expected ${CRATES}`);
    });
  // One warm-up each (page cache, cargo's first-run work), then interleaved runs for fairness.
  ours();
  cargo();
  const oursMs = [];
  const cargoMs = [];
  for (let i = 0; i < RUNS; i++) {
    oursMs.push(ours());
    cargoMs.push(cargo());
  }
  const o = median(oursMs);
  const c = median(cargoMs);
  console.log(`plan-scale: ${CRATES} crates, random DAG, shuffled publish list, ${RUNS} runs each (median)`);
  console.log(`  release-cockpit plan --json : ${oursMs.map((x) => x.toFixed(0)).join(', ')} ms`);
  console.log(`  cargo metadata --no-deps     : ${cargoMs.map((x) => x.toFixed(0)).join(', ')} ms`);
  figure(`plan-scale: plan --json / cargo metadata (${o.toFixed(0)} ms vs ${c.toFixed(0)} ms)`, o / c, { max: 1.0 });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
