import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../src/adapters/atomic-write.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tmp = useTempDirs('rc-aw-');

describe('writeFileAtomicSync', () => {
  it('writes the content with mode 0600 and leaves no tmp file', () => {
    const d = tmp();
    const f = join(d, 'state.json');
    writeFileAtomicSync(f, '{"a":1}');
    expect(readFileSync(f, 'utf8')).toBe('{"a":1}');
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(readdirSync(d)).toEqual(['state.json']);
  });

  it('durable: false replaces the file the same way (mode, no tmp file left), only without fsync', () => {
    const d = tmp();
    const f = join(d, 'report.md');
    writeFileSync(f, 'old', { mode: 0o644 });
    writeFileAtomicSync(f, '# report', { durable: false });
    expect(readFileSync(f, 'utf8')).toBe('# report');
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(readdirSync(d)).toEqual(['report.md']);
  });

  it('makes an existing, wider file 0600 on replacement', () => {
    const d = tmp();
    const f = join(d, 'state.json');
    writeFileSync(f, 'old', { mode: 0o644 });
    writeFileAtomicSync(f, 'new');
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(readFileSync(f, 'utf8')).toBe('new');
  });

  it('keeps the previous content as the backup', () => {
    const d = tmp();
    const f = join(d, 'state.json');
    writeFileAtomicSync(f, 'one', { backup: `${f}.bak` });
    expect(readdirSync(d).sort()).toEqual(['state.json']);
    writeFileAtomicSync(f, 'two', { backup: `${f}.bak` });
    writeFileAtomicSync(f, 'three', { backup: `${f}.bak` });
    expect(readFileSync(f, 'utf8')).toBe('three');
    expect(readFileSync(`${f}.bak`, 'utf8')).toBe('two');
    expect(readdirSync(d).sort()).toEqual(['state.json', 'state.json.bak']);
  });

  it('leaves the target untouched when the write fails', () => {
    const d = tmp();
    const f = join(d, 'state.json');
    writeFileAtomicSync(f, 'good');
    expect(() => writeFileAtomicSync(join(d, 'missing-dir', 'x.json'), 'x')).toThrow(/ENOENT/);
    expect(readFileSync(f, 'utf8')).toBe('good');
  });
});
