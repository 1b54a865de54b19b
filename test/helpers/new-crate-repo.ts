// A real git repository where a library crate came after the previous release tag without being
// listed: v0.1.0 had `core`; `cache` (a library, used by `srv`, a binary) came after it.
import type { TempRepo } from './git-repo.js';

const manifest = (name: string, deps = '') =>
  `[package]\nname = "${name}"\nversion.workspace = true\ndescription = "d"\nlicense = "MIT"\n${deps}`;

/** What `plan`, `run` and the cockpit say about `cache`. */
export const NEW_CRATE_WARNING =
  'rust/cache/Cargo.toml: `cache` is a library crate new since v0.1.0 (used by srv), neither in crates.publish nor `publish = false`: add it to crates.publish, or mark it `publish = false`.';

/** v0.1.0 had `core`; `cache` (a library, used by `srv`, a binary) came after it. */
export function newCrateRepo(
  gitRepo: (opts: { commit: boolean; files: Record<string, string> }) => TempRepo,
): TempRepo {
  const config = {
    project: 'Demo',
    crates: {
      workspace: 'rust',
      publish: ['core'],
      // Nothing listens there: the dry run's index check fails and it lists every crate.
      registry: { name: 'local', index: 'sparse+http://127.0.0.1:9/index/' },
    },
    phases: [{ id: 'crates', title: 'Crates', steps: [{ id: 'publish', kind: 'publish-crates' }] }],
  };
  const r = gitRepo({
    commit: true,
    files: {
      '.releaserc.json': JSON.stringify(config, null, 2),
      'rust/Cargo.toml': '[workspace]\nmembers = ["*"]\n\n[workspace.package]\nversion = "0.1.0"\n',
      'rust/core/Cargo.toml': manifest('core'),
      'rust/core/src/lib.rs': '',
    },
  });
  r.git('tag', 'v0.1.0');
  r.write('rust/Cargo.toml', '[workspace]\nmembers = ["*"]\n\n[workspace.package]\nversion = "0.2.0"\n');
  r.write('rust/cache/Cargo.toml', manifest('cache'));
  r.write('rust/cache/src/lib.rs', '');
  r.write('rust/srv/Cargo.toml', manifest('srv', '\n[dependencies]\ncache = { path = "../cache" }\n'));
  r.write('rust/srv/src/main.rs', 'fn main() {}\n');
  r.git('add', '-A');
  r.git('-c', 'commit.gpgsign=false', 'commit', '-qm', 'cache and srv');
  return r;
}
