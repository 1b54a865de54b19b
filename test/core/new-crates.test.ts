// A library crate new since the previous tag, neither listed nor publish = false: a warning naming
// it and its dependents (a listed crate needing it is the closure error of the publish list).
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { memoryView } from '../../src/core/file-view.js';
import { buildPlan } from '../../src/core/plan.js';

const files = {
  'rust/Cargo.toml': '[workspace]\nmembers = ["*"]\n\n[workspace.package]\nversion = "0.29.0"\n',
  'rust/core/Cargo.toml':
    '[package]\nname = "mm-core"\nversion.workspace = true\ndescription = "d"\nlicense = "MIT"\n\n[dependencies]\nmm-cache = { path = "../cache" }\n',
  'rust/core/src/lib.rs': '',
  'rust/cache/Cargo.toml': '[package]\nname = "mm-cache"\nversion.workspace = true\n',
  'rust/cache/src/lib.rs': '',
  'rust/otel/Cargo.toml':
    '[package]\nname = "mm-otel"\nversion.workspace = true\n\n[dependencies]\nmm-cache = { path = "../cache" }\n',
  'rust/otel/src/lib.rs': '',
  'rust/srv/Cargo.toml':
    '[package]\nname = "mm-srv"\nversion.workspace = true\n\n[dependencies]\nmm-otel = { path = "../otel" }\n',
  'rust/srv/src/main.rs': '',
  'rust/private/Cargo.toml': '[package]\nname = "mm-private"\nversion.workspace = true\npublish = false\n',
  'rust/private/src/lib.rs': '',
};

function plan(before?: string[]) {
  const text = JSON.stringify({
    project: 'x',
    crates: { workspace: 'rust', publish: ['mm-core'] },
    phases: [{ id: 'a', title: 'A', steps: [] }],
  });
  const config = parseConfigText(text, '.releaserc.json');
  return buildPlan(
    config,
    '/repo/.releaserc.json',
    '/repo',
    memoryView({ ...files, '.releaserc.json': text }),
    before ? { previousTag: 'v0.28.0', filesAtPreviousTag: new Set(before) } : {},
  );
}

describe('new library crates', () => {
  it('warns about a library crate new since the previous tag, naming its dependents; binaries, publish = false and old crates are left alone', () => {
    const p = plan(['rust/Cargo.toml', 'rust/core/Cargo.toml', 'rust/srv/Cargo.toml', 'rust/cache/Cargo.toml']);
    expect(
      p.problems.filter((x) => x.code === 'new-library-crate').map((x) => [x.severity, x.file, x.message]),
    ).toEqual([
      [
        'warning',
        'rust/otel/Cargo.toml',
        '`mm-otel` is a library crate new since v0.28.0 (used by mm-srv), neither in crates.publish nor `publish = false`: add it to crates.publish, or mark it `publish = false`.',
      ],
    ]);
  });

  it('a listed crate needing an unlisted library crate is an error naming it and who needs it', () => {
    const p = plan();
    expect(p.problems.filter((x) => x.code === 'publish-list-not-closed').map((x) => [x.severity, x.message])).toEqual([
      [
        'error',
        '`mm-core` needs `mm-cache` from the registry, but `mm-cache` is not in crates.publish (add it to crates.publish).',
      ],
    ]);
    expect(p.problems.some((x) => x.code === 'new-library-crate')).toBe(false);
  });
});
