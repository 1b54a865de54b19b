// The torture's judge of reconcile verdicts: the loopback registry knows when it stored each
// upload, the journal knows when each verdict was taken. "not-done" for a version the registry
// already had, "done" for one it did not have yet, or no verdict at all ("unknown") is a false one.
import type { UploadRecord } from '../../src/sandbox/registry-store.js';

export interface TortureEntry {
  type: string;
  action: string;
  target: string;
  ts: string;
  id: string;
  verdict?: string;
}

export function falseVerdicts(journal: readonly TortureEntry[], uploads: readonly UploadRecord[]): string[] {
  const out: string[] = [];
  for (const e of journal) {
    if (e.type !== 'reconciled' || e.action !== 'publish-crate') continue;
    const at = Date.parse(e.ts);
    const stored = uploads.find((u) => `${u.name}@${u.version}` === e.target)?.at;
    const had = stored !== undefined && stored <= at;
    if (e.verdict === 'not-done' && had) out.push(`${e.target}: not-done at ${e.ts}, stored ${at - stored} ms before`);
    else if (e.verdict === 'done' && !had) out.push(`${e.target}: done at ${e.ts}, not stored yet`);
    else if (e.verdict !== 'done' && e.verdict !== 'not-done') out.push(`${e.target}: ${e.verdict ?? 'no'} verdict`);
  }
  return out;
}
