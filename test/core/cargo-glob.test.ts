import { describe, expect, it } from 'vitest';
import { memoryView } from '../../src/core/file-view.js';
import { expandGlob } from '../../src/core/cargo-glob.js';

describe('expandGlob', () => {
  const view = memoryView({
    'rust/crates/a/Cargo.toml': '',
    'rust/crates/b1/Cargo.toml': '',
    'rust/crates/.hidden/Cargo.toml': '',
    'rust/crates/file.txt': '',
    'rust/deep/x/y/Cargo.toml': '',
  });
  it('matches *, ?, [..] per segment, directories only, hidden ones too (cargo uses the glob crate defaults)', () => {
    expect(expandGlob(view, 'rust', 'crates/*')).toEqual(['rust/crates/.hidden', 'rust/crates/a', 'rust/crates/b1']);
    expect(expandGlob(view, 'rust', 'crates/b?')).toEqual(['rust/crates/b1']);
    expect(expandGlob(view, 'rust', 'crates/[ab]')).toEqual(['rust/crates/a']);
    expect(expandGlob(view, 'rust', 'crates/[!a]*')).toEqual(['rust/crates/.hidden', 'rust/crates/b1']);
    expect(expandGlob(view, 'rust', '*')).toEqual(['rust/crates', 'rust/deep']);
    expect(expandGlob(view, 'rust', 'deep/**')).toEqual(['rust/deep', 'rust/deep/x', 'rust/deep/x/y']);
    expect(expandGlob(view, 'rust', 'nothing/*')).toEqual([]);
  });
});
