// Fault injection for the loopback registry: each fault fires a bounded number of times,
// optionally only for some crates, so a test can say "the 3rd crate gets two 429s".

export interface FaultCount {
  /** How many more requests this fault hits. */
  times: number;
  /** Only publishes of these crates (default: any). */
  crates?: string[];
}

export interface RegistryFaults {
  /** A new version becomes visible in the index this many ms after its upload. */
  indexDelayMs?: number;
  /** Publish answers 429 Too Many Requests with Retry-After and crates.io's "try again after" text. */
  rateLimit?: FaultCount & { retryAfterSeconds?: number };
  /** Publish answers 500. */
  serverError?: FaultCount;
  /** The publish connection is destroyed; with afterStore the upload is stored first (the response is lost). */
  dropConnection?: FaultCount & { afterStore?: boolean };
  /** The upload is stored, then answered with crates.io's 400 `is already uploaded` (a retried request). */
  duplicate?: FaultCount;
  /** Index file GETs answer 500. */
  indexError?: FaultCount;
  /** The publish is held this long before it is stored and answered (a slow upload: cargo sits in `Uploading`). */
  slowUpload?: FaultCount & { ms: number };
}

export type PublishFault =
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'server-error' }
  | { kind: 'drop'; afterStore: boolean }
  | { kind: 'duplicate' };

function take(f: FaultCount | undefined, crate: string | undefined): boolean {
  if (!f || f.times <= 0) return false;
  if (f.crates && (crate === undefined || !f.crates.includes(crate))) return false;
  f.times -= 1;
  return true;
}

export class FaultBox {
  private faults: RegistryFaults = {};
  /** Crate -> the release of its held next publish (a test acts while cargo sits in `Uploading`). */
  private holds = new Map<string, { released: Promise<void>; release: () => void }>();

  /** Merges: keys given replace the current ones (pass `key: undefined` to clear one). */
  set(faults: RegistryFaults): void {
    // Copies: counters are decremented here, never in the caller's object.
    this.faults = { ...this.faults, ...structuredClone(faults) };
  }

  get indexDelayMs(): number {
    return this.faults.indexDelayMs ?? 0;
  }

  /** The next publish of `crate` waits, before it is stored and answered, until the returned function is called. */
  hold(crate: string): () => void {
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.set(crate, { released, release });
    return release;
  }

  /** Lets every held publish go (the registry closes). */
  releaseAll(): void {
    for (const h of this.holds.values()) h.release();
    this.holds.clear();
  }

  /** The fault to apply to this publish, consuming one count; at most one fires per request (after a hold or a slowUpload's wait). */
  async nextPublishFault(crate: string | undefined): Promise<PublishFault | undefined> {
    const held = crate === undefined ? undefined : this.holds.get(crate);
    if (held) {
      this.holds.delete(crate!);
      await held.released;
    }
    const f = this.faults;
    const slow = f.slowUpload;
    if (take(slow, crate)) await new Promise((resolve) => setTimeout(resolve, slow?.ms ?? 0));
    if (take(f.rateLimit, crate)) return { kind: 'rate-limit', retryAfterSeconds: f.rateLimit?.retryAfterSeconds ?? 1 };
    if (take(f.serverError, crate)) return { kind: 'server-error' };
    if (take(f.dropConnection, crate)) return { kind: 'drop', afterStore: f.dropConnection?.afterStore ?? false };
    if (take(f.duplicate, crate)) return { kind: 'duplicate' };
    return undefined;
  }

  nextIndexError(crate: string): boolean {
    return take(this.faults.indexError, crate);
  }
}

/** crates.io's 429 text: "Please try again after Fri, 01 Jan 2027 00:00:00 GMT ...". */
export function rateLimitDetail(at: Date): string {
  return `You have published too many new versions of this crate in a short period of time. Please try again after ${at.toUTCString()} or email help@crates.io to have your limit increased.`;
}
