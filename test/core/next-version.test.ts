import { describe, expect, it } from 'vitest';
import { nextVersion } from '../../src/core/next-version.js';

describe('nextVersion', () => {
  it('applies levels', () => {
    expect(nextVersion('0.15.0', { level: 'minor' })).toBe('0.16.0');
    expect(nextVersion('0.15.3', { level: 'patch' })).toBe('0.15.4');
    expect(nextVersion('0.15.3', { level: 'major' })).toBe('1.0.0');
    expect(nextVersion('0.16.0-dev', { level: 'minor' })).toBe('0.16.0');
  });

  it('accepts an explicit version above the current one', () => {
    expect(nextVersion('0.15.0', { to: '0.16.0' })).toBe('0.16.0');
    expect(nextVersion('0.15.0', { to: '0.15.1-rc.1' })).toBe('0.15.1-rc.1');
  });

  it('refuses --to that is not semver, in one sentence', () => {
    expect(() => nextVersion('0.15.0', { to: '0.16' })).toThrow(/^--to `0\.16` is not a semantic version/);
    expect(() => nextVersion('0.15.0', { to: 'v0.16.0' })).toThrow(/without the "v"/);
    expect(() => nextVersion('0.15.0', { to: 'banana' })).toThrow(/not a semantic version/);
  });

  it('refuses --to not above the current version unless forced', () => {
    expect(() => nextVersion('0.15.0', { to: '0.15.0' })).toThrow(
      /not above the current version 0\.15\.0; add --force/,
    );
    expect(() => nextVersion('0.15.0', { to: '0.14.0' })).toThrow(/not above/);
    expect(nextVersion('0.16.0', { to: '0.15.0', force: true })).toBe('0.15.0');
  });

  it('needs exactly one of --to and --level', () => {
    expect(() => nextVersion('0.15.0', {})).toThrow(/needs --to VERSION or --level/);
    expect(() => nextVersion('0.15.0', { to: '0.16.0', level: 'minor' })).toThrow(/not both/);
  });

  it('refuses a current version that is not semver', () => {
    expect(() => nextVersion('0.15', { level: 'minor' })).toThrow(/current version `0\.15`/);
  });
});
