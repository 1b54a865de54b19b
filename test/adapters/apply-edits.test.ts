import * as fs from 'node:fs';
import { readFileSync, readdirSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, type ApplyFs } from '../../src/adapters/apply-edits.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-apply-');

function repo(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');
const all = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

/** The real file system, except that rename number `n` (from 1) throws what `fail(n, to)` returns. */
function failingRenames(fail: (n: number, to: string) => Error | undefined): ApplyFs {
  let renames = 0;
  return {
    readFileSync: (p, e) => fs.readFileSync(p, e),
    writeFileSync: (p, d, o) => fs.writeFileSync(p, d, o),
    unlinkSync: (p) => fs.unlinkSync(p),
    statSync: (p) => fs.statSync(p),
    renameSync: (a, b) => {
      const error = fail(++renames, b);
      if (error) throw error;
      fs.renameSync(a, b);
    },
  };
}

describe('applyEdits', () => {
  it('writes every file and leaves no temp file, keeping the mode', () => {
    const dir = repo({ 'a/Cargo.toml': 'v = "1"\n', 'b/package.json': '{"version":"1"}\n' });
    chmodSync(join(dir, 'a/Cargo.toml'), 0o666); // wider than the usual umask allows
    applyEdits(dir, [
      { path: 'a/Cargo.toml', before: 'v = "1"\n', after: 'v = "2"\n' },
      { path: 'b/package.json', before: '{"version":"1"}\n', after: '{"version":"2"}\n' },
    ]);
    expect(read(dir, 'a/Cargo.toml')).toBe('v = "2"\n');
    expect(read(dir, 'b/package.json')).toBe('{"version":"2"}\n');
    expect(statSync(join(dir, 'a/Cargo.toml')).mode & 0o777).toBe(0o666);
    expect(all(dir)).toEqual(['a', 'a/Cargo.toml', 'b', 'b/package.json']);
  });

  it('writes nothing when a file changed since it was read', () => {
    const dir = repo({ 'a.toml': 'x\n', 'b.toml': 'changed\n' });
    expect(() =>
      applyEdits(dir, [
        { path: 'a.toml', before: 'x\n', after: 'y\n' },
        { path: 'b.toml', before: 'x\n', after: 'y\n' },
      ]),
    ).toThrow(/b\.toml changed since it was read; nothing was written/);
    expect(read(dir, 'a.toml')).toBe('x\n');
    expect(all(dir)).toEqual(['a.toml', 'b.toml']);
  });

  it('writes nothing when a file is missing', () => {
    const dir = repo({ 'a.toml': 'x\n' });
    expect(() =>
      applyEdits(dir, [
        { path: 'a.toml', before: 'x\n', after: 'y\n' },
        { path: 'gone.toml', before: 'x\n', after: 'y\n' },
      ]),
    ).toThrow(/ENOENT.*nothing was written/);
    expect(read(dir, 'a.toml')).toBe('x\n');
    expect(all(dir)).toEqual(['a.toml']);
  });

  it('restores the files already renamed when a later rename fails', () => {
    const dir = repo({ 'a.toml': 'a1\n', 'b.toml': 'b1\n', 'c.toml': 'c1\n' });
    // The third rename of the forward pass fails; the restores after it succeed.
    const failing = failingRenames((n, to) =>
      n === 3 ? Object.assign(new Error('EIO: disk on fire'), { code: 'EIO', path: to }) : undefined,
    );
    expect(() =>
      applyEdits(
        dir,
        ['a', 'b', 'c'].map((n) => ({ path: `${n}.toml`, before: `${n}1\n`, after: `${n}2\n` })),
        failing,
      ),
    ).toThrow(/writing the bump failed \(EIO on .*c\.toml\); every file was restored/);
    expect(['a', 'b', 'c'].map((n) => read(dir, `${n}.toml`))).toEqual(['a1\n', 'b1\n', 'c1\n']);
    expect(all(dir)).toEqual(['a.toml', 'b.toml', 'c.toml']);
  });

  it('names the files it could not restore', () => {
    const dir = repo({ 'a.toml': 'a1\n', 'b.toml': 'b1\n' });
    const failing = failingRenames((n) => (n >= 2 ? new Error('EROFS') : undefined));
    expect(() =>
      applyEdits(
        dir,
        [
          { path: 'a.toml', before: 'a1\n', after: 'a2\n' },
          { path: 'b.toml', before: 'b1\n', after: 'b2\n' },
        ],
        failing,
      ),
    ).toThrow(/a\.toml could not be restored/);
    expect(all(dir)).toEqual(['a.toml', 'b.toml']);
  });
});
