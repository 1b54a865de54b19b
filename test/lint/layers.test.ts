import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The layer rules of eslint.config.js catch what the README's layer diagram (Development) forbids
// and let through what it allows: each case is linted as if it were a new file at that path.
const eslint = new ESLint({ cwd: process.cwd() });

/** The layer-rule messages for a file at `filePath` importing `imports` (`type:` = type-only). */
async function restricted(filePath: string, imports: string[]): Promise<string[]> {
  const code = imports
    .map((spec, i) =>
      spec.startsWith('type:')
        ? `import type * as m${i} from '${spec.slice(5)}';\nexport type T${i} = typeof m${i};`
        : `import * as m${i} from '${spec}';\nexport const v${i} = m${i};`,
    )
    .join('\n');
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['src/core/new.ts', '../engine/engine.js', 'core may not import engine'],
    ['src/core/new.ts', 'type:../store/state-types.js', 'core may not import store'],
    ['src/core/new.ts', 'type:../config/load.js', 'core may not import config'],
    ['src/core/new.ts', 'node:fs', 'IO belongs in src/adapters'],
    ['src/engine/steps/new.ts', '../../ui/app.js', 'engine may not import ui'],
    ['src/engine/new.ts', 'execa', 'IO belongs in src/adapters'],
    ['src/engine/new.ts', 'ink', 'Only src/ui renders'],
    ['src/engine/new.ts', 'type:../config/load.js', 'engine may not import config'],
    ['src/sandbox/new.ts', '../config/load.js', 'sandbox may not import config'],
    ['src/ui/panes/queue/new.ts', '../../../engine/engine.js', 'engine values (types only)'],
    ['src/ui/new.ts', '../adapters/exec.js', 'ui may not import adapters'],
    ['src/ui/new.ts', 'node:child_process', 'IO belongs in src/adapters'],
    ['src/store/new.ts', '../engine/engine.js', 'store may not import engine'],
    ['src/adapters/new.ts', '../store/release-store.js', 'adapters may not import store'],
    ['src/cli/new.ts', 'node:fs/promises', 'IO belongs in src/adapters'],
  ])('%s importing %s is refused', async (file, spec, message) => {
    expect((await restricted(file, [spec])).join('\n')).toContain(message);
  });

  it.each([
    [
      'src/engine/new.ts',
      ['../adapters/exec.js', '../core/plan.js', '../store/release-store.js', 'type:../core/config/config.js'],
    ],
    ['src/ui/new.ts', ['type:../engine/engine-api.js', '../store/selectors.js', '../core/plan.js', 'ink', 'react']],
    ['src/adapters/new.ts', ['node:fs', 'execa', '../core/plan.js']],
    ['src/cli/new.ts', ['../engine/engine.js', '../ui/app.js', '../adapters/exec.js', '../sandbox/demo-sandbox.js']],
    ['test/core/new.test.ts', ['node:fs', '../../src/engine/engine.js']],
  ])('%s may import %s', async (file, specs) => {
    expect(await restricted(file, specs)).toEqual([]);
  });

  it.each([['Date.now()'], ['new Date()'], ['performance.now()']])(
    'core reading the clock (%s) is refused',
    async (expr) => {
      const [result] = await eslint.lintText(`export const t = ${expr};\n`, { filePath: 'src/core/new.ts' });
      expect(result?.messages.map((m) => m.message).join('\n')).toContain('no hidden clocks');
    },
  );

  it('core may build a date from a time it was given', async () => {
    const [result] = await eslint.lintText('export const iso = (ms: number) => new Date(ms).toISOString();\n', {
      filePath: 'src/core/new.ts',
    });
    expect(result?.messages).toEqual([]);
  });

  it.each([
    ['src/core/new.ts', "n === 1 ? '' : 's'"],
    ['src/engine/new.ts', "n !== 1 ? 's' : ''"],
    ['src/ui/new.ts', "n > 1 ? 's' : ''"],
  ])('%s pluralising by hand (%s) is refused', async (filePath, expr) => {
    const code = 'export const f = (n: number) => `${n} crate${' + expr + '}`;\n';
    const [result] = await eslint.lintText(code, { filePath });
    expect(result?.messages.map((m) => m.message).join('\n')).toContain('plural(n, word)');
  });
});
