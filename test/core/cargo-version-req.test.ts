// A dependency's version requirement printed the way cargo sends it (its semver crate's Display).
import { describe, expect, it } from 'vitest';
import { normalizeVersionReq } from '../../src/core/cargo-version-req.js';

describe('normalizeVersionReq', () => {
  it.each([
    ['0.15', '^0.15'],
    ['0.15.0', '^0.15.0'],
    ['1', '^1'],
    ['^1.2.3', '^1.2.3'],
    ['=2.0.1', '=2.0.1'],
    ['= 2.0.1', '=2.0.1'],
    ['~0.2', '~0.2'],
    ['>= 0.3,<0.5', '>=0.3, <0.5'],
    ['>=1.0, <2', '>=1.0, <2'],
    ['*', '*'],
    ['1.*', '1.*'],
    ['1.2.*', '1.2.*'],
    ['1.x', '1.*'],
    ['1.2.3-alpha.1', '^1.2.3-alpha.1'],
  ])('%s -> %s', (req, want) => {
    expect(normalizeVersionReq(req)).toBe(want);
  });

  it.each([
    '',
    '1.2.3+build',
    'v1',
    '01.2',
    '1.2.3.4',
    '~>1',
    '=1.*',
    '*.1',
    '1.*.3',
    '1.2-pre',
    'latest',
    '>=1 || <3',
  ])('refuses %j (cargo uploads instead)', (req) => {
    expect(normalizeVersionReq(req)).toBeUndefined();
  });
});
