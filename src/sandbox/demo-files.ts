// The files of the Micromegas-shaped demo repository, as a map path -> content, for one
// version. Pure: demo-repo.ts writes them and makes the git history.
import { DEMO_CRATES, type DemoCrate } from './demo-crates.js';
import { demoPluginFiles } from './demo-plugin-files.js';
import { demoPythonFiles } from './demo-python-files.js';

const WORKSPACE_DEPS = DEMO_CRATES.filter(
  (c) => !c.binary && !DEMO_CRATES.some((o) => o.pinned?.some((p) => p.name === c.name)),
);

function minor(version: string): string {
  const [maj, min] = version.split('.');
  return `${maj}.${min}`;
}

function ident(name: string): string {
  return name.replace(/-/g, '_');
}

function workspaceManifest(version: string): string {
  const members = DEMO_CRATES.map((c) => `    "${c.dir}",`).join('\n');
  const deps = WORKSPACE_DEPS.map((c) => `${c.name} = { path = "${c.dir}", version = "${version}" }`).join('\n');
  return `[workspace]
resolver = "2"
members = [
${members}
]
exclude = ["datafusion-wasm"]

[workspace.package]
version = "${version}"
edition = "2021"
license = "Apache-2.0"
repository = "https://github.com/madesroches/micromegas"
authors = ["Marc-Antoine Desroches <madesroches@gmail.com>"]

[workspace.dependencies]
# Internal crates: the version is what the registry sees; bump them together.
${deps}
`;
}

function memberManifest(c: DemoCrate, version: string): string {
  const lines = [
    '[package]',
    `name = "${c.name}"`,
    'version.workspace = true',
    'edition.workspace = true',
    'license.workspace = true',
    'repository.workspace = true',
    `description = "${c.description}"`,
    'readme = "README.md"',
    '',
  ];
  if (c.procMacro) lines.push('[lib]', 'proc-macro = true', '');
  lines.push('[dependencies]');
  for (const p of c.pinned ?? [])
    lines.push(`${p.name} = { path = "${p.path}", version = "${p.req.replace('{minor}', minor(version))}" }`);
  for (const d of c.deps) lines.push(`${d}.workspace = true`);
  return `${lines.join('\n')}\n`;
}

function librarySource(c: DemoCrate): string {
  const uses = [...(c.pinned ?? []).map((p) => p.name), ...c.deps];
  if (c.procMacro) {
    // A real proc-macro crate with no external dependency: cargo builds it offline.
    return `//! ${c.description}.
use proc_macro::TokenStream;

/// Expands to nothing: enough for the demo to compile and publish.
#[proc_macro_derive(${c.name === 'micromegas-derive-transit' ? 'TransitReflect' : 'Instrumented'})]
pub fn derive(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
`;
  }
  // Sorted like rustfmt sorts them: the demo's own `cargo fmt --check` must pass.
  const reexports = uses
    .map((u) => `pub use ${ident(u)};`)
    .sort()
    .join('\n');
  return `//! ${c.description}.
${reexports}

/// The crate's name, so every crate has one item of its own.
pub fn crate_name() -> &'static str {
    "${c.name}"
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_itself() {
        assert_eq!(super::crate_name(), "${c.name}");
    }
}
`;
}

function binarySource(c: DemoCrate): string {
  return `fn main() {
    let name = "${c.name}";
    println!("{name} built on {}", micromegas::crate_name());
}
`;
}

/** The crate outside the workspace and the CI script: what sits beside the workspace. */
function outsideFiles(version: string): Map<string, string> {
  const files = new Map<string, string>();
  files.set(
    'rust/datafusion-wasm/Cargo.toml',
    `[package]
name = "datafusion-wasm"
version = "${version}"
edition = "2021"
publish = false
description = "DataFusion compiled to WebAssembly (outside the workspace)"

[workspace]

[dependencies]
micromegas-tracing = { path = "../tracing", version = "${version}" }
`,
  );
  files.set('rust/datafusion-wasm/src/lib.rs', 'pub use micromegas_tracing;\n');
  files.set(
    'build/rust_ci.py',
    `#!/usr/bin/env python3
"""The Rust CI pipeline of the demo: prints what the real one reports."""
import time
for step in ["cargo fmt --check", "cargo clippy --workspace -- -D warnings", "cargo test"]:
    print(f"running: {step}", flush=True)
    time.sleep(0.2)
print("test result: ok. 137 passed; 0 failed; 0 ignored", flush=True)
print("137 tests passed", flush=True)
`,
  );
  return files;
}

export function demoFiles(version: string): Map<string, string> {
  const files = new Map<string, string>();
  files.set('rust/Cargo.toml', workspaceManifest(version));
  for (const c of DEMO_CRATES) {
    files.set(`rust/${c.dir}/Cargo.toml`, memberManifest(c, version));
    files.set(`rust/${c.dir}/README.md`, `# ${c.name}\n\n${c.description}.\n`);
    files.set(`rust/${c.dir}/src/${c.binary ? 'main' : 'lib'}.rs`, c.binary ? binarySource(c) : librarySource(c));
  }
  for (const [path, text] of outsideFiles(version)) files.set(path, text);
  for (const [path, text] of demoPythonFiles(version)) files.set(path, text);
  for (const [path, text] of demoPluginFiles(version)) files.set(path, text);
  files.set(
    'grafana/CHANGELOG.md',
    '# Changelog\n\n## 1.0.0 (Unreleased)\n\nInitial release.\n\n- FlightSQL datasource integration\n- SQL query editor with syntax highlighting\n- Query variable support\n- OAuth 2.0 and API key authentication\n',
  );
  files.set(
    'CHANGELOG.md',
    '# Changelog\n\nAll notable changes to this project are documented here.\n\n## [Unreleased]\n\n## [0.14.0] - 2025-10-23\n\n### Features\n\n- Async span tracing\n',
  );
  files.set('README.md', '# Micromegas\n\nScalable observability: a demo repository generated by release-cockpit.\n');
  files.set('.gitignore', DEMO_GITIGNORE);
  return files;
}

/** What the real tools leave behind: build outputs, Poetry's in-project venv, caches. */
const DEMO_GITIGNORE = [
  'rust/target/',
  'rust/datafusion-wasm/target/',
  'grafana/dist/',
  'grafana/node_modules/',
  '*.tar.gz',
  'python/micromegas/dist/',
  '.venv/',
  '__pycache__/',
  '.pytest_cache/',
  '.benchmarks/',
  '',
].join('\n');
