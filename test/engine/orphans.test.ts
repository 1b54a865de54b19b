// Orphans with real processes: the command of an irreversible action is journaled (`child`) at spawn;
// a later session waits for a live one, stops one that does not end, and never signals a process
// that merely reuses the pid.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exec } from '../../src/adapters/exec.js';
import { liveness } from '../../src/adapters/process-identity.js';
import { openJournal, type FileJournal } from '../../src/engine/journal.js';
import type { JournalEntry } from '../../src/core/journal-types.js';
import { recordChild, settleOrphans } from '../../src/engine/orphans.js';
import { isGoneWithin, isProcessAlive } from '../helpers/process.js';

const dirs: string[] = [];
const pids: number[] = [];
afterEach(() => {
  for (const pid of pids.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(): {
  dir: string;
  journal: FileJournal;
  intent: JournalEntry;
  lines: string[];
  ctx: Parameters<typeof settleOrphans>[0];
} {
  const dir = mkdtempSync(join(tmpdir(), 'rc-orphans-'));
  dirs.push(dir);
  const journal = openJournal(dir);
  const intent = journal.append({ type: 'intent', action: 'publish-crate', target: 'core-a@1.0.0', step: 'publish' });
  const lines: string[] = [];
  const ctx = {
    journal,
    log: (t: string) => void lines.push(t),
    sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
    now: Date.now,
    signal: new AbortController().signal,
  };
  return { dir, journal, intent, lines, ctx };
}

/** Starts `sh -c script` as the child of `intent` and leaves it running, as a killed cockpit would. */
function orphan(s: ReturnType<typeof setup>, script: string): number {
  let pid = 0;
  void exec(['sh', '-c', script], {
    cwd: s.dir,
    onSpawn: (p) => {
      pid = p.pid;
      recordChild(s.journal, s.intent)(p);
    },
  });
  pids.push(pid);
  return pid;
}

const childRecord = (j: FileJournal) => j.entries().find((e) => e.type === 'child');

describe('orphans of a killed session', () => {
  it('journals the child (pid, group, start stamp) at spawn, under its intent', () => {
    const s = setup();
    const pid = orphan(s, 'sleep 30');
    const rec = childRecord(s.journal);
    expect(rec).toMatchObject({ type: 'child', id: s.intent.id, target: 'core-a@1.0.0', pid, pgid: pid });
    expect(rec?.type === 'child' && rec.start).toMatch(/^[0-9a-f-]+:\d+$/);
    // Read back from disk like a new session does.
    const again = openJournal(s.dir)
      .entries()
      .find((e) => e.type === 'child');
    expect(again).toEqual(rec);
    expect(rec?.type === 'child' && liveness({ pid: rec.pid, pgid: rec.pid, start: rec.start })).toBe('running');
  });

  it('waits for a live orphan to end before any verdict', async () => {
    const s = setup();
    const marker = join(s.dir, 'finished');
    orphan(s, `sleep 0.8; echo > ${marker}`);
    expect(await settleOrphans(s.ctx, s.intent, true, { waitMs: 10_000 })).toBe(true);
    expect(existsSync(marker)).toBe(true);
    expect(s.lines[0]).toMatch(
      /^publish-crate core-a@1\.0\.0: its command from the previous session \(pid \d+\) is still running; waiting up to 10 s/,
    );
    expect(s.lines).toContainEqual(expect.stringMatching(/^pid \d+ has ended$/));
  });

  it('stops an orphan that does not end in time (SIGINT, then SIGTERM)', async () => {
    const s = setup();
    const pid = orphan(s, 'trap "" INT; sleep 30');
    const t0 = Date.now();
    expect(await settleOrphans(s.ctx, s.intent, true, { waitMs: 400, stopGraceMs: 400, pollMs: 50 })).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(700);
    expect(await isGoneWithin(pid)).toBe(true);
    expect(s.lines.join('\n')).toMatch(/sent SIGINT[\s\S]*sent SIGTERM[\s\S]*was stopped/);
  });

  it('leaves a live orphan alone and takes no verdict when it may not wait (opening the cockpit)', async () => {
    const s = setup();
    const pid = orphan(s, 'sleep 30');
    expect(await settleOrphans(s.ctx, s.intent, false)).toBe(false);
    expect(isProcessAlive(pid)).toBe(true);
    expect(s.lines).toEqual([
      `publish-crate core-a@1.0.0: its command from the previous session (pid ${pid}) is still running`,
    ]);
  });

  it('never waits for or signals a process that only reuses the recorded pid', async () => {
    const s = setup();
    const stranger = orphan(s, 'sleep 30');
    // The same pid with another start stamp: the recorded process is gone, this is someone else.
    const otherDir = mkdtempSync(join(tmpdir(), 'rc-orphans-'));
    dirs.push(otherDir);
    const other = openJournal(otherDir);
    const intent = other.append({ type: 'intent', action: 'git-push', target: 'origin v1', step: 'push' });
    other.append({
      type: 'child',
      id: intent.id,
      action: 'git-push',
      target: 'origin v1',
      pid: stranger,
      start: 'x:1',
    });
    const t0 = Date.now();
    expect(await settleOrphans({ ...s.ctx, journal: other }, intent, true, { waitMs: 5000 })).toBe(true);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(isProcessAlive(stranger)).toBe(true);
  });

  it('kills the child at once and rejects when its record cannot be written (fail closed)', async () => {
    const s = setup();
    const marker = join(s.dir, 'acted');
    let pid = 0;
    await expect(
      exec(['sh', '-c', `sleep 0.3; echo > ${marker}`], {
        cwd: s.dir,
        onSpawn: (p) => {
          pid = p.pid;
          throw new Error('could not save the journal: ENOSPC');
        },
      }),
    ).rejects.toThrow(/ENOSPC/);
    expect(await isGoneWithin(pid)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(marker)).toBe(false);
  });
});
