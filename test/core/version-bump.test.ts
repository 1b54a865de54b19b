import { describe, expect, it } from 'vitest';
import { bumpValue, isPlaceholder } from '../../src/core/version-bump.js';
import { isUserError } from '../../src/core/user-error.js';

const at = (value: string, placeholder?: boolean) => ({ value, placeholder, path: 'rust/Cargo.toml', line: 3 });

describe('bumpValue', () => {
  it.each([
    ['^0.15', '0.16.0', '^0.16'],
    ['0.15.0', '0.16.0', '0.16.0'],
    ['=0.15.0', '0.16.0', '=0.16.0'],
    ['~0.15', '0.16.0', '~0.16'],
    ['0.15', '0.16.0', '0.16'],
    ['^0.15.0', '0.16.0', '^0.16.0'],
    ['~0.15.0', '0.15.1', '~0.15.1'],
    ['>=0.15', '0.16.0', '>=0.16'],
    ['>= 0.15.0', '0.16.0', '>= 0.16.0'],
    ['<0.15', '1.0.0', '<1.0'],
    ['^0', '1.0.0', '^1'],
    ['1', '2.3.4', '2'],
    ['0.15.*', '0.16.0', '0.16.*'],
    ['0.*', '1.0.0', '1.*'],
    ['0.15.0', '0.16.0-dev.1', '0.16.0-dev.1'],
    ['0.16.0-dev.1', '0.16.0', '0.16.0'],
    ['=0.15.0-rc.1', '0.15.0', '=0.15.0'],
    ['0.15.0+build.7', '0.16.0', '0.16.0'],
    ['^0.16', '0.15.0', '^0.15'],
    ['0.16.0', '0.16.0', '0.16.0'],
  ])('%s to %s gives %s', (value, next, expected) => {
    expect(bumpValue(at(value), next)).toBe(expected);
  });

  it('leaves placeholders alone, flagged or recognised', () => {
    expect(bumpValue(at('0.0.0', true), '0.16.0')).toBe('0.0.0');
    for (const p of ['%VERSION%', '${version}', '{{version}}', '@VERSION@']) {
      expect(isPlaceholder(p)).toBe(true);
      expect(bumpValue(at(p), '0.16.0')).toBe(p);
    }
    expect(isPlaceholder('0.15.0')).toBe(false);
  });

  it('refuses compound requirements with the location', () => {
    try {
      bumpValue(at('>=0.15, <0.17'), '0.16.0');
      expect.unreachable();
    } catch (e) {
      expect(isUserError(e)).toBe(true);
      expect((e as Error).message).toContain('>=0.15, <0.17');
      expect(isUserError(e) && e.format()).toMatch(/^rust\/Cargo\.toml:3: /);
    }
  });

  it('refuses a pre-release target on a partial version only when the value carries one', () => {
    expect(bumpValue(at('^0.15'), '0.16.0-dev')).toBe('^0.16');
    expect(() => bumpValue(at('0.15-rc'), '0.16.0')).toThrow(/partial version/);
  });

  it('refuses a target that is not semver', () => {
    expect(() => bumpValue(at('0.15.0'), '0.16')).toThrow(/not a semantic version/);
  });
});
