// A real publish setup for tests: a fixture workspace copied to a temp dir (outside any git repo,
// so cargo does not check the VCS), the loopback registry, an isolated CARGO_HOME, and a step
// context wired to the real exec adapter, journal and release store.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { diskFiles } from '../../src/adapters/step-files.js';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { exec } from '../../src/adapters/exec.js';
import { createFsView } from '../../src/adapters/fs-view.js';
import { parseConfigText } from '../../src/config/load.js';
import type { Config } from '../../src/core/config/config.js';
import { buildPlan } from '../../src/core/plan.js';
import type { Plan } from '../../src/core/plan-types.js';
import { openJournal, type FileJournal } from '../../src/engine/journal.js';
import type { StepContext } from '../../src/engine/step-types.js';
import { makeCargoEnv } from '../../src/sandbox/cargo-env.js';
import { startRegistry, type Registry, type StartRegistryOptions } from '../../src/sandbox/registry-server.js';
import { createReleaseStore, type ReleaseStore } from '../../src/store/release-store.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const TOKEN = 'cio-test-token-0123456789';

/** A shared CARGO_TARGET_DIR per test file: verify builds are reused across tests. */
export function sharedTargetDir(name: string): string {
  const dir = join(tmpdir(), `rc-target-${name}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `rc-ws-${name}-`));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** The fixture's .releaserc.json with `crates` overrides, written back, then planned. */
export function planFor(ws: string, crates: Partial<Config['crates']> & Record<string, unknown> = {}): Plan {
  const file = join(ws, '.releaserc.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { crates: Record<string, unknown> };
  raw.crates = { ...raw.crates, ...crates };
  const text = JSON.stringify(raw, null, 2);
  writeFileSync(file, text);
  const plan = buildPlan(parseConfigText(text, file), file, ws, createFsView(ws));
  const errors = plan.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`fixture plan has errors: ${errors.map((e) => e.message).join('; ')}`);
  return plan;
}

export interface Harness {
  ws: string;
  reg: Registry;
  env: Record<string, string | undefined>;
  stateDir: string;
  plan: Plan;
  store: ReleaseStore;
  journal: FileJournal;
  lines: string[];
  /** Publishes with cargo outside the queue (another hand, an earlier attempt). */
  publishByHand(crate: string): Promise<void>;
  /** A fresh context (a new "session": same store, journal and registry). */
  context(opts?: { signal?: AbortSignal; dryRun?: boolean; plan?: Plan }): StepContext;
  close(): Promise<void>;
}

export interface HarnessOptions {
  fixture?: string;
  /** Builds the workspace instead of copying a fixture (given the registry's index URL). */
  prepare?: (indexUrl: string) => string;
  registry?: StartRegistryOptions;
  crates?: Partial<Config['crates']> & Record<string, unknown>;
  targetDir: string;
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const reg = await startRegistry({ token: TOKEN, ...opts.registry });
  const ws = opts.prepare ? opts.prepare(reg.indexUrl) : copyFixture(opts.fixture ?? 'tiny-workspace');
  const cargo = makeCargoEnv({ registryIndexUrl: reg.indexUrl, token: TOKEN, targetDir: opts.targetDir });
  const registry = { name: 'local', index: reg.indexUrl };
  const plan = planFor(ws, { registry, ...opts.crates });
  const stateDir = mkdtempSync(join(tmpdir(), 'rc-state-'));
  const store = createReleaseStore(null, plan);
  const journal = openJournal(stateDir);
  const lines: string[] = [];
  const step = plan.phases.flatMap((p) => p.steps).find((s) => s.kind === 'publish-crates');
  if (!step) throw new Error('fixture has no publish-crates step');

  const context = (o: { signal?: AbortSignal; dryRun?: boolean; plan?: Plan } = {}): StepContext => {
    const signal = o.signal ?? new AbortController().signal;
    const push = (text: string): void => {
      lines.push(text);
    };
    return {
      plan: o.plan ?? plan,
      step,
      repo: ws,
      stateDir,
      store,
      journal,
      dryRun: o.dryRun ?? false,
      yes: true,
      signal,
      files: diskFiles,
      env: cargo.env,
      now: Date.now,
      sleep: (ms, s) =>
        new Promise<void>((resolve) => {
          const onAbort = (): void => (clearTimeout(t), resolve());
          const t = setTimeout(() => (s?.removeEventListener('abort', onAbort), resolve()), ms);
          s?.addEventListener('abort', onAbort, { once: true });
        }),
      log: push,
      confirm: () => Promise.resolve(true),
      exec: (argv, e = {}) =>
        exec(argv, {
          ...e,
          cwd: e.cwd === undefined ? ws : isAbsolute(e.cwd) ? e.cwd : join(ws, e.cwd),
          env: e.env ?? cargo.env,
          onLine: (l) => {
            push(l.text);
            e.onLine?.(l);
          },
        }),
    };
  };

  return {
    ws,
    reg,
    env: cargo.env,
    stateDir,
    plan,
    store,
    journal,
    lines,
    context,
    async publishByHand(crate) {
      const r = await exec(['cargo', 'publish', '-p', crate], { cwd: ws, env: cargo.env });
      if (r.exitCode !== 0) throw new Error(`cargo publish -p ${crate} failed: ${r.tail.join('\n')}`);
    },
    async close() {
      journal.close();
      await reg.close();
      for (const d of [ws, stateDir, cargo.cargoHome]) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Every upload happened after all its internal dependencies were visible in the index. */
export function orderViolations(reg: Registry, internal: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const u of reg.uploadLog) {
    for (const dep of u.deps.filter((d) => internal.has(d))) {
      const d = reg.uploadLog.find((x) => x.name === dep);
      if (!d) out.push(`${u.name} uploaded before ${dep} was ever uploaded`);
      else if (d.visibleAt > u.at) out.push(`${u.name} uploaded ${d.visibleAt - u.at} ms before ${dep} was visible`);
    }
  }
  return out;
}

/** Counts that are not exactly 1. */
export function duplicateUploads(reg: Registry): string[] {
  return [...reg.uploads].filter(([, n]) => n !== 1).map(([k, n]) => `${k} x${n}`);
}
