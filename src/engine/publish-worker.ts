// One crate's way through the queue: index first, intent, cargo, index confirmation, grace.
// Retries transient failures, waits out rate limits, and never marks a crate published unless
// the index shows its version (asking the index and waiting on it: publish-index-wait.ts).
import { dirname } from 'node:path';
import { runCargo, type CargoRun } from '../adapters/cargo.js';
import type { SparseIndex } from '../adapters/sparse-index.js';
import { backoffMs } from '../core/backoff.js';
import { isTransient, type PublishFailure } from '../core/cargo-output.js';
import { happened } from './journal.js';
import type { JournalEntry } from '../core/journal-types.js';
import { recordChild } from './orphans.js';
import type { PlannedCrate } from '../core/plan-types.js';
import type { CratesConfig } from '../core/config/crates.js';
import type { CrateState } from '../core/state-types.js';
import type { StepContext } from './step-types.js';
import { patchCrate } from './crate-state.js';
import { abortError } from '../core/abort.js';
import { awaitVisible, indexStatus, type CrateHooks } from './publish-index-wait.js';
import type { DirectRequest, DirectUploads } from './direct-upload.js';
import { sendDirect } from './publish-direct.js';
import { hasDone, lastIntent, targetOf } from './publish-intents.js';
import { publishUrl } from '../adapters/registry-publish.js';

/** Rate-limit answers waited out before the maintainer decides (crates.io says when; this bounds a loop). */
const MAX_RATE_LIMIT_WAITS = 20;
/** Used when a 429 does not say when to come back. */
const RATE_LIMIT_FALLBACK_MS = 60_000;

export interface WorkerEnv {
  ctx: StepContext;
  index: SparseIndex;
  settings: CratesConfig;
  /** ms between index polls given the time already waited (fast at first: most versions show up within seconds). */
  pollMs: (elapsedMs: number) => number;
  random: () => number;
  /** The upload command of a crate (with --no-verify once verify-first compiled it). */
  argvFor: (c: PlannedCrate) => string[];
  /** Verified crates uploaded through the registry's API instead of their command (direct-upload.ts). */
  direct?: DirectUploads;
}

export class CrateWorker {
  private transient = 0;
  private limited = 0;

  constructor(
    private readonly w: WorkerEnv,
    private readonly c: PlannedCrate,
  ) {}

  private get ctx(): StepContext {
    return this.w.ctx;
  }

  private patch(p: Partial<CrateState>): void {
    patchCrate(this.ctx, this.c.name, this.c.version, p);
  }

  private attempts(): number {
    return this.ctx.store.getState().crates[this.c.name]?.attempts ?? 0;
  }

  /** What the index wait (publish-index-wait.ts) does to this crate: its state, and an abortable pause. */
  private readonly hooks: CrateHooks = { patch: (p) => this.patch(p), pause: (ms) => this.pause(ms) };

  private async pause(ms: number): Promise<void> {
    if (this.ctx.signal.aborted) throw abortError(this.ctx.signal);
    await this.ctx.sleep(Math.max(0, ms), this.ctx.signal);
    if (this.ctx.signal.aborted) throw abortError(this.ctx.signal);
  }

  /** The index shows it: journal done (once), then grace, then published. */
  private async confirmed(intentId: string | undefined, ours: boolean): Promise<void> {
    const target = targetOf(this.c);
    const nowIso = new Date(this.ctx.now()).toISOString();
    if (!ours) {
      this.ctx.log(`${target} is already on the index: skipped`);
      this.patch({ status: 'already-published', publishedAt: nowIso, waitUntil: undefined, reason: undefined });
      return;
    }
    if (intentId && !hasDone(this.ctx, target)) this.record('done', intentId, 'confirmed on the index');
    this.patch({ publishedAt: nowIso, reason: undefined });
    const grace = this.w.settings.graceSeconds * 1000;
    this.ctx.log(
      `${target} is on the index${grace > 0 ? `; grace ${this.w.settings.graceSeconds} s before its dependents` : ''}`,
    );
    if (grace > 0) {
      this.patch({ status: 'grace', waitUntil: this.ctx.now() + grace });
      await this.pause(grace);
    }
    this.patch({ status: 'published', waitUntil: undefined });
  }

  private fail(reason: string): void {
    this.ctx.log(`${this.c.name}: failed: ${reason}`);
    this.patch({ status: 'failed', reason, waitUntil: undefined });
  }

  async run(): Promise<void> {
    const target = targetOf(this.c);
    for (;;) {
      const onIndex = await indexStatus(this.w, this.c, this.hooks);
      if (onIndex !== 'absent') {
        const intent = lastIntent(this.ctx, target);
        return this.confirmed(intent, intent !== undefined);
      }
      // Uploaded by an earlier session (cargo said so, or the registry did): wait for the index, never send it again.
      if (happened(this.ctx.journal.entries(), 'publish-crate', target)) return this.uploadedEarlier();
      const argv = this.w.argvFor(this.c);
      const uploads = this.w.direct;
      const direct = uploads?.requests.get(this.c.name);
      const how =
        uploads && direct
          ? `PUT ${publishUrl(uploads.apiRoot)} (${this.c.name}-${this.c.version}.crate as verified)`
          : argv.join(' ');
      // Intent on disk before anything is sent: a crash in between is reconciled on resume.
      const intent = this.ctx.journal.append({
        type: 'intent',
        action: 'publish-crate',
        target,
        step: this.ctx.step.id,
        detail: how,
        ...(direct ? { inProcess: true as const } : {}),
      });
      this.patch({
        status: 'publishing',
        attempts: this.attempts() + 1,
        startedAt: new Date(this.ctx.now()).toISOString(),
        cargoPhase: undefined,
        waitUntil: undefined,
        reason: undefined,
      });
      if (await (uploads && direct ? this.attemptDirect(uploads, direct, intent) : this.attempt(argv, intent))) return;
    }
  }

  private async uploadedEarlier(): Promise<void> {
    const target = targetOf(this.c);
    this.ctx.log(`${target} was uploaded by an earlier session; waiting for the index to show it`);
    if (await awaitVisible(this.w, this.c, this.hooks)) return this.confirmed(lastIntent(this.ctx, target), true);
    this.fail(
      `uploaded earlier, but the index did not show ${target} within ${this.w.settings.indexTimeoutSeconds} s; retry once it does (it is not sent again)`,
    );
  }

  /** One cargo run; true when the crate reached a final state, false to go round again. */
  private async attempt(argv: string[], intent: JournalEntry): Promise<boolean> {
    const intentId = intent.id;
    const journal = this.ctx.journal;
    let uploaded!: () => void;
    const uploadSeen = new Promise<'uploaded'>((resolve) => (uploaded = () => resolve('uploaded')));
    // cargo names what it is about to send: anything but the planned crate and version is stopped.
    const stop = new AbortController();
    let wrong: { name: string; version: string } | undefined;
    const cargo = runCargo(this.ctx.exec, argv, {
      cwd: dirname(this.c.manifest),
      env: this.ctx.env,
      signal: AbortSignal.any([this.ctx.signal, stop.signal]),
      now: () => this.ctx.now(),
      // Journaled before cargo can upload: a session after a kill -9 waits for this cargo (orphans.ts).
      onSpawn: recordChild(journal, intent),
      onPhase: (cargoPhase) => this.patch({ cargoPhase }),
      onUploading: (sending) => {
        if (sending.name === this.c.name && sending.version === this.c.version) return;
        wrong ??= sending;
        stop.abort();
      },
      onUploaded: () => {
        if (wrong) return;
        this.record('uploaded', intentId);
        uploaded();
      },
    });
    const first = await Promise.race([cargo, uploadSeen]);
    if (wrong) return this.wrongUpload(await cargo, wrong, intentId);
    if (first === 'uploaded' || first.ok || first.failure?.kind === 'already-exists') {
      // cargo waits for the index itself (~1 s polls); the queue polls faster and lets
      // dependents start as soon as the version shows, while cargo finishes its wait.
      const visible = await awaitVisible(this.w, this.c, this.hooks);
      if (!visible) {
        await cargo;
        return this.notVisible(intentId);
      }
      // The registry acknowledged the upload and the index shows it: what is left of cargo is its
      // own wait for the index (polls 1 s apart), which would only hold the step's end. Stopped.
      stop.abort();
      await this.confirmed(intentId, true);
      const run = await cargo;
      if (!run.ok && !run.result.cancelled && run.failure?.kind !== 'already-exists') {
        this.ctx.log(
          `${this.c.name}: cargo exited with ${run.result.exitCode ?? run.result.signal} after the index showed the version (${run.failure?.message ?? ''}); counted as published`,
        );
      }
      return true;
    }
    const f = first.failure ?? { kind: 'unknown' as const, message: 'cargo failed' };
    return this.failed(f, first.result.cancelled, intentId);
  }

  /** One upload through the registry's API; true when the crate reached a final state. */
  private async attemptDirect(uploads: DirectUploads, req: DirectRequest, intent: JournalEntry): Promise<boolean> {
    this.patch({ cargoPhase: 'uploading' });
    const sent = await sendDirect(this.ctx, uploads, this.c, req);
    if (sent.ok) this.record('uploaded', intent.id);
    if (!sent.ok && sent.failure.kind !== 'already-exists') return this.failed(sent.failure, false, intent.id);
    if (!(await awaitVisible(this.w, this.c, this.hooks))) return this.notVisible(intent.id);
    await this.confirmed(intent.id, true);
    return true;
  }

  /**
   * The intent's next record: `uploaded` when the registry acknowledged it (cargo's `Uploaded`, or
   * its answer to our request), `done` once the index shows it, `failed` when it did not happen
   * (or is not known to have happened).
   */
  private record(type: 'uploaded', intentId: string): void;
  private record(type: 'done' | 'failed', intentId: string, detail: string): void;
  private record(type: 'uploaded' | 'done' | 'failed', intentId: string, detail?: string): void {
    const entry = { id: intentId, action: 'publish-crate' as const, target: targetOf(this.c), step: this.ctx.step.id };
    this.ctx.journal.append(type === 'uploaded' ? { type, ...entry } : { type, ...entry, detail });
  }

  private notVisible(intentId: string): true {
    this.record('failed', intentId, 'not visible in the index');
    this.fail(
      `uploaded, but the index did not show ${targetOf(this.c)} within ${this.w.settings.indexTimeoutSeconds} s; retry once it does`,
    );
    return true;
  }

  /** cargo was about to upload another crate or version than planned: stopped, and the queue stops. */
  private wrongUpload(run: CargoRun, sent: { name: string; version: string }, intentId: string): true {
    const target = targetOf(this.c);
    const when = run.uploaded
      ? 'it was stopped too late: the registry may have it'
      : 'it was stopped before the upload';
    this.record('failed', intentId, `cargo was uploading ${sent.name} ${sent.version}`);
    this.fail(
      `cargo was about to upload ${sent.name} ${sent.version} where release ${this.ctx.plan.version} publishes ${target}; ${when}. Restore the manifests to the planned versions and run again.`,
    );
    return true;
  }

  private async failed(f: PublishFailure, cancelled: boolean, intentId: string): Promise<boolean> {
    if (cancelled || this.ctx.signal.aborted) {
      // Did the upload happen? Unknown: the intent stays open and is reconciled on resume.
      throw abortError(this.ctx.signal);
    }
    this.record('failed', intentId, `${f.kind}: ${f.message}`);
    if (f.kind === 'rate-limited') {
      this.limited += 1;
      if (this.limited > MAX_RATE_LIMIT_WAITS) {
        this.fail(`rate-limited ${this.limited} times: ${f.message}`);
        return true;
      }
      // HTTP dates have whole seconds: one more second keeps us from knocking a moment too early.
      const until =
        f.retryAt !== undefined ? Math.max(f.retryAt + 1000, this.ctx.now()) : this.ctx.now() + RATE_LIMIT_FALLBACK_MS;
      this.ctx.log(`${this.c.name}: rate-limited by the registry; trying again at ${new Date(until).toISOString()}`);
      this.patch({ status: 'rate-limited', waitUntil: until, reason: f.message });
      await this.pause(until - this.ctx.now());
      return false;
    }
    if (isTransient(f.kind)) {
      this.transient += 1;
      if (this.transient > this.w.settings.maxRetries) {
        this.fail(`${f.kind}: ${f.message} (gave up after ${this.w.settings.maxRetries} retries)`);
        return true;
      }
      const wait = backoffMs(this.transient, { random: this.w.random });
      this.ctx.log(
        `${this.c.name}: ${f.kind}: ${f.message}; retry ${this.transient}/${this.w.settings.maxRetries} in ${(wait / 1000).toFixed(1)} s`,
      );
      this.patch({ status: 'retrying', waitUntil: this.ctx.now() + wait, reason: f.message });
      await this.pause(wait);
      return false;
    }
    this.fail(`${f.kind}: ${f.message}`);
    return true;
  }
}
