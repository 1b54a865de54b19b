// A crate with every dependency shape the registry's publish metadata carries: renamed packages,
// optional ones, default features off, features in an unsorted order, a dependency from another
// registry, dev and build kinds, target-specific tables (a triple, cfg() written without spaces),
// version requirements cargo rewrites, and every package field (readme, license file, badges,
// links, rust-version...). Its dependencies are index lines seeded into the loopback registries:
// enough to package and publish it with --no-verify, not to build it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Registry } from '../../src/sandbox/registry-server.js';

export const SHAPES = { name: 'shapes', version: '1.2.3' };

const MANIFEST = `[package]
name = "shapes"
version = "1.2.3"
edition = "2021"
authors = ["Ada <ada@example.com>", "Bob"]
description = "Every dependency shape, \\"quoted\\" and ünïcode"
documentation = "https://docs.example.com/shapes"
homepage = "https://example.com"
readme = "README.md"
keywords = ["shapes", "test"]
categories = ["development-tools"]
license = "MIT OR Apache-2.0"
license-file = "LICENSE"
repository = "https://example.com/repo"
links = "shapes"
build = "build.rs"
rust-version = "1.70"

[badges]
maintenance = { status = "actively-developed" }
is-it-maintained-issue-resolution = { repository = "a/b" }

[features]
default = ["fast"]
fast = []
extra = ["dep:opt-dep", "renamed/f2", "opt-dep?/f1"]
all = ["extra", "fast"]

[dependencies]
dep-a = { version = "1.0", features = ["f2", "f1"], default-features = false }
renamed = { package = "dep-b", version = ">= 0.3,<0.5" }
opt-dep = { version = "=2.0.1", optional = true, package = "dep-c" }
other-dep = { version = "0.1", registry = "other" }
star = { version = "*", package = "dep-d" }
wild = { version = "1.*", package = "dep-e" }

[dev-dependencies]
dep-dev = "~0.2"

[build-dependencies]
dep-build = "0.9"

[target.'cfg(windows)'.dependencies]
dep-win = "1"

[target.'cfg(all(unix,target_pointer_width="64"))'.dependencies]
dep-unix = { version = "1", features = ["f1"] }

[target.x86_64-unknown-linux-gnu.build-dependencies]
dep-build = "0.9.1"

[target.'cfg(unix)'.dev-dependencies]
dep-dev = "0.2"
`;

/** Index lines of the dependencies (the local registry's, then the other registry's). */
export const SHAPES_DEPS: { name: string; vers: string; features?: Record<string, string[]> }[] = [
  { name: 'dep-a', vers: '1.0.0', features: { f1: [], f2: [] } },
  { name: 'dep-b', vers: '0.4.0', features: { f2: [] } },
  { name: 'dep-c', vers: '2.0.1', features: { f1: [] } },
  { name: 'dep-d', vers: '3.0.0' },
  { name: 'dep-e', vers: '1.5.0' },
  { name: 'dep-dev', vers: '0.2.0' },
  { name: 'dep-build', vers: '0.9.1' },
  { name: 'dep-win', vers: '1.0.0' },
  { name: 'dep-unix', vers: '1.0.0', features: { f1: [] } },
];
export const SHAPES_OTHER_DEPS = [{ name: 'other-dep', vers: '0.1.0' }];

export function seedShapeDeps(local: Registry, other: Registry): void {
  for (const d of SHAPES_DEPS) local.seed({ features: {}, ...d });
  for (const d of SHAPES_OTHER_DEPS) other.seed(d);
}

/** Writes the crate (its own workspace, a git repository so cargo records its commit); returns its directory. */
export function writeShapesCrate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rc-shapes-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'Cargo.toml'), MANIFEST);
  writeFileSync(join(dir, 'src', 'lib.rs'), 'pub fn shapes() {}\n');
  writeFileSync(join(dir, 'build.rs'), 'fn main() {}\n');
  writeFileSync(join(dir, 'README.md'), '# shapes\n\nA readme with "quotes", a tab\there and ünïcode.\n');
  writeFileSync(join(dir, 'LICENSE'), 'MIT or Apache-2.0\n');
  return dir;
}
