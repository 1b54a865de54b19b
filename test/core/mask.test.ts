import { describe, expect, it } from 'vitest';
import { collectSecrets, createMasker, MASK } from '../../src/core/mask.js';

describe('createMasker', () => {
  it('masks the values of env vars whose names look secret, case-insensitively', () => {
    const { mask } = createMasker({
      env: {
        CARGO_REGISTRY_TOKEN: 'cio-abcdef',
        gh_token: 'ghp_12345',
        DB_PASSWORD: 'hunter22',
        MY_SECRET_THING: 'shhh-quiet',
        OPENAI_API_KEY: 'sk-xyz1',
        HOME: '/home/user',
      },
    });
    expect(mask('token cio-abcdef and ghp_12345, pw hunter22, shhh-quiet, sk-xyz1 in /home/user')).toBe(
      'token *** and ***, pw ***, ***, *** in /home/user',
    );
  });

  it('masks the extra names from config whatever they are called', () => {
    const { mask, secrets } = createMasker({
      env: { DEPLOY_KEY: 'deploy-1234', OTHER: 'visible' },
      extraNames: ['DEPLOY_KEY'],
    });
    expect(secrets).toEqual(['deploy-1234']);
    expect(mask('using deploy-1234 and visible')).toBe('using *** and visible');
  });

  it('ignores values shorter than 4 characters and unset values', () => {
    const { mask, secrets } = createMasker({ env: { SHORT_TOKEN: 'abc', UNSET_TOKEN: undefined, OK_TOKEN: 'abcd' } });
    expect(secrets).toEqual(['abcd']);
    expect(mask('abc abcd')).toBe(`abc ${MASK}`);
  });

  it('masks the longest value first so a secret containing another is masked whole', () => {
    const { mask, secrets } = createMasker({ env: { A_TOKEN: 'abcd', B_TOKEN: 'abcdefgh' } });
    expect(secrets).toEqual(['abcdefgh', 'abcd']);
    expect(mask('x abcdefgh y abcd z')).toBe('x *** y *** z');
  });

  it('escapes regex metacharacters in values', () => {
    const { mask } = createMasker({ env: { WEIRD_SECRET: 'a.b*c+(d)[e]$^|\\' } });
    expect(mask('pre a.b*c+(d)[e]$^|\\ post, and aXbbc stays')).toBe('pre *** post, and aXbbc stays');
  });

  it('masks every occurrence, across repeated calls (no regex lastIndex leak)', () => {
    const { mask } = createMasker({ env: { TOKEN: 'tok-1234' } });
    expect(mask('tok-1234 tok-1234')).toBe('*** ***');
    expect(mask('tok-1234')).toBe('***');
    expect(mask('again tok-1234')).toBe('again ***');
  });

  it('leaves text untouched when there are no secrets', () => {
    const { mask, secrets } = createMasker({ env: { PATH: '/usr/bin' } });
    expect(secrets).toEqual([]);
    const line = '   Compiling micromegas-tracing v0.15.0 (/repo/rust/tracing)';
    expect(mask(line)).toBe(line);
  });

  it('masks Authorization header values, keeping the scheme', () => {
    const { mask } = createMasker({});
    expect(mask('> Authorization: Bearer abc.def.ghi')).toBe('> Authorization: Bearer ***');
    expect(mask('authorization=xyz123 next')).toBe('authorization=*** next');
    expect(mask('"AUTHORIZATION": "token ghp_zzz"')).toBe('"AUTHORIZATION": "token ***"');
    // Several lines at once (the exec adapter masks a chunk's lines in one call): no spill-over.
    expect(mask('authorization:\nnext line\nAuthorization: Basic dXNlcg==\n')).toBe(
      'authorization:\nnext line\nAuthorization: Basic ***\n',
    );
  });

  it("masks the password of a proxy variable's URL (a child may print the URL)", () => {
    const { mask } = createMasker({
      env: {
        https_proxy: 'http://me:s3cret@proxy:3128',
        ALL_PROXY: 'socks5://u:p%40ss1@proxy:1080',
        CARGO_HTTP_PROXY: 'bob:hunter22@proxy',
        http_proxy: 'http://proxy:3128',
      },
    });
    expect(mask('via http://me:s3cret@proxy:3128, u:p%40ss1 (p@ss1), bob:hunter22, http://proxy:3128')).toBe(
      'via http://me:***@proxy:3128, u:*** (***), bob:***, http://proxy:3128',
    );
  });

  it('collectSecrets de-duplicates values shared by several names', () => {
    expect(collectSecrets({ env: { A_TOKEN: 'same-value', B_SECRET: 'same-value' } })).toEqual(['same-value']);
  });
});
