import { describe, expect, it } from 'vitest';
import type { VersionLocation } from '../../src/core/plan-types.js';
import { cargoReqToRange, cargoSatisfies, checkVersions, rewriteRequirement } from '../../src/core/version-check.js';

function loc(value: string, extra: Partial<VersionLocation> = {}): VersionLocation {
  return {
    path: 'rust/Cargo.toml',
    line: 3,
    column: 11,
    value,
    kind: 'cargo-package',
    key: 'package.version',
    requirement: false,
    ...extra,
  };
}
const req = (value: string, line = 7) =>
  loc(value, {
    kind: 'cargo-dep-req',
    requirement: true,
    crate: 'micromegas-derive-transit',
    key: 'dependencies.x.version',
    path: 'rust/transit/Cargo.toml',
    line,
  });

describe('cargo requirement semantics', () => {
  it.each([
    ['0.15', '0.15.0', true],
    ['0.15', '0.15.9', true],
    ['0.15', '0.16.0', false],
    ['0.15.0', '0.15.3', true], // bare = caret
    ['0.15.0', '0.16.0', false],
    ['^0.15', '0.15.0', true],
    ['^0.14', '0.15.0', false],
    ['=0.15.0', '0.15.0', true],
    ['=0.15.0', '0.15.1', false],
    ['~0.15', '0.15.4', true],
    ['>=0.14, <0.16', '0.15.0', true],
    ['>=0.14, <0.15', '0.15.0', false],
    ['0.15.*', '0.15.2', true],
    ['*', '3.1.4', true],
    ['1', '1.9.0', true],
    ['^0.0.3', '0.0.4', false],
  ])('%s accepts %s: %s', (r, v, ok) => {
    expect(cargoSatisfies(v, r)).toBe(ok);
  });

  it('rejects requirements cargo would reject', () => {
    for (const bad of ['0.15.x.y', 'latest', '', '^', '0.15,', '>= ']) expect(cargoReqToRange(bad)).toBeUndefined();
  });

  it('rewrites a requirement keeping its shape', () => {
    expect(rewriteRequirement('^0.15', '0.16.0')).toBe('^0.16');
    expect(rewriteRequirement('0.15.0', '0.16.0')).toBe('0.16.0');
    expect(rewriteRequirement('=0.15.0', '0.16.0')).toBe('=0.16.0');
    expect(rewriteRequirement('~1', '2.0.0')).toBe('~2');
    expect(rewriteRequirement('>=0.1, <1', '2.0.0')).toBe('2.0.0');
  });
});

describe('checkVersions', () => {
  it('accepts agreeing versions, satisfied requirements and placeholders', () => {
    const locs = [loc('0.15.0'), req('^0.15'), req('0.15.0'), loc('%VERSION%', { placeholder: true, kind: 'json' })];
    expect(checkVersions(locs, '0.15.0')).toEqual([]);
  });

  it('reports every disagreement in one pass, with file and line and a fix', () => {
    const problems = checkVersions([loc('0.14.0'), req('^0.14', 12), req('0.15.x.y', 14), loc('0.15.0')], '0.15.0');
    expect(problems).toEqual([
      {
        severity: 'error',
        code: 'version-mismatch',
        message: '`package.version` is `0.14.0` but the release version is 0.15.0; set it to `0.15.0`.',
        file: 'rust/Cargo.toml',
        line: 3,
      },
      {
        severity: 'error',
        code: 'requirement-mismatch',
        message:
          'the requirement on `micromegas-derive-transit` is `^0.14`, which 0.15.0 does not satisfy; change it to `^0.15`.',
        file: 'rust/transit/Cargo.toml',
        line: 12,
      },
      expect.objectContaining({ code: 'invalid-requirement', line: 14 }),
    ]);
  });

  it('compares versions semantically but keeps build metadata significant', () => {
    expect(checkVersions([loc('0.15.0+build.1')], '0.15.0')).toHaveLength(1);
    expect(checkVersions([loc('0.15.0-rc.1')], '0.15.0-rc.1')).toEqual([]);
    // a prerelease is not accepted by a plain requirement (cargo and node-semver agree)
    expect(checkVersions([req('^0.15')], '0.16.0-rc.1')).toHaveLength(1);
  });
});
