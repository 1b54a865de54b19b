// The README's layer diagram is the one the linter enforces: for every pair of layers, the diagram
// says whether a file of one may import the other (values, types only, or not at all), and a file
// linted at that place gets exactly that.
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const LAYERS = ['cli', 'ui', 'engine', 'sandbox', 'config', 'store', 'adapters', 'core'];
type Access = 'values' | 'types' | 'none';

/** The diagram's arrows: `ui ───> store, core, engine (types only)`. */
function diagram(readme: string): Record<string, Record<string, Access>> {
  const development = readme.split('\n## Development')[1] ?? '';
  const out: Record<string, Record<string, Access>> = {};
  for (const [, from, to] of development.matchAll(/^(\w+) ─+> (.+)$/gm)) {
    const reach: Record<string, Access> = Object.fromEntries(LAYERS.map((l) => [l, 'none']));
    const targets = to!.startsWith('everything below') ? LAYERS.filter((l) => l !== from) : to!.split(', ');
    for (const target of targets) {
      const [name, types] = target.split(' (types only)');
      if (name !== 'nothing') reach[name!] = types === undefined ? 'values' : 'types';
    }
    delete reach[from!];
    out[from!] = reach;
  }
  return out;
}

const eslint = new ESLint({ cwd: process.cwd() });

/** The others whose import (values, or `import type`) the linter refuses in a new file of `layer`. */
async function refused(layer: string, others: string[], type: boolean): Promise<Set<string>> {
  const code = others
    .map((o, i) =>
      type
        ? `import type * as m${i} from '../${o}/x.js';\nexport type T${i} = typeof m${i};`
        : `import * as m${i} from '../${o}/x.js';\nexport const v${i} = m${i};`,
    )
    .join('\n');
  const [result] = await eslint.lintText(`${code}\n`, { filePath: `src/${layer}/new.ts` });
  const lines = (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.line);
  return new Set(lines.map((line) => others[(line - 1) / 2]!));
}

/** What the linter lets a new file of `layer` import of each other layer. */
async function linted(layer: string): Promise<Record<string, Access>> {
  const others = LAYERS.filter((l) => l !== layer);
  const noValues = await refused(layer, others, false);
  const noTypes = await refused(layer, [...noValues], true);
  return Object.fromEntries(
    others.map((o) => [o, noTypes.has(o) ? 'none' : noValues.has(o) ? 'types' : 'values'] as const),
  );
}

describe("README's layer diagram", () => {
  const shown = diagram(readFileSync(new URL('../../README.md', import.meta.url), 'utf8'));

  it('has one arrow per layer', () => {
    expect(Object.keys(shown).sort()).toEqual([...LAYERS].sort());
  });

  it('is what the linter enforces', async () => {
    const enforced = Object.fromEntries(await Promise.all(LAYERS.map(async (l) => [l, await linted(l)] as const)));
    expect(shown).toEqual(enforced);
  });
});
