// did-you-mean, json-scan and the FileView helpers and adapter.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { damerauLevenshtein, didYouMean, didYouMeanSuffix } from '../../src/core/did-you-mean.js';
import { lineColumnAt, locateJson } from '../../src/core/json-scan.js';
import { existsRel, joinRel, memoryView, normalizeRel } from '../../src/core/file-view.js';
import { createFsView } from '../../src/adapters/fs-view.js';

describe('did-you-mean', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(damerauLevenshtein('micromegas-auht', 'micromegas-auth')).toBe(1);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
    expect(damerauLevenshtein('ca', 'abc')).toBe(3); // optimal string alignment, not unrestricted
  });

  it('suggests only close candidates', () => {
    const kinds = ['run', 'manual', 'publish-crates', 'publish-python', 'git-tag'];
    expect(didYouMean('publish-crate', kinds)).toBe('publish-crates');
    expect(didYouMean('Publish-Python', kinds)).toBe('publish-python');
    expect(didYouMean('gti-tag', kinds)).toBe('git-tag');
    expect(didYouMean('deploy', kinds)).toBeUndefined();
    expect(didYouMeanSuffix('rnu', kinds)).toBe('; did you mean `run`?');
    expect(didYouMeanSuffix('zzz', kinds)).toBe('');
  });
});

describe('locateJson', () => {
  const text = '{\n  "a": { "b": [1, {"c": "x}"}, 3] },\n  "s": "[{\\"",\n  "d": {\n    "e": 2\n  }\n}\n';
  it('finds nested values, skipping strings with brackets and escapes', () => {
    JSON.parse(text);
    expect(locateJson(text, ['a', 'b', 1, 'c'])).toMatchObject({ line: 2, column: 24, depth: 4 });
    expect(locateJson(text, ['d', 'e'])).toMatchObject({ line: 5, column: 9, keyLine: 5, depth: 2 });
    expect(locateJson(text, ['s'])).toMatchObject({ line: 3 });
  });
  it('returns the deepest existing parent when the path does not exist', () => {
    expect(locateJson(text, ['d', 'missing'])).toMatchObject({ depth: 1, line: 4 });
    expect(locateJson(text, ['a', 'b', 7])).toMatchObject({ depth: 2, line: 2 });
    expect(locateJson('', ['x'])).toBeUndefined();
  });
  it('converts offsets to 1-based lines and 0-based columns', () => {
    expect(lineColumnAt('ab\ncd\n', 4)).toEqual({ line: 2, column: 1 });
    expect(lineColumnAt('ab', 0)).toEqual({ line: 1, column: 0 });
  });
});

describe('FileView', () => {
  it('normalises repo-relative paths', () => {
    expect(normalizeRel('./rust//tracing/../transit/')).toBe('rust/transit');
    expect(normalizeRel('a\\b')).toBe('a/b');
    expect(normalizeRel('../x')).toBe('../x');
    expect(joinRel('rust', '', './a', '../b')).toBe('rust/b');
  });

  it('memoryView answers read, isDir, list and existence', () => {
    const v = memoryView({ 'rust/a/Cargo.toml': 'x', 'rust/README.md': 'y' });
    expect(v.read('rust/a/Cargo.toml')).toBe('x');
    expect(v.read('rust/a')).toBeUndefined();
    expect(v.isDir('rust/a')).toBe(true);
    expect(v.isDir('')).toBe(true);
    expect(v.list('rust')).toEqual(['README.md', 'a']);
    expect(existsRel(v, 'rust/README.md')).toBe(true);
    expect(existsRel(v, 'rust/nope')).toBe(false);
  });

  it('createFsView reads the real tree and caches answers', () => {
    const root = fileURLToPath(new URL('../fixtures/micromegas', import.meta.url));
    const v = createFsView(root);
    expect(v.read('rust/Cargo.toml')).toContain('[workspace]');
    expect(v.read('rust/nope.toml')).toBeUndefined();
    expect(v.read('rust')).toBeUndefined();
    expect(v.list('rust/services')).toEqual([
      'analytics-srv',
      'flight-sql-srv',
      'http-gateway',
      'telemetry-ingestion-srv',
    ]);
    expect(v.isDir('rust/services/http-gateway')).toBe(true);
    expect(v.isDir('rust/Cargo.toml')).toBe(false);
    expect(v.isDir('nope')).toBe(false);
    expect(v.list('nope')).toEqual([]);
    expect(v.read('./rust/../rust/Cargo.toml')).toBe(v.read('rust/Cargo.toml'));
  });
});
