import { describe, expect, it } from 'vitest';
import {
  buildArgv,
  canVerifyFirst,
  metadataArgv,
  packageArgv,
  readVerifyFailure,
  withNoVerify,
  withoutPackageVerify,
} from '../../src/core/verify-first.js';

const fill = (arg: string, crate: string): string => arg.replaceAll('{crate}', crate).replaceAll('{version}', '1.0.0');

describe('verify-first commands', () => {
  it('adds --no-verify right after publish, once', () => {
    expect(withNoVerify(['cargo', 'publish', '-p', 'a'])).toEqual(['cargo', 'publish', '--no-verify', '-p', 'a']);
    expect(withNoVerify(['cargo', '+stable', 'publish', '--no-verify', '-p', 'a'])).toEqual([
      'cargo',
      '+stable',
      'publish',
      '--no-verify',
      '-p',
      'a',
    ]);
    expect(withNoVerify(['./upload.sh', 'a'])).toEqual(['./upload.sh', 'a']);
  });

  it("packages the set with the publish command's own flags, one -p per crate", () => {
    const t = [
      'cargo',
      'publish',
      '--registry',
      'local',
      '-p',
      '{crate}@{version}',
      '--allow-dirty',
      '--dry-run',
      '--token',
      'x',
    ];
    expect(packageArgv(t, ['a', 'b'], fill)).toEqual([
      'cargo',
      'package',
      '--registry',
      'local',
      '--allow-dirty',
      '-p',
      'a@1.0.0',
      '-p',
      'b@1.0.0',
    ]);
    expect(packageArgv(['cargo', 'publish', '--package={crate}'], ['a', 'b'], fill)).toEqual([
      'cargo',
      'package',
      '--package=a',
      '--package=b',
    ]);
  });

  it('is not derived from a command that is not a cargo publish', () => {
    expect(canVerifyFirst(['./upload.sh', '{crate}'])).toBe(false);
    expect(canVerifyFirst(['cargo', 'publish', '-p', '{crate}'])).toBe(true);
    expect(packageArgv(['publish', '{crate}'], ['a'], fill)).toBeUndefined();
  });

  it("names the crate being verified and cargo's first error line", () => {
    const lines = [
      '   Packaging vfa v0.1.0 (/w/a)',
      '   Packaging vfb v0.1.0 (/w/b)',
      '   Verifying vfa v0.1.0 (/w/a)',
      '   Compiling vfa v0.1.0 (/w/target/package/vfa-0.1.0)',
      '   Verifying vfb v0.1.0 (/w/b)',
      '   Compiling vfb v0.1.0 (/w/target/package/vfb-0.1.0)',
      'error[E0425]: cannot find function `nothere` in this scope',
      ' --> src/lib.rs:1:24',
      'error: could not compile `vfb` (lib) due to 1 previous error',
      'error: failed to verify package tarball',
    ];
    expect(readVerifyFailure(lines)).toEqual({
      crate: 'vfb',
      firstError: 'error[E0425]: cannot find function `nothere` in this scope',
    });
  });

  it('a failure before any crate names none; no error line gives the last line', () => {
    expect(readVerifyFailure(['error: package ID specification `x@1.0.0` did not match any packages'])).toEqual({
      firstError: 'error: package ID specification `x@1.0.0` did not match any packages',
    });
    expect(readVerifyFailure(['   Verifying a v1.0.0 (/w/a)', 'killed'])).toEqual({ crate: 'a', firstError: 'killed' });
  });

  it('a parallel build names the crate cargo could not compile, not the last one it started', () => {
    const lines = [
      '   Compiling vfa v0.1.0 (/t/package/release-cockpit-verify/vfa-0.1.0)',
      '   Compiling vfb v0.1.0 (/t/package/release-cockpit-verify/vfb-0.1.0)',
      'error[E0425]: cannot find function `nothere` in this scope',
      'error: could not compile `vfa` (lib) due to 1 previous error',
    ];
    expect(readVerifyFailure(lines)).toEqual({
      crate: 'vfa',
      firstError: 'error[E0425]: cannot find function `nothere` in this scope',
    });
  });
});

describe('the parallel verify of the set', () => {
  const t = ['cargo', '+1.95', 'publish', '--registry', 'r', '--config', 'a=1', '--config=b=2', '-p', '{crate}'];

  it('builds and asks for metadata with the toolchain and config of the publish command', () => {
    expect(buildArgv(t)).toEqual(['cargo', '+1.95', 'build', '--config', 'a=1', '--config=b=2']);
    expect(metadataArgv(t)).toEqual([
      'cargo',
      '+1.95',
      'metadata',
      '--config',
      'a=1',
      '--config=b=2',
      '--format-version',
      '1',
      '--no-deps',
    ]);
    expect(buildArgv(['./upload.sh', '{crate}'])).toBeUndefined();
    expect(metadataArgv(['./upload.sh', '{crate}'])).toBeUndefined();
  });

  it('packages without cargo verifying, once', () => {
    expect(withoutPackageVerify(['cargo', 'package', '-p', 'a'])).toEqual([
      'cargo',
      'package',
      '--no-verify',
      '-p',
      'a',
    ]);
    expect(withoutPackageVerify(['cargo', 'package', '--no-verify'])).toEqual(['cargo', 'package', '--no-verify']);
  });
});
