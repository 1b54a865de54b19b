// Cargo's configuration files as cargo finds them, on a real directory tree: the `.cargo/` of the
// directory and of each parent, then CARGO_HOME (once), the legacy `config` before `config.toml`;
// and git's own http.proxy from a temporary HOME.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cargoHomeOf, gitHttpProxy, readCargoConfig } from '../../src/adapters/cargo-config-files.js';
import { configString } from '../../src/core/cargo-config.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'rc-cargo-config-'));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

describe('readCargoConfig', () => {
  it('reads the directory, its parents and CARGO_HOME, nearest first, and the nearest value wins', () => {
    const root = tree({
      'repo/rust/core/.cargo/config.toml': '[registry]\ndefault = "near"\n',
      'repo/.cargo/config.toml': '[registry]\ndefault = "repo"\n[registries.near]\nindex = "sparse+https://n/"\n',
      'home/config.toml': '[registry]\ndefault = "home"\nglobal-credential-providers = ["cargo:token"]\n',
    });
    const env = { CARGO_HOME: join(root, 'home') };
    const read = readCargoConfig(join(root, 'repo/rust/core'), env);
    if ('error' in read) throw new Error(read.error);
    const names = read.files.map((f) => f.file);
    expect(names.slice(0, 2)).toEqual([
      join(root, 'repo/rust/core/.cargo/config.toml'),
      join(root, 'repo/.cargo/config.toml'),
    ]);
    expect(names[names.length - 1]).toBe(join(root, 'home/config.toml'));
    expect(configString(read.files, {}, ['registry', 'default'])?.value).toBe('near');
    expect(configString(read.files, {}, ['registries', 'near', 'index'])?.value).toBe('sparse+https://n/');
    // From the repository's root, the crate's own file is not read.
    const fromRoot = readCargoConfig(join(root, 'repo'), env);
    expect('files' in fromRoot && configString(fromRoot.files, {}, ['registry', 'default'])?.value).toBe('repo');
    // The environment wins over every file.
    expect(configString(read.files, { CARGO_REGISTRY_DEFAULT: 'env' }, ['registry', 'default'])?.value).toBe('env');
  });

  it('takes the legacy `config` over `config.toml` in one directory, and reads CARGO_HOME once', () => {
    const root = tree({
      'ws/.cargo/config': '[registry]\ndefault = "legacy"\n',
      'ws/.cargo/config.toml': '[registry]\ndefault = "toml"\n',
    });
    // CARGO_HOME is the walk's own `ws/.cargo`: not read a second time.
    const read = readCargoConfig(join(root, 'ws'), { CARGO_HOME: join(root, 'ws/.cargo') });
    if ('error' in read) throw new Error(read.error);
    expect(read.files.filter((f) => f.file.startsWith(root)).map((f) => f.file)).toEqual([
      join(root, 'ws/.cargo/config'),
    ]);
    expect(configString(read.files, {}, ['registry', 'default'])?.value).toBe('legacy');
  });

  it("a malformed file is cargo's refusal: file, line and column", () => {
    const root = tree({ 'ws/.cargo/config.toml': '[registry]\ndefault = \n' });
    const read = readCargoConfig(join(root, 'ws'), { CARGO_HOME: join(root, 'nohome') });
    expect(read).toEqual({
      error: expect.stringMatching(new RegExp(`^${join(root, 'ws/.cargo/config.toml')}:2:\\d+: invalid TOML`)),
    });
  });

  it('CARGO_HOME is relative to the directory cargo runs in; without it, ~/.cargo', () => {
    expect(cargoHomeOf('/w/x', { CARGO_HOME: 'h' })).toBe('/w/x/h');
    expect(cargoHomeOf('/w/x', { HOME: '/home/u' })).toBe('/home/u/.cargo');
  });
});

describe('gitHttpProxy', () => {
  it("reads git's global http.proxy, not a repository's", async () => {
    const root = tree({ 'home/.gitconfig': '[http]\n\tproxy = http://g.example:3128\n' });
    const env = { HOME: join(root, 'home'), GIT_CONFIG_NOSYSTEM: '1', XDG_CONFIG_HOME: join(root, 'xdg') };
    expect(await gitHttpProxy(root, env)).toEqual({ value: 'http://g.example:3128', from: "git's global http.proxy" });
    expect(await gitHttpProxy(root, { ...env, HOME: join(root, 'nohome') })).toBeUndefined();
  });
});
