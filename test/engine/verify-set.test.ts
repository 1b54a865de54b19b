// What verify-first runs (publishCommands): pure over the plan, no cargo needed.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan-types.js';
import { groupCommands, publishCommands } from '../../src/engine/verify-set.js';
import { makePlan } from '../helpers/make-plan.js';

function plan(crates: Partial<Plan['config']['crates']> = {}): Plan {
  const p = makePlan({
    crates: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'wasm' }],
    phases: [{ id: 'p', steps: [{ id: 'publish', kind: 'publish-crates' }] }],
  });
  const deps: Record<string, string[]> = { a: [], b: ['a'], c: ['b'], wasm: ['a'] };
  const manifests: Record<string, string> = {
    a: 'rust/a/Cargo.toml',
    b: 'rust/b/Cargo.toml',
    c: 'rust/c/Cargo.toml',
    wasm: 'rust/wasm/Cargo.toml',
  };
  return {
    ...p,
    crates: p.crates.map((c) => ({ ...c, dependsOn: deps[c.name] ?? [], manifest: manifests[c.name] ?? c.manifest })),
    config: { ...p.config, crates: { ...p.config.crates, extraManifests: ['rust/wasm/Cargo.toml'], ...crates } },
  };
}

describe('publishCommands', () => {
  it('one cargo package for the workspace crates; their uploads skip the verify', () => {
    const p = plan();
    const { verify, upload } = publishCommands(p, p.crates);
    expect(verify.map((g) => [g.cwd, g.argv.join(' ')])).toEqual([
      ['rust/a', 'cargo package -p a -p b -p c'],
      ['rust/wasm', 'cargo check -p wasm'],
    ]);
    // It runs: where cargo's target dir is, the set packaged without cargo's verify, the packages built together.
    expect(verify[0]?.build?.metadata).toEqual(['cargo', 'metadata', '--format-version', '1', '--no-deps']);
    expect(verify.flatMap(groupCommands).map((a) => a.join(' '))).toEqual([
      'cargo package --no-verify -p a -p b -p c',
      'cargo build',
      'cargo check -p wasm',
    ]);
    expect(upload.get('b')).toEqual(['cargo', 'publish', '--no-verify', '-p', 'b@1.0.0']);
    // Outside the workspace and needing a crate still to publish: checked natively up front, its own upload verifies its package.
    expect(upload.get('wasm')).toEqual(['cargo', 'publish', '-p', 'wasm@1.0.0']);
  });

  it('an outside crate whose dependencies are already out is verified up front on its own', () => {
    const p = plan();
    const { verify, upload } = publishCommands(
      p,
      p.crates.filter((c) => c.name !== 'a'),
    );
    expect(verify.map((g) => [g.cwd, g.argv.join(' ')])).toEqual([
      ['rust/b', 'cargo package -p b -p c'],
      ['rust/wasm', 'cargo package -p wasm'],
    ]);
    expect(upload.get('wasm')).toEqual(['cargo', 'publish', '--no-verify', '-p', 'wasm@1.0.0']);
  });

  it('crates that need a skipped crate are left to their upload; verifyFirst false verifies nothing up front', () => {
    const p = plan();
    const { verify, upload } = publishCommands(
      p,
      p.crates.filter((c) => c.name !== 'a'),
      new Set(['a']),
    );
    expect(verify).toEqual([]);
    expect(upload.get('c')).toEqual(['cargo', 'publish', '-p', 'c@1.0.0']);
    const off = plan({ verifyFirst: false });
    expect(publishCommands(off, off.crates).verify).toEqual([]);
  });

  it("the outside crate's check and the set's build keep the toolchain and --config of the publish command", () => {
    const p = plan({
      command: [
        'cargo',
        '+stable',
        'publish',
        '--registry',
        'local',
        '--config',
        'net.offline=true',
        '--no-verify',
        '-p',
        '{crate}',
      ],
    });
    const groups = publishCommands(p, p.crates).verify;
    const check = groups.find((g) => g.check);
    expect(check?.argv).toEqual(['cargo', '+stable', 'check', '--config', 'net.offline=true', '-p', 'wasm']);
    // So do the set's metadata query and build; its package keeps the registry too.
    expect(groups[0]?.build).toEqual({
      metadata: ['cargo', '+stable', 'metadata', '--config', 'net.offline=true', '--format-version', '1', '--no-deps'],
      package: [
        'cargo',
        '+stable',
        'package',
        '--no-verify',
        '--registry',
        'local',
        '--config',
        'net.offline=true',
        '-p',
        'a',
        '-p',
        'b',
        '-p',
        'c',
      ],
      build: ['cargo', '+stable', 'build', '--config', 'net.offline=true'],
    });
  });

  it('a command that is not cargo publish is run as configured', () => {
    const p = plan({ command: ['./upload.sh', '{crate}'] });
    const { verify, upload } = publishCommands(p, p.crates);
    expect(verify).toEqual([]);
    expect(upload.get('a')).toEqual(['./upload.sh', 'a']);
  });
});
