// init's registry from the repository's cargo configuration, read with the publish step's reader:
// cargo's file order in a directory, the nearer directory winning key by key.
import { describe, expect, it } from 'vitest';
import { memoryView } from '../../../src/core/file-view.js';
import { inspectRegistry } from '../../../src/core/init/cargo-registry.js';

const CORP = '[registries.corp]\nindex = "sparse+https://crates.corp.example/index/"\n';

describe('inspectRegistry', () => {
  it('takes the legacy `config` over `config.toml` in one directory, as cargo does', () => {
    const view = memoryView({
      '.cargo/config': `[registry]\ndefault = "corp"\n${CORP}`,
      '.cargo/config.toml': '[registry]\ndefault = "crates-io"\n',
    });
    expect(inspectRegistry(view, '').value).toEqual({
      name: 'corp',
      index: 'sparse+https://crates.corp.example/index/',
    });
  });

  it("the workspace's directory wins over the root's, key by key", () => {
    // crates-io named in the workspace's file: the root's corp default does not apply.
    const nearer = memoryView({
      'rust/.cargo/config.toml': '[registry]\ndefault = "crates-io"\n',
      '.cargo/config.toml': `[registry]\ndefault = "corp"\n${CORP}`,
    });
    expect(inspectRegistry(nearer, 'rust').value).toBeUndefined();
    // The default in the workspace's file, its index in the root's: merged, as cargo merges them.
    const merged = memoryView({
      'rust/.cargo/config.toml': '[registry]\ndefault = "corp"\n',
      '.cargo/config.toml': CORP,
    });
    expect(inspectRegistry(merged, 'rust')).toMatchObject({
      value: { name: 'corp' },
      notes: [
        { text: 'corp (sparse+https://crates.corp.example/index/), the default registry of rust/.cargo/config.toml.' },
      ],
    });
  });

  it('a malformed or mistyped file is a warning naming it; crates.io stays', () => {
    const bad = inspectRegistry(memoryView({ '.cargo/config.toml': '[registry\n' }), '');
    expect(bad.value).toBeUndefined();
    expect(bad.problems).toMatchObject([{ code: 'invalid-cargo-config', file: '.cargo/config.toml', line: 1 }]);
    const typed = inspectRegistry(memoryView({ '.cargo/config.toml': '[registry]\ndefault = 1\n' }), '');
    expect(typed.problems).toMatchObject([
      { code: 'invalid-cargo-config', file: '.cargo/config.toml', message: '`registry.default` must be a string.' },
    ]);
  });
});
