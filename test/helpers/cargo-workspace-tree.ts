// A workspace shaped like Micromegas's (root with [workspace.package] and [workspace.dependencies],
// a glob of members, an exclude, a proc-macro crate, a path dependency, an extra manifest outside),
// in memory, for loadWorkspace's tests.
import { memoryView } from '../../src/core/file-view.js';

const ROOT = `[workspace]
members = ["core", "crates/*", "macros"]
exclude = ["crates/skipped"]

[workspace.package]
version = "0.15.0"
license = "Apache-2.0"
description = "shared description"
readme = "README.md"

[workspace.dependencies]
ws-core = { path = "core", version = "0.15.0" }
ws-macros = { path = "macros", version = "0.15.0", features = ["a"] }
renamed-core = { package = "ws-core", path = "core", version = "0.15.0" }
serde = "1.0"
`;

/** The workspace under rust/ plus wasm/ outside it; `extra` adds or replaces files. */
export function tree(extra: Record<string, string> = {}) {
  return memoryView({
    'rust/Cargo.toml': ROOT,
    'rust/README.md': '# shared\n',
    'rust/core/Cargo.toml': `[package]
name = "ws-core"
version.workspace = true
license.workspace = true
description.workspace = true
readme.workspace = true

[dependencies]
serde = { workspace = true }
`,
    'rust/macros/Cargo.toml':
      '[package]\nname = "ws-macros"\nversion = "0.15.0"\ndescription = "macros"\nlicense = "MIT"\nreadme = false\n\n[lib]\nproc-macro = true\n',
    'rust/crates/alpha/Cargo.toml': `[package]
name = "ws-alpha"
version.workspace = true
description = "alpha"
license-file = "LICENSE"
publish = false

[dependencies]
renamed-core.workspace = true
ws-macros = { workspace = true, optional = true }
helper = { package = "ws-helper", path = "../../helper" }

[target.'cfg(unix)'.dependencies]
ws-macros = { workspace = true }

[target.'cfg(windows)'.build-dependencies]
ws-core = { path = "../../core", version = "^0.15" }

[dev-dependencies]
ws-core = { path = "../../core" }
`,
    'rust/crates/alpha/README.md': '# alpha\n',
    'rust/crates/skipped/Cargo.toml': '[package]\nname = "skipped"\nversion = "1.0.0"\n',
    'rust/helper/Cargo.toml': '[package]\nname = "ws-helper"\nversion = "0.1.0"\n',
    'wasm/Cargo.toml':
      '[package]\nname = "ws-wasm"\nversion = "0.15.0"\n\n[dependencies]\nws-core = { path = "../rust/core", version = "0.15" }\n\n[workspace]\n',
    ...extra,
  });
}
