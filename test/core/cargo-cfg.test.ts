// A dependency's platform printed the way cargo sends it (cargo-platform's Display).
import { describe, expect, it } from 'vitest';
import { normalizePlatform } from '../../src/core/cargo-cfg.js';

describe('normalizePlatform', () => {
  it.each([
    ['x86_64-unknown-linux-gnu', 'x86_64-unknown-linux-gnu'],
    ['cfg(unix)', 'cfg(unix)'],
    ['cfg( windows )', 'cfg(windows)'],
    ['cfg(all(unix,target_pointer_width="64"))', 'cfg(all(unix, target_pointer_width = "64"))'],
    ['cfg(any(target_os = "linux", target_os = "macos",))', 'cfg(any(target_os = "linux", target_os = "macos"))'],
    ['cfg(not(debug_assertions))', 'cfg(not(debug_assertions))'],
    ['cfg(all())', 'cfg(all())'],
  ])('%s -> %s', (key, want) => {
    expect(normalizePlatform(key)).toBe(want);
  });

  it.each(['cfg(unix', 'cfg(foo(unix))', 'cfg(not(a, b))', 'cfg(a = b)', 'cfg(a = "x\\"y")', 'cfg(unix) x', 'a b'])(
    'refuses %j (cargo uploads instead)',
    (key) => {
      expect(normalizePlatform(key)).toBeUndefined();
    },
  );
});
