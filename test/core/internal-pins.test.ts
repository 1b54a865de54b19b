// Every manifest's internal pins, listed in versionFiles or not: an exact `=0.15.0` written by a
// binary crate outside [workspace.dependencies], and the crate outside the workspace, are checked
// against the release version and moved by the bump, which names the files nobody listed.
import { describe, expect, it } from 'vitest';
import { memoryView } from '../../src/core/file-view.js';
import { loadWorkspace } from '../../src/core/cargo-workspace.js';
import { collectVersionLocations } from '../../src/core/version-locations.js';
import { checkVersions } from '../../src/core/version-check.js';
import { lockFilesFor, prepareBump, unlistedFiles, unlistedSentence } from '../../src/core/version-bump.js';

const files = (pin: string) =>
  memoryView({
    'rust/Cargo.toml':
      '[workspace]\nmembers = ["core", "cli"]\nexclude = ["wasm"]\n\n[workspace.package]\nversion = "0.15.0"\n\n[workspace.dependencies]\nmm-core = { path = "core", version = "0.15.0" }\n',
    'rust/core/Cargo.toml': '[package]\nname = "mm-core"\nversion.workspace = true\n',
    'rust/cli/Cargo.toml': `[package]\nname = "mm-cli"\nversion.workspace = true\npublish = false\n\n[dependencies]\nmm-core = { path = "../core", version = "${pin}" }\n`,
    'rust/wasm/Cargo.toml':
      '[package]\nname = "mm-wasm"\nversion = "0.15.0"\npublish = false\n\n[dependencies]\nmm-core = { path = "../core", version = "^0.15" }\n\n[workspace]\n',
    'rust/wasm/Cargo.lock':
      'version = 4\n\n[[package]]\nname = "mm-core"\nversion = "0.15.0"\n\n[[package]]\nname = "mm-wasm"\nversion = "0.15.0"\n',
    'blender/blender_manifest.toml': 'schema_version = "1.0.0"\nid = "mm"\nversion = "0.15.0"\n',
  });

function collect(pin: string) {
  const view = files(pin);
  const ws = loadWorkspace(view, { workspace: 'rust', extraManifests: ['rust/wasm/Cargo.toml'] });
  const versionFiles = ['rust/Cargo.toml', 'blender/blender_manifest.toml'];
  return { view, ws, versionFiles, ...collectVersionLocations(view, ws, { published: ['mm-core'], versionFiles }) };
}

describe('internal pins in every manifest', () => {
  it('verify-versions flags an exact pin at the old version in an unlisted binary crate, at its line', () => {
    const { locations, problems } = collect('=0.14.0');
    expect(problems).toEqual([]);
    const found = checkVersions(locations, '0.15.0');
    expect(found.map((p) => [p.code, p.file, p.line])).toEqual([['requirement-mismatch', 'rust/cli/Cargo.toml', 7]]);
  });

  it('the bump moves it, the outside crate and its own lockfile, the Blender manifest, and names the unlisted files', () => {
    const { view, ws, locations, versionFiles } = collect('=0.15.0');
    const bump = prepareBump({
      files: view,
      locations,
      crates: ws.crates,
      versionFiles,
      lockFiles: lockFilesFor('rust', ['rust/wasm/Cargo.toml']),
      next: '0.16.0',
    });
    expect(bump.lines.map((l) => `${l.path}:${l.line} ${l.from} -> ${l.to}`)).toEqual([
      'blender/blender_manifest.toml:3 0.15.0 -> 0.16.0',
      'rust/Cargo.toml:6 0.15.0 -> 0.16.0',
      'rust/Cargo.toml:9 0.15.0 -> 0.16.0',
      'rust/cli/Cargo.toml:7 =0.15.0 -> =0.16.0',
      'rust/wasm/Cargo.lock:5 0.15.0 -> 0.16.0',
      'rust/wasm/Cargo.lock:9 0.15.0 -> 0.16.0',
      'rust/wasm/Cargo.toml:3 0.15.0 -> 0.16.0',
      'rust/wasm/Cargo.toml:7 ^0.15 -> ^0.16',
    ]);
    expect(unlistedFiles(bump, versionFiles)).toEqual(['rust/cli/Cargo.toml', 'rust/wasm/Cargo.toml']);
    expect(unlistedSentence(unlistedFiles(bump, versionFiles))).toBe(
      'also moved internal versions in 2 files not in versionFiles: rust/cli/Cargo.toml, rust/wasm/Cargo.toml',
    );
  });
});
