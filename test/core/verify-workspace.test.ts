// The scratch workspace that builds a packaged publish set (core/verify-workspace.ts): pure.
import { describe, expect, it } from 'vitest';
import { scratchManifest, type PackagedCrate } from '../../src/core/verify-workspace.js';

const crate = (name: string, deps: string): PackagedCrate => ({
  name,
  version: '0.2.0',
  dir: `${name}-0.2.0`,
  manifest: `[package]\nname = "${name}"\nversion = "0.2.0"\n\n${deps}`,
});

describe('scratchManifest', () => {
  it('makes every package a member and patches each crate of the set to its package', () => {
    const text = scratchManifest([
      crate('a', ''),
      crate('b', '[dependencies.a]\nversion = "0.2.0"\n\n[dependencies.serde]\nversion = "1"\n'),
    ]);
    expect(text).toBe(
      [
        '# Written by release-cockpit: the packaged publish set, verified in one build.',
        '[workspace]',
        'resolver = "2"',
        'members = ["a-0.2.0", "b-0.2.0"]',
        '',
        '[patch.crates-io]',
        '"a" = { path = "a-0.2.0" }',
        '"b" = { path = "b-0.2.0" }',
        '',
      ].join('\n'),
    );
  });

  it('patches the registry the packages name (an alternative registry, a renamed or target dependency)', () => {
    const text = scratchManifest([
      crate('a', ''),
      crate(
        'b',
        '[dependencies.alias]\npackage = "a"\nversion = "0.2.0"\nregistry-index = "sparse+https://r.example/index/"\n',
      ),
      crate('c', '[target."cfg(unix)".build-dependencies.b]\nversion = "0.2.0"\n'),
    ]);
    expect(text).toContain('\n[patch.crates-io]\n"a" = { path = "a-0.2.0" }\n');
    expect(text).toContain('\n[patch."sparse+https://r.example/index/"]\n"a" = { path = "a-0.2.0" }\n');
  });

  it('a package whose manifest is not TOML is refused with its file', () => {
    expect(() => scratchManifest([{ ...crate('a', ''), manifest: '[package\n' }])).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ file: 'a-0.2.0/Cargo.toml' }) }),
    );
  });
});
