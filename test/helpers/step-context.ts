// A StepContext for one step, built from the engine's real pieces (contextFactory, the real exec,
// an in-memory journal and store, an output hub), with the answers to confirmations, the clock
// and the sleeps under the test's control.
import { exec } from '../../src/adapters/exec.js';
import type { OutputLine } from '../../src/core/output-line.js';
import { createMasker } from '../../src/core/mask.js';
import type { Plan, PlannedStep } from '../../src/core/plan-types.js';
import { openJournal, type FileJournal } from '../../src/engine/journal.js';
import { contextFactory, type ScopedContext } from '../../src/engine/step-context.js';
import type { ConfirmRequest } from '../../src/engine/step-types.js';
import { createOutputHub } from '../../src/store/output-buffer.js';
import { createReleaseStore, type ReleaseStore } from '../../src/store/release-store.js';

export interface StepHarnessOptions {
  repo: string;
  stateDir: string;
  env?: Record<string, string | undefined>;
  dryRun?: boolean;
  yes?: boolean;
  interactive?: boolean;
  /** The answer to every confirmation (default true). */
  answer?: boolean;
  /** Epoch ms returned by now(). */
  now?: number;
  /** Share a journal / store across contexts (a resume after a crash). */
  journal?: FileJournal;
  store?: ReleaseStore;
}

export interface StepHarness {
  ctx: ScopedContext;
  journal: FileJournal;
  store: ReleaseStore;
  /** Every output line of the step (commands and ctx.log), masked. */
  lines: OutputLine[];
  /** The text of ctx.log lines only. */
  logs(): string[];
  confirms: ConfirmRequest[];
  sleeps: number[];
}

export function stepById(plan: Plan, id: string): PlannedStep {
  const step = plan.phases.flatMap((p) => p.steps).find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id} in the test plan`);
  return step;
}

export function makeStepContext(plan: Plan, stepId: string, opts: StepHarnessOptions): StepHarness {
  const env = opts.env ?? process.env;
  const journal = opts.journal ?? openJournal(null);
  const store = opts.store ?? createReleaseStore(null, plan);
  const lines: OutputLine[] = [];
  const confirms: ConfirmRequest[] = [];
  const sleeps: number[] = [];
  const masker = createMasker({ env, extraNames: plan.config.secrets });
  const factory = contextFactory({
    plan,
    repo: opts.repo,
    stateDir: opts.stateDir,
    store,
    journal,
    output: createOutputHub(),
    dryRun: opts.dryRun ?? false,
    yes: opts.yes ?? false,
    env,
    now: () => opts.now ?? Date.parse('2026-11-21T10:00:00Z'),
    // Instant: tests never wait on a wall clock; the requested delays are recorded instead.
    sleep: async (ms) => void sleeps.push(ms),
    confirm: async (req) => {
      confirms.push(req);
      return opts.yes === true || (opts.answer ?? true);
    },
    exec,
    mask: masker.mask,
    interactive: () => opts.interactive ?? false,
    listeners: new Set([(_id: string, line: OutputLine) => void lines.push(line)]),
  });
  const ctx = factory(stepById(plan, stepId), new AbortController().signal);
  return {
    ctx,
    journal,
    store,
    lines,
    logs: () => lines.filter((l) => l.stream === 'info').map((l) => l.text),
    confirms,
    sleeps,
  };
}
