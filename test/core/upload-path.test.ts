// Whether the queue uploads verified crates itself, and with which token, from the publish
// command, the release's registry, cargo's configuration files and the environment: the queue's
// own upload only where cargo would upload the same thing to the same place with the same token.
import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import type { CargoConfigFile } from '../../src/core/cargo-config.js';
import { indexMismatch, tokenEnvName, uploadPath, type UploadInput } from '../../src/core/upload-path.js';

const CMD = ['cargo', 'publish', '-p', '{crate}'];
const CIO = { name: 'crates-io', index: 'sparse+https://index.crates.io/' };
const CORP = { name: 'corp', index: 'sparse+https://crates.corp.example/index/' };
const CORP_ENV = { CARGO_REGISTRIES_CORP_INDEX: CORP.index, CARGO_REGISTRIES_CORP_TOKEN: 't' };

/** Config files, nearest first, from TOML text. */
function files(...texts: [string, string][]): CargoConfigFile[] {
  return texts.map(([file, text]) => ({ file, data: parse(text) }));
}

function decide(over: Partial<UploadInput>) {
  return uploadPath({
    template: CMD,
    registry: CIO,
    env: { CARGO_REGISTRY_TOKEN: 'cio-1' },
    cargoConfig: { files: [] },
    upload: 'auto',
    ...over,
  });
}

describe('uploadPath: the command and the environment', () => {
  it('takes the token cargo would read from the environment', () => {
    expect(tokenEnvName('crates-io')).toBe('CARGO_REGISTRY_TOKEN');
    expect(tokenEnvName('my-corp.reg')).toBe('CARGO_REGISTRIES_MY_CORP_REG_TOKEN');
    expect(decide({})).toEqual({ direct: true, token: 'cio-1', tokenVar: 'CARGO_REGISTRY_TOKEN' });
    expect(
      decide({ template: [...CMD, '--registry', 'corp', '--no-verify', '-F', 'x'], registry: CORP, env: CORP_ENV }),
    ).toMatchObject({ direct: true, tokenVar: 'CARGO_REGISTRIES_CORP_TOKEN' });
    expect(decide({ registry: CORP, env: { ...CORP_ENV, CARGO_REGISTRY_DEFAULT: 'corp' } })).toMatchObject({
      direct: true,
    });
  });

  it('leaves the upload to cargo, saying why, when the token is not in the environment', () => {
    expect(decide({ env: {} })).toEqual({
      direct: false,
      reason: 'CARGO_REGISTRY_TOKEN is not set (cargo finds its token itself)',
    });
    expect(decide({ env: { CARGO_REGISTRY_TOKEN: 'a\nb' } })).toMatchObject({ direct: false });
  });

  it('leaves it to cargo when cargo would publish elsewhere or the command is not plain cargo publish', () => {
    expect(decide({ registry: CORP, env: CORP_ENV })).toEqual({
      direct: false,
      reason: "cargo would publish to registry `crates-io` (cargo's default), the release's is `corp`",
    });
    expect(decide({ template: [...CMD, '--index', 'sparse+https://x/'] })).toEqual({
      direct: false,
      reason: 'the publish command has --index',
    });
    expect(decide({ template: [...CMD, '--config', 'registry.default="x"'] })).toMatchObject({ direct: false });
    expect(decide({ template: ['cargo', '+nightly', 'publish'] })).toMatchObject({ direct: false });
    expect(decide({ template: ['cargo-release', 'publish'] })).toMatchObject({ direct: false });
  });

  it('leaves every upload to cargo when crates.upload is "cargo"', () => {
    expect(decide({ upload: 'cargo' })).toEqual({ direct: false, reason: 'crates.upload is "cargo"' });
  });
});

describe("uploadPath: cargo's configuration", () => {
  const corpDefault = files(['/w/.cargo/config.toml', '[registry]\ndefault = "corp"\n']);

  it('a registry.default naming another registry: cargo uploads, and the file is named', () => {
    expect(decide({ cargoConfig: { files: corpDefault }, env: { ...CORP_ENV, CARGO_REGISTRY_TOKEN: 't' } })).toEqual({
      direct: false,
      reason:
        "cargo would publish to registry `corp` (registry.default in /w/.cargo/config.toml), the release's is `crates-io`",
    });
  });

  it('the environment wins over the files, and the nearer file over the farther', () => {
    // File says corp, env says crates-io: crates.io.
    expect(
      decide({
        cargoConfig: { files: corpDefault },
        env: { CARGO_REGISTRY_DEFAULT: 'crates-io', CARGO_REGISTRY_TOKEN: 't' },
      }),
    ).toMatchObject({ direct: true });
    // File says crates-io, env says corp: corp.
    const cio = files(['/w/.cargo/config', '[registry]\ndefault = "crates-io"\n']);
    expect(
      decide({ cargoConfig: { files: cio }, env: { CARGO_REGISTRY_DEFAULT: 'corp', CARGO_REGISTRY_TOKEN: 't' } }),
    ).toMatchObject({ direct: false, reason: expect.stringContaining('(CARGO_REGISTRY_DEFAULT)') });
    // The workspace's file says crates-io, ~/.cargo's says corp: crates-io.
    const both = files(
      ['/w/.cargo/config.toml', '[registry]\ndefault = "crates-io"\n'],
      ['/home/u/.cargo/config.toml', '[registry]\ndefault = "corp"\n'],
    );
    expect(decide({ cargoConfig: { files: both } })).toMatchObject({ direct: true });
    expect(decide({ cargoConfig: { files: [...both].reverse() } })).toMatchObject({ direct: false });
  });

  it("a registry's index in the files or the env: it must be the release's, the env's winning", () => {
    const other = files(['/w/.cargo/config.toml', '[registries.corp]\nindex = "sparse+https://other.example/"\n']);
    const env = { CARGO_REGISTRIES_CORP_TOKEN: 't', CARGO_REGISTRY_DEFAULT: 'corp' };
    expect(decide({ registry: CORP, env, cargoConfig: { files: other } })).toEqual({
      direct: false,
      reason: "cargo knows registry `corp` by sparse+https://other.example/, the release's index is " + CORP.index,
    });
    // The env's index (cargo compares URLs without their trailing slash) wins over the file's.
    const envIndex = { ...env, CARGO_REGISTRIES_CORP_INDEX: 'sparse+https://CRATES.corp.example/index' };
    expect(decide({ registry: CORP, env: envIndex, cargoConfig: { files: other } })).toMatchObject({ direct: true });
    expect(decide({ registry: CORP, env })).toEqual({
      direct: false,
      reason: "cargo's configuration has no index for registry `corp`",
    });
  });

  it('crates.io replaced by another source: cargo decides (it refuses without --registry)', () => {
    const replaced = files(['/w/.cargo/config.toml', '[source.crates-io]\nreplace-with = "vendored"\n']);
    expect(decide({ cargoConfig: { files: replaced } })).toEqual({
      direct: false,
      reason:
        'crates.io is replaced by `vendored` (source.crates-io.replace-with in /w/.cargo/config.toml), and cargo refuses to publish without --registry',
    });
    expect(decide({ template: [...CMD, '--registry', 'crates-io'], cargoConfig: { files: replaced } })).toMatchObject({
      direct: false,
      reason: expect.stringContaining('cargo decides where its upload goes'),
    });
    // A replace-with that is not a string: cargo refuses the file, so cargo uploads (and says why).
    const wrong = files(['/w/.cargo/config.toml', '[source.crates-io]\nreplace-with = 1\n']);
    expect(decide({ cargoConfig: { files: wrong } })).toMatchObject({
      direct: false,
      reason: expect.stringContaining('`source.crates-io.replace-with` must be a string'),
    });
    // Another registry's release is not concerned by crates.io's replacement.
    expect(
      decide({
        registry: CORP,
        env: { ...CORP_ENV, CARGO_REGISTRY_DEFAULT: 'corp' },
        cargoConfig: { files: replaced },
      }),
    ).toMatchObject({ direct: true });
  });

  it('a malformed or mistyped configuration: cargo uploads, and reports it', () => {
    expect(decide({ cargoConfig: { error: '/w/.cargo/config.toml:2:1: invalid TOML: x.' } })).toEqual({
      direct: false,
      reason: "cargo's configuration cannot be read: /w/.cargo/config.toml:2:1: invalid TOML: x.",
    });
    const typed = files(['/w/.cargo/config.toml', '[registry]\ndefault = 3\n']);
    expect(decide({ cargoConfig: { files: typed } })).toMatchObject({
      direct: false,
      reason: expect.stringMatching(
        /^cargo's configuration cannot be read: \/w\/.cargo\/config.toml: `registry.default` must be a string/,
      ),
    });
  });
});

describe("uploadPath: the package's publish field", () => {
  const pkg = (publish: boolean | string[]) => ({ publish, manifest: 'rust/core/Cargo.toml' });

  it('a lone registry in package.publish is where cargo publishes when nothing else names one', () => {
    expect(decide({ registry: CORP, env: CORP_ENV, pkg: pkg(['corp']) })).toMatchObject({ direct: true });
    expect(
      indexMismatch({ template: CMD, registry: CORP, env: CORP_ENV, cargoConfig: { files: [] }, pkg: pkg(['corp']) }),
    ).toBeUndefined();
    // Named by registry.default, the default wins (and must be allowed).
    expect(
      decide({ registry: CORP, env: { ...CORP_ENV, CARGO_REGISTRY_DEFAULT: 'corp' }, pkg: pkg(['corp', 'x']) }),
    ).toMatchObject({ direct: true });
  });

  it('cargo refuses: several registries and none chosen, the chosen one not allowed, publish = false', () => {
    expect(decide({ registry: CORP, env: CORP_ENV, pkg: pkg(['corp', 'x']) })).toEqual({
      direct: false,
      reason:
        'cargo refuses: package.publish in rust/core/Cargo.toml names several registries and no --registry chooses',
    });
    expect(decide({ registry: CORP, env: { ...CORP_ENV, CARGO_REGISTRY_DEFAULT: 'corp' }, pkg: pkg(['x']) })).toEqual({
      direct: false,
      reason: 'cargo refuses: package.publish in rust/core/Cargo.toml does not allow registry `corp`',
    });
    expect(decide({ pkg: pkg(false) })).toMatchObject({ direct: false, reason: expect.stringContaining('is false') });
    expect(decide({ pkg: pkg(true) })).toMatchObject({ direct: true });
  });
});

describe('uploadPath: the registry name cargo looks the token up by', () => {
  const corpFile = files([
    '/w/.cargo/config.toml',
    `[registry]\ndefault = "corp"\n[registries.corp]\nindex = "${CORP.index}"\n`,
  ]);

  it("another env registry with the release's index: cargo takes that one's token", () => {
    const env = { CARGO_REGISTRIES_CORP_TOKEN: 't', CARGO_REGISTRIES_MIRROR_INDEX: CORP.index };
    expect(decide({ registry: CORP, env, cargoConfig: { files: corpFile } })).toEqual({
      direct: false,
      reason:
        "cargo takes the token of registry `mirror` (CARGO_REGISTRIES_MIRROR_INDEX), which has the release's index, not CARGO_REGISTRIES_CORP_TOKEN",
    });
  });

  it('two registries with the same index: cargo refuses', () => {
    const env = { ...CORP_ENV, CARGO_REGISTRY_DEFAULT: 'corp', CARGO_REGISTRIES_MIRROR_INDEX: `${CORP.index}` };
    expect(decide({ registry: CORP, env })).toMatchObject({
      direct: false,
      reason: expect.stringMatching(/^cargo refuses: several registries have the release's index: `corp` .*`mirror`/),
    });
    const both = files([
      '/w/.cargo/config.toml',
      `[registry]\ndefault = "corp"\n[registries.corp]\nindex = "${CORP.index}"\n[registries.m]\nindex = "${CORP.index}"\n`,
    ]);
    expect(
      decide({ registry: CORP, env: { CARGO_REGISTRIES_CORP_TOKEN: 't' }, cargoConfig: { files: both } }),
    ).toMatchObject({
      direct: false,
    });
    // A nearer file giving `m` another index: one name left.
    const nearer = [
      ...files(['/w/a/.cargo/config.toml', '[registries.m]\nindex = "sparse+https://m.example/"\n']),
      ...both,
    ];
    expect(
      decide({ registry: CORP, env: { CARGO_REGISTRIES_CORP_TOKEN: 't' }, cargoConfig: { files: nearer } }),
    ).toMatchObject({
      direct: true,
    });
  });
});

describe('uploadPath: credential providers', () => {
  const env = { ...CORP_ENV, CARGO_REGISTRY_DEFAULT: 'corp' };
  const withConfig = (text: string, e: Record<string, string> = env) =>
    decide({ registry: CORP, env: e, cargoConfig: { files: files(['/h/.cargo/config.toml', text]) } });

  it("cargo's default, or cargo:token asked first: the environment's token", () => {
    expect(withConfig('')).toMatchObject({ direct: true });
    expect(withConfig('[registries.corp]\ncredential-provider = "cargo:token"\n')).toMatchObject({ direct: true });
    // Later entries are asked first.
    expect(withConfig('[registry]\nglobal-credential-providers = ["cargo:libsecret", "cargo:token"]\n')).toMatchObject({
      direct: true,
    });
    // An alias standing for cargo:token.
    expect(
      withConfig('[credential-alias]\nplain = ["cargo:token"]\n[registries.corp]\ncredential-provider = "plain"\n'),
    ).toMatchObject({ direct: true });
  });

  it('a provider asked before cargo:token, or none of them cargo:token: cargo uploads', () => {
    expect(withConfig('[registries.corp]\ncredential-provider = ["/usr/bin/vault-cred", "--corp"]\n')).toEqual({
      direct: false,
      reason:
        'cargo would not take the token from the environment: `cargo:token` is not among its credential providers (registries.corp.credential-provider in /h/.cargo/config.toml)',
    });
    expect(withConfig('[registry]\nglobal-credential-providers = ["cargo:token", "cargo:libsecret"]\n')).toEqual({
      direct: false,
      reason:
        "cargo asks credential provider `cargo:libsecret` before the environment's token (registry.global-credential-providers in /h/.cargo/config.toml)",
    });
    expect(withConfig('[registry]\nglobal-credential-providers = ["cargo:libsecret"]\n')).toMatchObject({
      direct: false,
      reason: expect.stringContaining('`cargo:token` is not among its credential providers'),
    });
  });

  it("the environment's provider settings win over the files", () => {
    // CARGO_REGISTRY_GLOBAL_CREDENTIAL_PROVIDERS merges after the files: its entries are asked first (and named first).
    const global = { ...env, CARGO_REGISTRY_GLOBAL_CREDENTIAL_PROVIDERS: 'cargo:libsecret' };
    expect(withConfig('[registry]\nglobal-credential-providers = ["cargo:token"]\n', global)).toMatchObject({
      direct: false,
      reason: expect.stringContaining(
        '(CARGO_REGISTRY_GLOBAL_CREDENTIAL_PROVIDERS and registry.global-credential-providers in /h/.cargo/config.toml)',
      ),
    });
    // The registry's own provider from the env replaces the file's.
    const own = { ...env, CARGO_REGISTRIES_CORP_CREDENTIAL_PROVIDER: 'cargo:token' };
    expect(withConfig('[registries.corp]\ncredential-provider = "cargo:libsecret"\n', own)).toMatchObject({
      direct: true,
    });
    const ownOther = { ...env, CARGO_REGISTRIES_CORP_CREDENTIAL_PROVIDER: 'my-cred --x' };
    expect(withConfig('', ownOther)).toMatchObject({
      direct: false,
      reason: expect.stringContaining('(CARGO_REGISTRIES_CORP_CREDENTIAL_PROVIDER)'),
    });
    // crates.io's own provider key is registry.credential-provider.
    expect(
      decide({ cargoConfig: { files: files(['/h/c', '[registry]\ncredential-provider = "cargo:libsecret"\n']) } }),
    ).toMatchObject({ direct: false });
  });
});

describe('indexMismatch: the pre-flight check for both upload paths', () => {
  const base = { template: CMD, registry: CORP, env: {}, cargoConfig: { files: [] } };

  it('says when cargo would publish to an index the queue does not watch', () => {
    expect(indexMismatch(base)).toBe(
      "cargo would publish to registry `crates-io` (cargo's default) at sparse+https://index.crates.io/ (crates.io), but crates.registry is `corp` at sparse+https://crates.corp.example/index/: the queue would wait on an index cargo does not publish to; make the two the same",
    );
    const mirror = files([
      '/w/.cargo/config.toml',
      '[registry]\ndefault = "m"\n[registries.m]\nindex = "sparse+https://m.example/"\n',
    ]);
    expect(indexMismatch({ ...base, cargoConfig: { files: mirror } })).toContain(
      'registry `m` (registry.default in /w/.cargo/config.toml) at sparse+https://m.example/ (registries.m.index in /w/.cargo/config.toml)',
    );
  });

  it('is silent when the indexes agree, whatever the names, or when cargo would refuse anyway', () => {
    expect(indexMismatch({ ...base, env: CORP_ENV, template: [...CMD, '--registry', 'corp'] })).toBeUndefined();
    const alias = files([
      '/w/.cargo/config.toml',
      `[registry]\ndefault = "m"\n[registries.m]\nindex = "${CORP.index}"\n`,
    ]);
    expect(indexMismatch({ ...base, cargoConfig: { files: alias } })).toBeUndefined();
    expect(indexMismatch({ ...base, env: { CARGO_REGISTRY_DEFAULT: 'nowhere' } })).toBeUndefined();
    expect(indexMismatch({ ...base, template: ['my-publish', '{crate}'] })).toBeUndefined();
    expect(indexMismatch({ ...base, cargoConfig: { error: 'x' } })).toBeUndefined();
  });
});
