// The plan reads workspace membership and internal dependency edges exactly as cargo does:
// generated workspaces on disk, compared with `cargo metadata --no-deps` (real cargo; skipped
// with a notice when cargo is not installed).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFsView } from '../../src/adapters/fs-view.js';
import { loadWorkspace } from '../../src/core/cargo-workspace.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const hasCargo = spawnSync('cargo', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasCargo)
  console.warn(
    'notice: cargo is not installed; the cargo metadata comparison (test/e2e/cargo-membership.test.ts) is skipped',
  );

const tempDir = useTempDirs('rc-members-');

const pkg = (name: string, deps = '') => `[package]\nname = "${name}"\nversion = "0.15.0"\nedition = "2021"\n${deps}`;

/** Writes the tree, plus a src/lib.rs beside every manifest with a [package] (cargo needs a target). */
function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    if (rel.endsWith('Cargo.toml') && text.includes('[package]')) {
      mkdirSync(join(dirname(abs), 'src'), { recursive: true });
      writeFileSync(join(dirname(abs), 'src', 'lib.rs'), '');
    }
  }
}

interface Edge {
  from: string;
  to: string;
  kind: string;
  target: string | null;
}

interface Membership {
  members: string[];
  edges: string[];
}

const edgeKey = (e: Edge) => `${e.from} -> ${e.to} (${e.kind}${e.target ? `, ${e.target}` : ''})`;

interface MetadataPackage {
  id: string;
  name: string;
  manifest_path: string;
  dependencies: { name: string; kind: string | null; target: string | null }[];
}

/** What cargo says: member manifests (relative to `root`) and the edges between members. */
function cargoMembership(root: string, wsDir: string): Membership | { error: string } {
  const r = spawnSync('cargo', ['metadata', '--no-deps', '--format-version', '1', '--offline'], {
    cwd: join(root, wsDir),
    encoding: 'utf8',
  });
  if (r.status !== 0) return { error: r.stderr.split('\n')[0]! };
  const meta = JSON.parse(r.stdout) as { packages: MetadataPackage[]; workspace_members: string[] };
  const members = meta.packages.filter((p) => meta.workspace_members.includes(p.id));
  const names = new Set(members.map((p) => p.name));
  const edges = members.flatMap((p) =>
    p.dependencies
      .filter((d) => names.has(d.name))
      .map((d) => edgeKey({ from: p.name, to: d.name, kind: d.kind ?? 'normal', target: d.target })),
  );
  return { members: members.map((p) => relative(root, p.manifest_path)).sort(), edges: [...new Set(edges)].sort() };
}

/** What the plan reads: the crates of the workspace (or the extra manifest's own) and their internal edges. */
function planMembership(
  root: string,
  wsDir: string,
  inWorkspace: boolean,
  extraManifests: string[] = [],
): Membership & { problems: string[] } {
  const model = loadWorkspace(createFsView(root), { workspace: wsDir, extraManifests });
  const crates = model.crates.filter((c) => c.inWorkspace === inWorkspace);
  const names = new Set(crates.map((c) => c.name));
  const edges = crates.flatMap((c) =>
    c.deps
      .filter((d) => names.has(d.name))
      .map((d) => edgeKey({ from: c.name, to: d.name, kind: d.kind, target: d.target ?? null })),
  );
  return {
    members: crates.map((c) => c.manifest).sort(),
    edges: [...new Set(edges)].sort(),
    problems: model.problems.filter((p) => p.severity === 'error').map((p) => p.code),
  };
}

const SCENARIOS: { name: string; ws: string; files: Record<string, string> }[] = [
  {
    name: 'globs, exclude, an explicit member inside an excluded directory, path dependencies in and out',
    ws: 'rust',
    files: {
      'rust/Cargo.toml':
        '[workspace]\nresolver = "2"\nmembers = ["crates/*", "examples/app", "tools/?ool"]\nexclude = ["examples", "crates/skipped"]\n',
      'rust/crates/a/Cargo.toml': pkg(
        'a',
        '\n[dependencies]\nhelper = { path = "../../helper" }\nother = { path = "../../examples/other" }\nout = { path = "../../../outside" }\n',
      ),
      'rust/crates/.dot/Cargo.toml': pkg('dot', '\n[dependencies]\na = { path = "../a" }\n'),
      'rust/crates/skipped/Cargo.toml': pkg('skipped'),
      'rust/examples/app/Cargo.toml': pkg(
        'app',
        '\n[dependencies]\na = { path = "../../crates/a" }\nsub = { path = "sub" }\n',
      ),
      'rust/examples/app/sub/Cargo.toml': pkg('sub'),
      'rust/examples/other/Cargo.toml': pkg('other'),
      'rust/helper/Cargo.toml': pkg('helper', '\n[dev-dependencies]\na = { path = "../crates/a" }\n'),
      'rust/tools/tool/Cargo.toml': pkg('tool', '\n[build-dependencies]\nhelper = { path = "../../helper" }\n'),
      'outside/Cargo.toml': pkg('outside'),
    },
  },
  {
    name: 'inherited, renamed, optional and target-specific dependencies; a root package without members',
    ws: '',
    files: {
      'Cargo.toml': `${pkg('top', '\n[dependencies]\nlib = { workspace = true }\nalias = { workspace = true, optional = true }\n\n[target.\'cfg(unix)\'.dependencies]\nmacros = { path = "macros", version = "0.15.0" }\n')}\n[workspace]\n\n[workspace.dependencies]\nlib = { path = "lib", version = "0.15.0" }\nalias = { package = "macros", path = "macros", version = "0.15.0" }\n`,
      'lib/Cargo.toml': pkg('lib', '\n[dev-dependencies]\nmacros = { path = "../macros" }\n'),
      'macros/Cargo.toml': pkg('macros'),
      'unrelated/Cargo.toml': pkg('unrelated'),
    },
  },
];

describe.skipIf(!hasCargo)('workspace membership compared with cargo metadata --no-deps', () => {
  for (const s of SCENARIOS) {
    it(s.name, () => {
      const root = tempDir();
      writeTree(root, s.files);
      const cargo = cargoMembership(root, s.ws);
      const plan = planMembership(root, s.ws, true);
      expect(plan.problems).toEqual([]);
      expect({ members: plan.members, edges: plan.edges }).toEqual(cargo);
    });
  }

  it('a nested workspace outside the main one (own Cargo.lock, crates.extraManifests) reads as cargo reads it there', () => {
    const root = tempDir();
    writeTree(root, {
      'rust/Cargo.toml':
        '[workspace]\nresolver = "2"\nmembers = ["*"]\nexclude = ["wasm"]\n\n[workspace.dependencies]\ncore = { path = "core", version = "0.15.0" }\n',
      'rust/core/Cargo.toml': pkg('core'),
      'rust/api/Cargo.toml': pkg('api', '\n[dependencies]\ncore = { workspace = true }\n'),
      'rust/wasm/Cargo.toml': `${pkg('wasm', '\n[dependencies]\ncore = { path = "../core", version = "^0.15" }\n')}\n[workspace]\n`,
    });
    expect(planMembership(root, 'rust', true)).toEqual({ ...cargoMembership(root, 'rust'), problems: [] });
    const extra = planMembership(root, 'rust', false, ['rust/wasm/Cargo.toml']);
    const cargo = cargoMembership(root, 'rust/wasm');
    expect(extra.members).toEqual(!('error' in cargo) && cargo.members);
    expect(extra.problems).toEqual([]);
  });

  it('refuses what cargo refuses: a globbed directory without Cargo.toml, a nested workspace root swept in as a member', () => {
    const base = {
      'Cargo.toml': '[workspace]\nresolver = "2"\nmembers = ["crates/*"]\n',
      'crates/a/Cargo.toml': pkg('a'),
    };
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ 'crates/notes/readme.txt': 'not a crate' }, 'missing-member', /failed to load manifest for workspace member/],
      [
        { 'crates/nested/Cargo.toml': `${pkg('nested')}\n[workspace]\n` },
        'nested-workspace-member',
        /multiple workspace roots/,
      ],
    ];
    for (const [extra, code, cargoSays] of cases) {
      const root = tempDir();
      writeTree(root, { ...base, ...extra });
      expect(cargoMembership(root, '')).toEqual({ error: expect.stringMatching(cargoSays) });
      expect(planMembership(root, '', true).problems).toEqual([code]);
    }
  });
});
