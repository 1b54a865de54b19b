import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createTarGz,
  extractTarGz,
  formatBytes,
  listTarGz,
  missingEntries,
  tarCreateArgv,
  TarError,
} from '../../src/adapters/tar.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-tar-');

describe('tar', () => {
  it('archives a directory by name, like `tar -czf x.tar.gz dist/`', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'grafana', 'dist', 'img'), { recursive: true });
    writeFileSync(join(root, 'grafana', 'dist', 'plugin.json'), '{}');
    writeFileSync(join(root, 'grafana', 'dist', 'img', 'logo.svg'), '<svg/>');
    const out = join(root, 'out', 'plugin-1.0.0.tar.gz');
    expect(tarCreateArgv(join(root, 'grafana', 'dist'), out)).toEqual([
      'tar',
      '-czf',
      out,
      '-C',
      join(root, 'grafana'),
      'dist',
    ]);
    const info = await createTarGz(join(root, 'grafana', 'dist'), out);
    expect([...info.entries].sort()).toEqual(['dist/', 'dist/img/', 'dist/img/logo.svg', 'dist/plugin.json']);
    expect(info.files).toBe(2);
    expect(info.bytes).toBeGreaterThan(0);
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect(await listTarGz(out)).toEqual(info.entries);
  });

  it("unpacks with the time of unpacking, not the archive's, so no build takes old output as fresh", async () => {
    const root = tempDir();
    mkdirSync(join(root, 'src', 'pkg'), { recursive: true });
    writeFileSync(join(root, 'src', 'pkg', 'lib.rs'), 'fn f() {}');
    utimesSync(join(root, 'src', 'pkg', 'lib.rs'), new Date('2001-01-01'), new Date('2001-01-01'));
    const out = join(root, 'pkg.tar.gz');
    await createTarGz(join(root, 'src', 'pkg'), out);
    mkdirSync(join(root, 'dest'));
    const before = Date.now() - 60_000;
    await extractTarGz(out, join(root, 'dest'));
    expect(readFileSync(join(root, 'dest', 'pkg', 'lib.rs'), 'utf8')).toBe('fn f() {}');
    expect(statSync(join(root, 'dest', 'pkg', 'lib.rs')).mtimeMs).toBeGreaterThan(before);
    const err = await extractTarGz(join(root, 'missing.tar.gz'), join(root, 'dest')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TarError);
  });

  it('says what failed in one sentence and leaves no partial archive', async () => {
    const root = tempDir();
    const out = join(root, 'x.tar.gz');
    const err = await createTarGz(join(root, 'missing'), out).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TarError);
    expect((err as Error).message).toMatch(
      /^`tar -czf .*x\.tar\.gz\.partial -C .* missing` failed: tar: missing: Cannot stat: No such file or directory\.$/,
    );
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('finds expected entries relative to the archived directory', () => {
    const entries = ['dist/', 'dist/plugin.json', './dist/img/logo.svg'];
    expect(missingEntries(entries, 'dist', ['plugin.json', 'img/logo.svg', './plugin.json', 'img/'])).toEqual(['img/']);
    expect(missingEntries(entries, 'dist', ['module.js'])).toEqual(['module.js']);
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(340 * 1024 + 100)).toBe('340 KB');
    expect(formatBytes(1.25 * 1024 * 1024)).toBe('1.3 MB');
  });
});
