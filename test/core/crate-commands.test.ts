// The crate commands: templates filled with validated values only; unyank's --undo placement.
import { describe, expect, it } from 'vitest';
import {
  assertCrateName,
  assertVersion,
  renderCrateCommand,
  renderPublishCommand,
  renderUnyankCommand,
  renderYankCommand,
} from '../../src/core/crate-commands.js';
import { UserError } from '../../src/core/user-error.js';

describe('command templates', () => {
  it('substitutes {crate} and {version} anywhere in an argument', () => {
    expect(renderCrateCommand(['cargo', 'publish', '-p', '{crate}'], 'micromegas-auth', '0.15.0')).toEqual([
      'cargo',
      'publish',
      '-p',
      'micromegas-auth',
    ]);
    expect(renderCrateCommand(['cargo', 'yank', '--version', '{version}', '{crate}'], 'a_b', '1.0.0-rc.1')).toEqual([
      'cargo',
      'yank',
      '--version',
      '1.0.0-rc.1',
      'a_b',
    ]);
    expect(renderCrateCommand(['echo', '{crate}@{version}'], 'x', '1.2.3')).toEqual(['echo', 'x@1.2.3']);
  });

  it('pins the published crate to the planned version (-p, --package, --package=), nothing else', () => {
    const publish = (t: string[]) => renderPublishCommand(t, 'core-b', '0.5.0');
    expect(publish(['cargo', 'publish', '--no-verify', '-p', '{crate}'])).toEqual([
      'cargo',
      'publish',
      '--no-verify',
      '-p',
      'core-b@0.5.0',
    ]);
    expect(publish(['cargo', 'publish', '--package', '{crate}'])).toEqual([
      'cargo',
      'publish',
      '--package',
      'core-b@0.5.0',
    ]);
    expect(publish(['cargo', 'publish', '--package={crate}'])).toEqual(['cargo', 'publish', '--package=core-b@0.5.0']);
    // A crate name elsewhere (a feature, a path) is left as written.
    expect(publish(['cargo', 'publish', '--features', '{crate}', '-p', 'core-b'])).toEqual([
      'cargo',
      'publish',
      '--features',
      'core-b',
      '-p',
      'core-b@0.5.0',
    ]);
  });

  it('refuses names and versions that are not what they claim before they reach argv', () => {
    for (const bad of ['', '-p', '1abc', 'a b', 'a;rm', '--config=x', 'a'.repeat(65)]) {
      expect(() => renderCrateCommand(['cargo', 'publish', '-p', '{crate}'], bad, '1.0.0')).toThrow(UserError);
    }
    for (const bad of ['v1.0.0', '1.0', ' 1.0.0', '1.0.0 --force', ''])
      expect(() => assertVersion(bad)).toThrow(/not a valid semver version/);
    expect(() => assertCrateName('ok-name_2')).not.toThrow();
  });

  it('unyank puts --undo right after the yank subcommand', () => {
    const t = ['cargo', 'yank', '--version', '{version}', '{crate}'];
    expect(renderUnyankCommand(t, undefined, 'c', '0.1.0')).toEqual([
      'cargo',
      'yank',
      '--undo',
      '--version',
      '0.1.0',
      'c',
    ]);
    expect(renderYankCommand(t, 'c', '0.1.0')).toEqual(['cargo', 'yank', '--version', '0.1.0', 'c']);
    // A custom yank command: its undo is whatever unyankCommand says, never a guessed --undo.
    const custom = ['./scripts/yank.sh', '{crate}', '{version}'];
    expect(renderUnyankCommand(custom, undefined, 'c', '0.1.0')).toBeUndefined();
    expect(renderUnyankCommand(custom, ['./scripts/unyank.sh', '{crate}', '{version}'], 'c', '0.1.0')).toEqual([
      './scripts/unyank.sh',
      'c',
      '0.1.0',
    ]);
    expect(renderUnyankCommand(['/usr/bin/cargo', 'yank', '{crate}@{version}'], undefined, 'c', '0.1.0')).toEqual([
      '/usr/bin/cargo',
      'yank',
      '--undo',
      'c@0.1.0',
    ]);
  });
});
