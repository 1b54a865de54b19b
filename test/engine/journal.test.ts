import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journalFile, openJournal, openIntentsOf } from '../../src/engine/journal.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'rc-journal-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const lines = (d: string) =>
  readFileSync(journalFile(d), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('journal', () => {
  it('appends one JSON line per entry with unique ids and timestamps (0600)', () => {
    const d = tmp();
    const j = openJournal(d, { now: () => Date.UTC(2025, 0, 1) });
    const a = j.append({ type: 'intent', action: 'git-push', target: 'origin', step: 'push' });
    const b = j.append({ type: 'note', action: 'git-push', target: 'origin' });
    j.close();
    expect(a.id).not.toBe(b.id);
    expect(a.ts).toBe('2025-01-01T00:00:00.000Z');
    expect(lines(d)).toEqual([a, b]);
    expect(statSync(journalFile(d)).mode & 0o777).toBe(0o600);
  });

  it('around() writes intent then done, or failed with the error', async () => {
    const d = tmp();
    const j = openJournal(d);
    expect(await j.around('publish-crate', 'a@1.0.0', 'publish', async () => 42)).toBe(42);
    await expect(
      j.around('publish-crate', 'b@1.0.0', 'publish', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const e = j.entries();
    expect(e.map((x) => `${x.type} ${x.target}`)).toEqual([
      'intent a@1.0.0',
      'done a@1.0.0',
      'intent b@1.0.0',
      'failed b@1.0.0',
    ]);
    expect(e[1]!.id).toBe(e[0]!.id);
    expect(e[3]!.detail).toBe('boom');
    expect(j.openIntents()).toEqual([]);
    j.close();
  });

  it('around() leaves the intent open when the action was cancelled (outcome unknown)', async () => {
    const j = openJournal(tmp());
    const abort = Object.assign(new Error('cancelled'), { name: 'AbortError' });
    await expect(
      j.around('git-push', 'origin', 'push', async () => {
        throw abort;
      }),
    ).rejects.toThrow('cancelled');
    expect(j.openIntents().map((i) => i.target)).toEqual(['origin']);
    j.close();
  });

  it('refuses the next entry once its file was removed (the state dir deleted), with ENOENT and the fix', () => {
    const root = tmp();
    const d = join(root, '0.1.0');
    mkdirSync(d);
    const j = openJournal(d);
    j.append({ type: 'intent', action: 'publish-crate', target: 'a@1.0.0', step: 'publish' });
    rmSync(d, { recursive: true });
    expect(() => j.append({ type: 'uploaded', action: 'publish-crate', target: 'a@1.0.0', step: 'publish' })).toThrow(
      `could not write the journal ${journalFile(d)} (ENOENT); nothing irreversible runs after a failed write. The state directory ${d} was removed while the release ran: run again to resume (finished work is checked against reality).`,
    );
    // The refused entry is not among those written, but this session knows it (written back at its end).
    expect(j.entries().map((e) => e.type)).toEqual(['intent']);
    expect(j.known().map((e) => e.type)).toEqual(['intent', 'uploaded']);
    j.close();
    // Only the journal removed: the sentence names it, not its directory.
    const other = join(root, '0.2.0');
    mkdirSync(other);
    const k = openJournal(other);
    k.append({ type: 'note', action: 'git-push', target: 'origin' });
    rmSync(journalFile(other));
    expect(() => k.append({ type: 'intent', action: 'git-push', target: 'origin' })).toThrow(
      `could not write the journal ${journalFile(other)} (ENOENT); nothing irreversible runs after a failed write. ${journalFile(other)} was removed while the release ran`,
    );
    k.close();
  });

  it('openIntents() lists intents with no done, failed or reconciled entry', () => {
    const j = openJournal(null);
    const a = j.append({ type: 'intent', action: 'git-tag', target: 'v1' });
    const b = j.append({ type: 'intent', action: 'git-push', target: 'origin' });
    const c = j.append({ type: 'intent', action: 'github-release', target: 'v1' });
    j.append({ type: 'done', id: a.id, action: 'git-tag', target: 'v1' });
    j.append({ type: 'reconciled', id: c.id, action: 'github-release', target: 'v1', verdict: 'done' });
    expect(j.openIntents()).toEqual([b]);
    expect(openIntentsOf(j.entries())).toEqual([b]);
  });

  it('reads back what was written, across sessions', () => {
    const d = tmp();
    const j = openJournal(d);
    const i = j.append({ type: 'intent', action: 'publish-crate', target: 'x@1', step: 's' });
    j.close();
    const k = openJournal(d);
    expect(k.openIntents()).toEqual([i]);
    expect(k.notices).toEqual([]);
    k.close();
  });

  it('ignores a torn last line, reports it once, keeps the rest, and appends cleanly after it', () => {
    const d = tmp();
    const j = openJournal(d);
    const i = j.append({ type: 'intent', action: 'publish-crate', target: 'x@1', step: 's' });
    j.close();
    appendFileSync(journalFile(d), '{"ts":"2025-01-01T00:00:00.000Z","type":"done","id":"' + i.id.slice(0, 8));
    const k = openJournal(d);
    expect(k.entries()).toEqual([i]);
    expect(k.notices).toHaveLength(1);
    expect(k.notices[0]).toMatch(/torn last line/);
    const n = k.append({ type: 'done', id: i.id, action: 'publish-crate', target: 'x@1' });
    k.close();
    expect(lines(d)).toEqual([i, n]);
    const again = openJournal(d);
    expect(again.notices).toEqual([]); // reported once
    expect(again.openIntents()).toEqual([]);
    again.close();
  });

  it('keeps a complete last entry that only lacks its newline', () => {
    const d = tmp();
    writeFileSync(
      journalFile(d),
      JSON.stringify({ ts: 't', type: 'intent', id: 'a', action: 'git-tag', target: 'v1' }),
    );
    const j = openJournal(d);
    expect(j.openIntents().map((e) => e.id)).toEqual(['a']);
    j.append({ type: 'done', id: 'a', action: 'git-tag', target: 'v1' });
    j.close();
    expect(lines(d).map((e) => e.type)).toEqual(['intent', 'done']);
  });

  it('masks secrets in detail and target', () => {
    const d = tmp();
    const j = openJournal(d, { mask: (s) => s.replaceAll('s3cr3t-token', '***') });
    j.append({
      type: 'failed',
      id: 'x',
      action: 'git-push',
      target: 'https://s3cr3t-token@host',
      detail: 'auth s3cr3t-token rejected',
    });
    j.close();
    const text = readFileSync(journalFile(d), 'utf8');
    expect(text).not.toContain('s3cr3t-token');
    expect(text).toContain('auth *** rejected');
  });

  it('read-only: reads the file, keeps new entries in memory, never writes or repairs', () => {
    const d = tmp();
    writeFileSync(journalFile(d), '{"torn');
    const j = openJournal(d, { readOnly: true });
    j.append({ type: 'note', action: 'run', target: 'x' });
    expect(j.entries()).toHaveLength(1);
    j.close();
    expect(readFileSync(journalFile(d), 'utf8')).toBe('{"torn');
  });
});
