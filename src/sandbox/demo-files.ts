// The files of the Micromegas-shaped demo repository, as a map path -> content, for one
// version. Pure: demo-repo.ts writes them and makes the git history.
import { DEMO_CRATES, type DemoCrate } from './demo-crates.js';

const WORKSPACE_DEPS = DEMO_CRATES.filter((c) => !c.binary && !DEMO_CRATES.some((o) => o.pinned?.some((p) => p.name === c.name)));

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
  for (const p of c.pinned ?? []) lines.push(`${p.name} = { path = "${p.path}", version = "${p.req.replace('{minor}', minor(version))}" }`);
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
  const reexports = uses.map((u) => `pub use ${ident(u)};`).sort().join('\n');
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

export function demoFiles(version: string): Map<string, string> {
  const files = new Map<string, string>();
  files.set('rust/Cargo.toml', workspaceManifest(version));
  for (const c of DEMO_CRATES) {
    files.set(`rust/${c.dir}/Cargo.toml`, memberManifest(c, version));
    files.set(`rust/${c.dir}/README.md`, `# ${c.name}\n\n${c.description}.\n`);
    files.set(`rust/${c.dir}/src/${c.binary ? 'main' : 'lib'}.rs`, c.binary ? binarySource(c) : librarySource(c));
  }
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
  files.set(
    'python/micromegas/pyproject.toml',
    `[tool.poetry]
name = "micromegas"
version = "${version}"
description = "Python analytics client for Micromegas"
authors = ["Marc-Antoine Desroches <madesroches@gmail.com>"]
license = "Apache-2.0"
readme = "README.md"

[tool.poetry.dependencies]
python = "^3.10"
pyarrow = ">=14"

[build-system]
requires = ["poetry-core"]
build-backend = "poetry.core.masonry.api"
`,
  );
  files.set('python/micromegas/README.md', '# micromegas\n\nPython client for Micromegas.\n');
  files.set('python/micromegas/micromegas/__init__.py', `__version__ = "${version}"\n`);
  files.set(
    'grafana/package.json',
    `${JSON.stringify(
      {
        name: 'micromegas-datasource',
        version,
        description: 'Micromegas FlightSQL datasource for Grafana',
        scripts: { build: 'webpack -c ./.config/webpack/webpack.config.ts --env production', lint: 'eslint .', 'test:ci': 'jest --passWithNoTests --maxWorkers 4' },
        license: 'Apache-2.0',
        engines: { node: '>=16' },
      },
      null,
      2,
    )}\n`,
  );
  // A build-time placeholder: recognised and left alone by verify and bump.
  files.set(
    'grafana/src/plugin.json',
    `${JSON.stringify(
      { type: 'datasource', name: 'Micromegas', id: 'micromegas-micromegas-datasource', info: { version: '%VERSION%', author: { name: 'Marc-Antoine Desroches' } } },
      null,
      2,
    )}\n`,
  );
  files.set('grafana/yarn.lock', '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n');
  files.set(
    'grafana/CHANGELOG.md',
    '# Changelog\n\n## 1.0.0 (Unreleased)\n\nInitial release.\n\n- FlightSQL datasource integration\n- SQL query editor with syntax highlighting\n- Query variable support\n- OAuth 2.0 and API key authentication\n',
  );
  files.set(
    'CHANGELOG.md',
    '# Changelog\n\nAll notable changes to this project are documented here.\n\n## [Unreleased]\n\n## [0.14.0] - 2025-10-23\n\n### Features\n\n- Async span tracing\n',
  );
  files.set('README.md', '# Micromegas\n\nScalable observability: a demo repository generated by release-cockpit.\n');
  files.set('.gitignore', 'rust/target/\nrust/datafusion-wasm/target/\ngrafana/dist/\ngrafana/node_modules/\n*.tar.gz\n');
  return files;
}

/** Built plugin files (grafana/dist), untracked like a real `yarn build` output. */
export function demoPluginDist(version: string): Map<string, string> {
  return new Map([
    ['grafana/dist/plugin.json', `${JSON.stringify({ type: 'datasource', id: 'micromegas-micromegas-datasource', info: { version } }, null, 2)}\n`],
    ['grafana/dist/module.js', '/* built by yarn build */\ndefine([], function () { return {}; });\n'],
    ['grafana/dist/README.md', '# Micromegas datasource\n'],
    ['grafana/dist/img/logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n'],
  ]);
}
