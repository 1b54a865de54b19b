import { describe, expect, it } from 'vitest';
import { diffLines } from '../../src/core/line-diff.js';
import { pypiYankPage } from '../../src/core/pypi-yank.js';

describe('line diff', () => {
  it('removed before added, context around changes, long unchanged runs cut', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n');
    const after = ['a', 'B', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].join('\n');
    expect(diffLines(before, after)).toEqual([
      '  a',
      '- b',
      '+ B',
      '  c',
      '  d',
      '  … 2 unchanged lines',
      '  g',
      '  h',
      '+ i',
    ]);
    expect(diffLines('same\n', 'same\r\n')).toEqual([]);
    expect(diffLines('', 'new\n')).toEqual(['+ new']);
  });
});

describe('PyPI yank page', () => {
  it('follows pypi.org and test.pypi.org manage pages; another index is said to be unknown', () => {
    expect(pypiYankPage('https://pypi.org/pypi', 'micromegas', '0.15.0')).toEqual({
      url: 'https://pypi.org/manage/project/micromegas/release/0.15.0/',
      known: true,
    });
    expect(pypiYankPage('https://test.pypi.org/pypi', 'micromegas', '0.15.0').url).toBe(
      'https://test.pypi.org/manage/project/micromegas/release/0.15.0/',
    );
    expect(pypiYankPage('http://127.0.0.1:8321/pypi', 'micromegas', '0.15.0').known).toBe(false);
  });
});
