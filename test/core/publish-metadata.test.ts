// The publish request's metadata from a packaged Cargo.toml (its exact match with cargo's own is
// test/e2e/direct-upload-equal.test.ts): what it refuses to build, so cargo uploads instead.
import { describe, expect, it } from 'vitest';
import { publishMetadata, readmePath } from '../../src/core/publish-metadata.js';

const TO = { name: 'local', cratesIo: false, indexUrl: 'sparse+http://127.0.0.1:1/index/' };
const PKG = '[package]\nname = "a"\nversion = "1.0.0"\n';

function reason(manifest: string, to = TO): string {
  const r = publishMetadata(manifest, null, to);
  return r.ok ? 'built' : r.reason;
}

describe('publishMetadata', () => {
  it('builds cargo’s field order with nulls and empty lists for what the manifest leaves out', () => {
    const r = publishMetadata(PKG, null, { ...TO, cratesIo: true, name: 'crates-io' });
    expect(r).toEqual({
      ok: true,
      name: 'a',
      version: '1.0.0',
      json: '{"name":"a","vers":"1.0.0","deps":[],"features":{},"authors":[],"description":null,"documentation":null,"homepage":null,"readme":null,"readme_file":null,"keywords":[],"categories":[],"license":null,"license_file":null,"repository":null,"badges":{},"links":null,"rust_version":null}',
    });
  });

  it('names no registry for a crates.io dependency published to crates.io, the crates.io index elsewhere', () => {
    const m = `${PKG}[dependencies.b]\nversion = "1"\n`;
    const on = publishMetadata(m, null, { ...TO, name: 'crates-io', cratesIo: true });
    const off = publishMetadata(m, null, TO);
    expect(on.ok && JSON.parse(on.json).deps[0].registry).toBeUndefined();
    expect(off.ok && JSON.parse(off.json).deps[0].registry).toBe('https://github.com/rust-lang/crates.io-index');
    const same = publishMetadata(
      `${PKG}[dependencies.b]\nversion = "1"\nregistry-index = "${TO.indexUrl}"\n`,
      null,
      TO,
    );
    expect(same.ok && JSON.parse(same.json).deps[0].registry).toBeUndefined();
  });

  it('refuses what it cannot send exactly as cargo would', () => {
    expect(reason(`${PKG}[dependencies.b]\npath = "../b"\nversion = "1"\n`)).toBe('dependency b has path');
    expect(reason(`${PKG}[dependencies.b]\ngit = "https://x"\n`)).toBe('dependency b has git');
    expect(reason(`${PKG}[dependencies.b]\nversion = "1"\nartifact = "bin"\n`)).toBe('dependency b has artifact');
    expect(reason(`${PKG}[dependencies.b]\nfeatures = ["x"]\n`)).toBe("dependency b's version requirement null");
    expect(reason(`${PKG}[dependencies.b]\nversion = "1.2.3+meta"\n`)).toBe(
      'dependency b\'s version requirement "1.2.3+meta"',
    );
    expect(reason(`${PKG}[target.'cfg(foo(x))'.dependencies.b]\nversion = "1"\n`)).toBe('target "cfg(foo(x))"');
    expect(reason(`cargo-features = ["x"]\n${PKG}`)).toBe('the manifest uses cargo-features');
    expect(reason(`${PKG}[weird]\n`)).toBe('the manifest has weird');
    expect(reason(`${PKG}[features]\n"1" = []\n`)).toBe('the key "1" (not sorted as cargo sorts it)');
    expect(reason(`${PKG}readme = "README.md"\n`)).toBe('its readme README.md could not be read');
    expect(reason(`${PKG}publish = false\n`)).toBe('package.publish does not list local');
    expect(reason(`${PKG}publish = ["other"]\n`)).toBe('package.publish does not list local');
    expect(
      reason(`${PKG}[dependencies.b]\nversion = "1"\nregistry-index = "sparse+https://x/"\n`, {
        ...TO,
        name: 'crates-io',
        cratesIo: true,
      }),
    ).toBe('dependency b comes from another registry');
    expect(reason('not toml [')).toMatch(/^its packaged Cargo.toml does not parse/);
  });

  it('finds the readme path of a packaged manifest', () => {
    expect(readmePath(`${PKG}readme = "docs/README.md"\n`)).toBe('docs/README.md');
    expect(readmePath(`${PKG}readme = false\n`)).toBeNull();
    expect(readmePath('[[[')).toBeNull();
  });
});
