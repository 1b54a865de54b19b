// End to end with real cargo: the repository's own `.cargo/config.toml` decides who uploads. A
// registry.default naming another registry sends every upload through cargo (the step says why)
// and each crate is uploaded once; one on another index stops the release before any upload, and
// the release resumes once the file is fixed, the queue then uploading the verified crates itself.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTinyRelease, type TinyRelease } from './tiny-release.js';

let t: TinyRelease | undefined;
afterEach(() => t?.close());

/** The repository's .cargo/config.toml, committed (the release wants a clean tree); the env's default removed. */
function cargoConfig(r: TinyRelease, text: string): string {
  mkdirSync(join(r.repo, '.cargo'), { recursive: true });
  const file = join(r.repo, '.cargo', 'config.toml');
  writeFileSync(file, text);
  execFileSync('git', ['add', '-A'], { cwd: r.repo });
  execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-qm', 'cargo config'], { cwd: r.repo });
  // CARGO_REGISTRY_DEFAULT would win over the file.
  delete r.env.CARGO_REGISTRY_DEFAULT;
  return file;
}

const ONCE = { 'tiny-base@0.1.0': 1, 'tiny-mid@0.1.0': 1 };

describe("the repository's cargo configuration decides who uploads", () => {
  it('registry.default naming another registry on the same index: cargo uploads, each crate once', async () => {
    t = await openTinyRelease('cargo-config-default');
    const file = cargoConfig(t, `[registry]\ndefault = "mirror"\n\n[registries.mirror]\nindex = "${t.reg.indexUrl}"\n`);
    const run = await t.cli('run', '--headless', '--yes');
    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toContain(
      `uploads: cargo publish --no-verify (cargo would publish to registry \`mirror\` (registry.default in ${file}), the release's is \`local\`)`,
    );
    expect(run.out).not.toMatch(/straight to/);
    expect(Object.fromEntries(t.reg.uploads)).toEqual(ONCE);
  }, 180_000);

  it('registry.default on another index: stopped before any upload, resumed once the file is fixed', async () => {
    t = await openTinyRelease('cargo-config-elsewhere');
    cargoConfig(
      t,
      '[registry]\ndefault = "elsewhere"\n\n[registries.elsewhere]\nindex = "sparse+http://127.0.0.1:9/index/"\n',
    );
    const stopped = await t.cli('run', '--headless', '--yes');
    expect(stopped.code).toBe(1);
    expect(stopped.out + stopped.err).not.toMatch(/internal error|\n\s+at /);
    expect(stopped.out).toMatch(
      /pre-flight: cargo would publish to registry `elsewhere` \(registry\.default in \S+\) at sparse\+http:\/\/127\.0\.0\.1:9\/index\/ .*: the queue would wait on an index cargo does not publish to; make the two the same; nothing was uploaded/,
    );
    expect(t.reg.publishAttempts.size).toBe(0);

    rmSync(join(t.repo, '.cargo'), { recursive: true });
    execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-qam', 'no cargo config'], { cwd: t.repo });
    t.env.CARGO_REGISTRY_DEFAULT = 'local';
    const resumed = await t.cli('run', '--headless', '--yes');
    expect(resumed.code, resumed.out + resumed.err).toBe(0);
    expect(resumed.out).toMatch(/uploads: 2 verified \.crate files straight to /);
    expect(Object.fromEntries(t.reg.uploads)).toEqual(ONCE);
  }, 180_000);
});
