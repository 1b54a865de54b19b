// Whether the queue uploads verified crates itself, and with which token, from the publish
// command, the release's registry and the environment.
import { describe, expect, it } from 'vitest';
import { tokenEnvName, uploadPath } from '../../src/core/upload-path.js';

const CMD = ['cargo', 'publish', '-p', '{crate}'];

describe('uploadPath', () => {
  it('takes the token cargo would read from the environment', () => {
    expect(tokenEnvName('crates-io')).toBe('CARGO_REGISTRY_TOKEN');
    expect(tokenEnvName('my-corp.reg')).toBe('CARGO_REGISTRIES_MY_CORP_REG_TOKEN');
    expect(uploadPath(CMD, 'crates-io', { CARGO_REGISTRY_TOKEN: 'cio-1' })).toEqual({
      direct: true,
      token: 'cio-1',
      tokenVar: 'CARGO_REGISTRY_TOKEN',
    });
    expect(
      uploadPath([...CMD, '--registry', 'corp', '--no-verify', '-F', 'x'], 'corp', {
        CARGO_REGISTRIES_CORP_TOKEN: 't',
      }),
    ).toMatchObject({ direct: true, tokenVar: 'CARGO_REGISTRIES_CORP_TOKEN' });
    expect(
      uploadPath(CMD, 'local', { CARGO_REGISTRY_DEFAULT: 'local', CARGO_REGISTRIES_LOCAL_TOKEN: 't' }),
    ).toMatchObject({ direct: true });
  });

  it('leaves the upload to cargo, saying why, when the token is not in the environment', () => {
    expect(uploadPath(CMD, 'crates-io', {})).toEqual({
      direct: false,
      reason: 'CARGO_REGISTRY_TOKEN is not set (cargo finds its token itself)',
    });
    expect(uploadPath(CMD, 'crates-io', { CARGO_REGISTRY_TOKEN: 'a\nb' })).toMatchObject({ direct: false });
  });

  it('leaves it to cargo when cargo would publish elsewhere or the command is not plain cargo publish', () => {
    expect(uploadPath(CMD, 'local', { CARGO_REGISTRIES_LOCAL_TOKEN: 't' })).toEqual({
      direct: false,
      reason: "cargo would publish to registry `crates-io`, the release's is `local`",
    });
    expect(uploadPath([...CMD, '--index', 'sparse+https://x/'], 'crates-io', { CARGO_REGISTRY_TOKEN: 't' })).toEqual({
      direct: false,
      reason: 'the publish command has --index',
    });
    expect(uploadPath(['cargo', '+nightly', 'publish'], 'crates-io', { CARGO_REGISTRY_TOKEN: 't' })).toMatchObject({
      direct: false,
    });
    expect(uploadPath(['cargo-release', 'publish'], 'crates-io', { CARGO_REGISTRY_TOKEN: 't' })).toMatchObject({
      direct: false,
    });
  });
});
