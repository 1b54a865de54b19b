// The graph of the crates to publish: which internal crates each one needs from the registry,
// the publish order (the config's order kept wherever valid), layers, cycles and the closure check.
import type { CrateDep, CrateNode, Problem } from './plan-types.js';

/**
 * Whether a dependency must be resolvable on the registry when the crate is published: normal and
 * build deps (optional and target-specific included) always; dev deps only when they carry a
 * version, because cargo strips version-less dev deps from the published manifest.
 */
export function needsRegistry(dep: CrateDep): boolean {
  return dep.kind !== 'dev' || dep.req !== undefined;
}

/** Names of the internal crates `crate` needs from the registry, deduped, in manifest order, itself excluded. */
export function registryDeps(crate: CrateNode, internal: { has(name: string): boolean }): string[] {
  const out = new Set<string>();
  for (const d of crate.deps) if (d.name !== crate.name && internal.has(d.name) && needsRegistry(d)) out.add(d.name);
  return [...out];
}

export interface CrateGraph {
  /** Listed crates (deduped, known to the workspace) in publish order. */
  order: string[];
  /** 0 = no dependency among the published crates; else 1 + the highest layer of its dependencies. */
  layers: Map<string, number>;
  /** Published crates each one needs, in publish order. */
  dependsOn: Map<string, string[]>;
  /** A dependency cycle among published crates, as a path whose last element repeats the first. */
  cycle?: string[];
  /** Crates placed later than listed because a dependency was listed after them. */
  moved: string[];
  problems: Problem[];
}

/**
 * Publish order that keeps `names` (the config's order) wherever valid and moves only what must
 * move: repeatedly take the first listed crate whose dependencies are all placed. A min-heap of
 * ready crates keyed by list position makes that O((n + e) log n) instead of a quadratic rescan.
 * Crates on or behind a cycle are not placed; `rest` returns them in list order.
 */
export function stableTopoOrder(
  names: readonly string[],
  deps: (name: string) => readonly string[],
): { order: string[]; rest: string[] } {
  const index = new Map(names.map((n, i) => [n, i]));
  const pending = new Array<number>(names.length).fill(0);
  const dependents: number[][] = names.map(() => []);
  names.forEach((n, i) => {
    for (const d of new Set(deps(n))) {
      const j = index.get(d);
      if (j === undefined || j === i) continue;
      pending[i]!++;
      dependents[j]!.push(i);
    }
  });
  const heap = new MinHeap();
  pending.forEach((p, i) => p === 0 && heap.push(i));
  const order: string[] = [];
  const placed = new Array<boolean>(names.length).fill(false);
  while (heap.size > 0) {
    const i = heap.pop();
    placed[i] = true;
    order.push(names[i]!);
    for (const k of dependents[i]!) if (--pending[k]! === 0) heap.push(k);
  }
  return { order, rest: names.filter((_, i) => !placed[i]) };
}

/** A cycle among `nodes` following `deps` (restricted to `nodes`), as [a, b, ..., a], or undefined. */
export function findCycle(nodes: readonly string[], deps: (name: string) => readonly string[]): string[] | undefined {
  const inSet = new Set(nodes);
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = finished
  for (const start of nodes) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const stack: { node: string; next: number; out: readonly string[] }[] = [];
    const enter = (node: string) => {
      state.set(node, 1);
      path.push(node);
      stack.push({ node, next: 0, out: deps(node).filter((d) => inSet.has(d) && d !== node) });
    };
    enter(start);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const d = top.out[top.next++];
      if (d === undefined) {
        state.set(top.node, 2);
        path.pop();
        stack.pop();
      } else if (state.get(d) === 1) {
        return [...path.slice(path.indexOf(d)), d];
      } else if (!state.has(d)) enter(d);
    }
  }
  return undefined;
}

/** Orders, layers and checks the crates listed in crates.publish against the workspace model. */
export function planCrateGraph(crates: readonly CrateNode[], publish: readonly string[]): CrateGraph {
  const byName = new Map<string, CrateNode>();
  for (const c of crates) if (!byName.has(c.name)) byName.set(c.name, c);
  const listed = [...new Set(publish)].filter((n) => byName.has(n));
  const listedSet = new Set(listed);
  const problems: Problem[] = [];

  const needs = new Map<string, string[]>();
  for (const name of listed) {
    const crate = byName.get(name)!;
    const all = registryDeps(crate, byName);
    needs.set(
      name,
      all.filter((d) => listedSet.has(d)),
    );
    for (const missing of all.filter((d) => !listedSet.has(d))) {
      const dep = crate.deps.find((d) => d.name === missing && needsRegistry(d));
      const target = byName.get(missing)!;
      const fix =
        target.publish === false ? `it has \`publish = false\` in ${target.manifest}` : 'add it to crates.publish';
      problems.push({
        severity: 'error',
        code: 'publish-list-not-closed',
        message: `\`${name}\` needs \`${missing}\` from the registry, but \`${missing}\` is not in crates.publish (${fix}).`,
        file: crate.manifest,
        line: dep?.declaredLine,
      });
    }
  }
  const depsOf = (n: string) => needs.get(n) ?? [];

  const { order, rest } = stableTopoOrder(listed, depsOf);
  let cycle: string[] | undefined;
  if (rest.length > 0) {
    cycle = findCycle(rest, depsOf);
    const first = cycle ? byName.get(cycle[0]!) : undefined;
    problems.push({
      severity: 'error',
      code: 'dependency-cycle',
      message: cycle
        ? `the published crates depend on each other in a cycle: ${cycle.join(' -> ')}; no publish order exists (a dev-dependency without version breaks a cycle).`
        : `${rest.length} crates cannot be ordered: ${rest.join(', ')}.`,
      file: first?.manifest,
    });
    order.push(...rest); // still shown, after everything that can be published
  }

  const layers = new Map<string, number>();
  for (const n of order) {
    let layer = 0;
    for (const d of depsOf(n)) layer = Math.max(layer, (layers.get(d) ?? -1) + 1);
    layers.set(n, layer);
  }

  const position = new Map(order.map((n, i) => [n, i]));
  const dependsOn = new Map(order.map((n) => [n, [...depsOf(n)].sort((a, b) => position.get(a)! - position.get(b)!)]));

  // A crate was moved when something listed after it is published before it.
  const listIndex = new Map(listed.map((n, i) => [n, i]));
  const moved: string[] = [];
  let maxSeen = -1;
  for (const n of order) {
    const i = listIndex.get(n)!;
    if (i < maxSeen) moved.push(n);
    maxSeen = Math.max(maxSeen, i);
  }
  if (moved.length > 0 && !cycle) {
    const detail = moved.map((n) => `\`${n}\` after ${lastDep(n, dependsOn.get(n)!, listIndex)}`).join(', ');
    problems.push({
      severity: 'warning',
      code: 'publish-order-adjusted',
      message: `crates.publish lists some crates before their dependencies; the plan publishes ${detail}.`,
    });
  }

  const graph: CrateGraph = { order, layers, dependsOn, moved, problems };
  if (cycle) graph.cycle = cycle;
  return graph;
}

function lastDep(name: string, deps: string[], listIndex: Map<string, number>): string {
  const self = listIndex.get(name)!;
  const later = deps.filter((d) => listIndex.get(d)! > self);
  return later.map((d) => `\`${d}\``).join(' and ') || 'its dependencies';
}

class MinHeap {
  private a: number[] = [];
  get size(): number {
    return this.a.length;
  }
  push(v: number): void {
    const a = this.a;
    a.push(v);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (a[p]! <= a[i]!) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): number {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
