// Fail closed: a failed write of the state is one sentence with the errno, and
// the engine writes no intent (the start of an irreversible action) after it.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { persistenceError, PersistenceError } from '../../src/adapters/persist-error.js';
import { createFileStorage } from '../../src/adapters/file-storage.js';

describe('persistence errors', () => {
  it.each([
    ['ENOSPC', /\(ENOSPC\).*The disk is full/],
    ['EPERM', /\(EPERM\).*immutable flag \(lsattr/],
    ['EISDIR', /\(EISDIR\).*a directory: move it aside/],
  ])('%s names the file, the errno and the fix', (code, re) => {
    const e = Object.assign(new Error(`${code}: boom`), { code });
    const p = persistenceError('/r/.git/release-cockpit/1.0.0/state.json', 'state file', e);
    expect(p).toBeInstanceOf(PersistenceError);
    expect(p.format()).toMatch(/^could not write the state file \/r\/\.git\/release-cockpit\/1\.0\.0\/state\.json /);
    expect(p.format()).toMatch(re);
  });

  it('a state file that became a directory fails the flush with that sentence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rc-persist-'));
    try {
      const storage = createFileStorage<{ a: number }>(dir, { onError: () => undefined });
      mkdirSync(join(dir, 'state.json'));
      storage.setItem('state', { state: { a: 1 }, version: 1 });
      expect(() => storage.flush()).toThrow(PersistenceError);
      storage.setItem('state', { state: { a: 2 }, version: 1 });
      expect(() => storage.flush()).toThrow(/could not write the state file .*state\.json \(EISDIR\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
