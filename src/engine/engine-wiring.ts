// How an engine's parts are put together over the release files: the step contexts, the runner,
// and the services the rollback commands and the previews use.
import { resolve } from 'node:path';
import type { StepKind } from '../core/config/step.js';
import type { Plan, PlannedStep } from '../core/plan-types.js';
import { createMasker } from '../core/mask.js';
import { allSteps, findStep } from '../core/plan-lookup.js';
import { exec as realExec } from '../adapters/exec.js';
import { watchSleep } from '../adapters/sleep-watch.js';
import { createOutputHub } from '../store/output-buffer.js';
import type { OutputHub } from '../store/output-types.js';
import type { ReleaseState } from '../core/state-types.js';
import type { OpenEngineOptions } from './engine.js';
import type { ReleaseFiles } from './engine-files.js';
import { createHostLink, type HostLink } from './engine-host.js';
import type { EngineServices } from './engine-services.js';
import { abortableSleep } from './abortable-sleep.js';
import { treeProblem } from './clean-tree-check.js';
import { withPreviousOutput } from './previous-output.js';
import { activateWhenStarted, startingJournal } from './release-start.js';
import { createRunner } from './runner.js';
import type { Runner } from './runner-types.js';
import { contextFactory, type ScopedContext } from './step-context.js';
import { getStepHandler } from './step-registry.js';
import type { Journal, StepHandler } from './step-types.js';

/** The options with their defaults filled in. */
export interface EngineSettings {
  plan: Plan;
  repo: string;
  dryRun: boolean;
  yes: boolean;
  env: Record<string, string | undefined>;
  now: () => number;
  nowIso: () => string;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  exec: typeof realExec;
  /** Secrets (the environment's, the steps' env, the config's `secrets`) out of every output. */
  mask: (text: string) => string;
}

export function engineSettings(opts: OpenEngineOptions): EngineSettings {
  const { plan } = opts;
  const env = opts.env ?? process.env;
  const now = opts.now ?? Date.now;
  const stepEnvs = allSteps(plan).map((s) => (s.config as { env?: Record<string, string> }).env ?? {}); // their secrets too
  const masker = createMasker({ env, extraEnvs: stepEnvs, extraNames: plan.config.secrets });
  return {
    plan,
    repo: resolve(opts.repo),
    dryRun: opts.dryRun ?? false,
    yes: opts.yes ?? false,
    env,
    now,
    nowIso: () => new Date(now()).toISOString(),
    sleep: opts.sleep ?? abortableSleep,
    exec: opts.exec ?? realExec,
    mask: masker.mask,
  };
}

/** What runs the steps, and what the engine's commands reach. */
export interface EngineParts {
  output: OutputHub;
  host: HostLink;
  /** The journal steps see (it makes the release exist and flushes the state around actions). */
  journal: Journal;
  runner: Runner;
  services: EngineServices;
  handler(kind: StepKind): StepHandler | undefined;
  notice(text: string): void;
  /** Stops watching for the release's start. */
  stopActivation(): void;
}

export function wireEngine(opts: OpenEngineOptions, s: EngineSettings, files: ReleaseFiles): EngineParts {
  const { plan, repo, dryRun, yes, env, nowIso, mask } = s;
  const { store, stateDir } = files;
  const output = withPreviousOutput(createOutputHub(opts.outputCapacity, s.now), stateDir, plan, store.getState());
  const host = createHostLink({ yes, interactive: opts.interactive ?? false });
  const set = (f: (st: ReleaseState) => ReleaseState): void =>
    store.setState((st) => ({ ...f(st), updatedAt: nowIso() }), true);
  const notice = (text: string): void => set((st) => ({ ...st, notices: [...st.notices, mask(text)] }));
  const handler = (kind: StepKind): StepHandler | undefined => opts.handlers?.[kind] ?? getStepHandler(kind);
  const stopActivation = activateWhenStarted(store);
  // The context's journal flushes the state after each irreversible action settles.
  const journal = startingJournal(files.journal, store);
  const context = contextFactory({
    ...{ plan, repo, stateDir, store, journal, output, dryRun, yes, env, mask, notice },
    ...{ now: s.now, sleep: s.sleep, exec: s.exec, confirm: host.confirm, interactive: host.interactive },
    ...{ listeners: host.listeners, chunkListeners: host.chunkListeners },
    watchSleep: opts.watchSleep ?? ((onSleep) => watchSleep({ onSleep })),
  });
  const runner = createRunner({
    ...{ plan, store, journal, handler, context, dryRun, yes, nowIso, notice, mask },
    ...{ confirm: host.confirm, interactive: host.interactive, only: opts.only, liveRun: files.live },
    treeProblem: (step) => treeProblem(repo, env, step),
  });
  const services: EngineServices = {
    ...{ plan, store, journal, output, repo, stateDir, dryRun, yes, notice, confirm: host.confirm, now: s.now },
    context: (id, signal): ScopedContext => context(stepFor(plan, id), signal ?? new AbortController().signal),
  };
  return { output, host, journal, runner, services, handler, notice, stopActivation };
}

/** A planned step, or a stand-in whose output goes to that id's buffer (e.g. "rollback"). */
export function stepFor(plan: Plan, id: string): PlannedStep {
  return (
    findStep(plan, id) ?? {
      id,
      phaseId: id,
      kind: 'manual',
      title: id,
      irreversible: false,
      config: { id, kind: 'manual', title: id },
    }
  );
}
