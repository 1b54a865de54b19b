import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CrateDep, CrateNode } from '../../src/core/plan-types.js';
import { findCycle, needsRegistry, planCrateGraph, registryDeps, stableTopoOrder } from '../../src/core/crate-graph.js';

type DepSpec = string | (Partial<CrateDep> & { name: string });

function node(name: string, deps: DepSpec[] = [], extra: Partial<CrateNode> = {}): CrateNode {
  return {
    name,
    version: '0.15.0',
    manifest: `rust/${name}/Cargo.toml`,
    publish: true,
    procMacro: false,
    inWorkspace: true,
    versionInherited: true,
    deps: deps.map((d) => {
      const spec = typeof d === 'string' ? { name: d } : d;
      return {
        alias: spec.name,
        kind: 'normal',
        optional: false,
        fromWorkspace: true,
        file: 'rust/Cargo.toml',
        req: '0.15.0',
        ...spec,
      } as CrateDep;
    }),
    ...extra,
  };
}

// The seed v0.15 dependency shape (Phase 1 of the release plan).
const SEED_015: [string, string[]][] = [
  ['micromegas-derive-transit', []],
  ['micromegas-tracing-proc-macros', []],
  ['micromegas-transit', ['micromegas-derive-transit']],
  ['micromegas-tracing', ['micromegas-tracing-proc-macros', 'micromegas-transit']],
  ['micromegas-auth', ['micromegas-tracing']],
  ['micromegas-telemetry', ['micromegas-tracing', 'micromegas-transit']],
  ['micromegas-ingestion', ['micromegas-telemetry', 'micromegas-tracing', 'micromegas-transit', 'micromegas-auth']],
  ['micromegas-telemetry-sink', ['micromegas-telemetry', 'micromegas-tracing']],
  ['micromegas-perfetto', ['micromegas-tracing', 'micromegas-transit']],
  [
    'micromegas-analytics',
    ['micromegas-ingestion', 'micromegas-telemetry', 'micromegas-tracing', 'micromegas-transit', 'micromegas-perfetto'],
  ],
  ['micromegas-proc-macros', ['micromegas-tracing', 'micromegas-analytics']],
  [
    'micromegas',
    [
      'micromegas-analytics',
      'micromegas-auth',
      'micromegas-ingestion',
      'micromegas-perfetto',
      'micromegas-proc-macros',
      'micromegas-telemetry',
      'micromegas-telemetry-sink',
      'micromegas-tracing',
      'micromegas-transit',
    ],
  ],
];
const seedCrates = SEED_015.map(([n, d]) => node(n, d));
const seedOrder = SEED_015.map(([n]) => n);

describe('needsRegistry / registryDeps', () => {
  it('counts normal, build, optional and target deps, and dev deps only with a version', () => {
    const c = node('app', [
      { name: 'a' },
      { name: 'b', kind: 'build', req: undefined, path: 'rust/b' },
      { name: 'c', optional: true },
      { name: 'd', target: 'cfg(unix)' },
      { name: 'e', kind: 'dev', req: '0.15.0' },
      { name: 'f', kind: 'dev', req: undefined, path: 'rust/f' },
      { name: 'external' },
      { name: 'app', kind: 'dev', req: '0.15.0' },
    ]);
    expect(needsRegistry(c.deps[5]!)).toBe(false);
    expect(registryDeps(c, new Set(['a', 'b', 'c', 'd', 'e', 'f', 'app']))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('planCrateGraph', () => {
  it('keeps the seed v0.15 order and computes its layers', () => {
    const g = planCrateGraph(seedCrates, seedOrder);
    expect(g.order).toEqual(seedOrder);
    expect(g.problems).toEqual([]);
    expect(Object.fromEntries(g.layers)).toEqual({
      'micromegas-derive-transit': 0,
      'micromegas-tracing-proc-macros': 0,
      'micromegas-transit': 1,
      'micromegas-tracing': 2,
      'micromegas-auth': 3,
      'micromegas-telemetry': 3,
      'micromegas-ingestion': 4,
      'micromegas-telemetry-sink': 4,
      'micromegas-perfetto': 3,
      'micromegas-analytics': 5,
      'micromegas-proc-macros': 6,
      micromegas: 7,
    });
    expect(g.dependsOn.get('micromegas-tracing')).toEqual(['micromegas-tracing-proc-macros', 'micromegas-transit']);
  });

  it('fixes the seed v0.12 list (analytics before perfetto) by moving only analytics', () => {
    const v012 = [
      'micromegas-derive-transit',
      'micromegas-transit',
      'micromegas-tracing-proc-macros',
      'micromegas-tracing',
      'micromegas-telemetry',
      'micromegas-ingestion',
      'micromegas-telemetry-sink',
      'micromegas-analytics',
      'micromegas-perfetto',
      'micromegas',
    ];
    // v0.12 had no auth crate and no top-level proc-macros crate.
    const crates = seedCrates.map((c) =>
      c.name === 'micromegas'
        ? node('micromegas', v012.slice(0, -1))
        : c.name === 'micromegas-ingestion'
          ? node(c.name, ['micromegas-telemetry', 'micromegas-tracing', 'micromegas-transit'])
          : c,
    );
    const g = planCrateGraph(crates, v012);
    expect(g.order).toEqual([...v012.slice(0, 7), 'micromegas-perfetto', 'micromegas-analytics', 'micromegas']);
    expect(g.moved).toEqual(['micromegas-analytics']);
    expect(g.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'publish-order-adjusted',
        message: expect.stringContaining('`micromegas-analytics` after `micromegas-perfetto`'),
      }),
    ]);
  });

  it('moves a crate listed first only as far as it must', () => {
    const g = planCrateGraph([node('a', ['c']), node('b'), node('c'), node('d')], ['a', 'b', 'c', 'd']);
    expect(g.order).toEqual(['b', 'c', 'a', 'd']);
    expect(g.moved).toEqual(['a']);
    expect(g.layers.get('a')).toBe(1);
  });

  it('reports the publish list not closed, naming both crates and the line in the member', () => {
    const app = node('app', [{ name: 'core', file: 'rust/Cargo.toml', line: 9, declaredLine: 7 }]);
    const g = planCrateGraph(
      [node('core'), app, node('private', [], { publish: false }), node('tool', ['private'])],
      ['app', 'tool'],
    );
    expect(g.problems).toEqual([
      {
        severity: 'error',
        code: 'publish-list-not-closed',
        message:
          '`app` needs `core` from the registry, but `core` is not in crates.publish (add it to crates.publish).',
        file: 'rust/app/Cargo.toml',
        line: 7,
      },
      expect.objectContaining({
        message: expect.stringContaining('(it has `publish = false` in rust/private/Cargo.toml)'),
      }),
    ]);
  });

  it('ignores dev-only path dependencies for closure and cycles', () => {
    const a = node('a', [{ name: 'utils', kind: 'dev', req: undefined, path: 'rust/utils' }]);
    const utils = node('utils', ['a']);
    const g = planCrateGraph([a, utils], ['a']);
    expect(g.problems).toEqual([]);
    expect(g.order).toEqual(['a']);
  });

  it('detects a cycle and returns its path', () => {
    const g = planCrateGraph([node('a', ['b']), node('b', ['c']), node('c', ['a']), node('d')], ['d', 'a', 'b', 'c']);
    expect(g.cycle).toEqual(['a', 'b', 'c', 'a']);
    expect(g.order).toEqual(['d', 'a', 'b', 'c']);
    expect(g.problems).toEqual([
      expect.objectContaining({ code: 'dependency-cycle', message: expect.stringContaining('a -> b -> c -> a') }),
    ]);
  });

  it('ignores unknown and duplicate names (reported by checkPublishList)', () => {
    const g = planCrateGraph([node('a')], ['a', 'nope', 'a']);
    expect(g.order).toEqual(['a']);
  });
});

describe('stableTopoOrder (property)', () => {
  it('is a valid topological order, keeps valid lists unchanged, and equals the greedy rule', () => {
    const dag = fc
      .integer({ min: 1, max: 40 })
      .chain((n) =>
        fc.tuple(
          fc.constant(n),
          fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 3 }),
          fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
        ),
      );
    fc.assert(
      fc.property(dag, ([n, edges, perm]) => {
        // Edges always go from a higher index to a lower one: acyclic by construction.
        const deps = new Map<string, string[]>();
        for (let i = 0; i < n; i++) deps.set(`c${i}`, []);
        for (const [x, y] of edges) if (x !== y) deps.get(`c${Math.max(x, y)}`)!.push(`c${Math.min(x, y)}`);
        const names = perm.map((i) => `c${i}`);
        const { order, rest } = stableTopoOrder(names, (k) => deps.get(k)!);
        expect(rest).toEqual([]);
        const pos = new Map(order.map((k, i) => [k, i]));
        for (const [k, ds] of deps) for (const d of ds) expect(pos.get(d)!).toBeLessThan(pos.get(k)!);
        // The greedy reference: repeatedly take the first listed crate whose deps are placed.
        const placed = new Set<string>();
        const greedy: string[] = [];
        while (greedy.length < n) {
          const next = names.find((k) => !placed.has(k) && deps.get(k)!.every((d) => placed.has(d)))!;
          placed.add(next);
          greedy.push(next);
        }
        expect(order).toEqual(greedy);
        const sorted = [...Array(n).keys()].map((i) => `c${i}`);
        expect(stableTopoOrder(sorted, (k) => deps.get(k)!).order).toEqual(sorted);
      }),
      { numRuns: 200 },
    );
  });

  it('findCycle returns undefined for a DAG and a closed path otherwise', () => {
    const deps: Record<string, string[]> = { a: ['b'], b: ['c'], c: [] };
    expect(findCycle(['a', 'b', 'c'], (k) => deps[k]!)).toBeUndefined();
    deps.c = ['b'];
    expect(findCycle(['a', 'b', 'c'], (k) => deps[k]!)).toEqual(['b', 'c', 'b']);
  });
});
