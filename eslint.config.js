// The layers of the README's Development section, enforced: each folder of src/ may import only the layers listed for it,
// and only adapters (plus the sandbox, scripts, benchmarks and tests) touch the outside world.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Modules that reach the outside world: files, processes, the network. */
const IO_MODULES = [
  'fs',
  'fs/promises',
  'child_process',
  'net',
  'http',
  'https',
  'dgram',
  'tls',
  'readline',
  'readline/promises',
].flatMap((m) => [m, `node:${m}`]);
const IO_PACKAGES = ['execa'];
const UI_PACKAGES = ['react', 'react/*', 'ink', 'ink-*'];

/**
 * What each layer may import from the other folders of src/. `type` = type-only imports.
 * ui -> store, engine types; engine -> core, adapters, store; config (loading and its errors) ->
 * core, which holds the config's schema and types; core -> nothing. cli is the composition root:
 * it may import every layer, but does no IO itself.
 */
export const LAYERS = {
  core: { values: [], types: [] },
  config: { values: ['core'], types: [] },
  adapters: { values: ['core'], types: [] },
  store: { values: ['core'], types: [] },
  engine: { values: ['core', 'adapters', 'store'], types: [] },
  ui: { values: ['core', 'store'], types: ['engine'] },
  sandbox: { values: ['core', 'adapters'], types: [] },
  cli: { values: ['core', 'config', 'adapters', 'store', 'engine', 'ui', 'sandbox'], types: [] },
};
const ALL = ['adapters', 'cli', 'config', 'core', 'engine', 'sandbox', 'store', 'ui'];
const MAY_DO_IO = new Set(['adapters', 'sandbox']);

/** `n === 1 ? '' : 's'` and its variants: a counted noun is core/plural.ts's `plural(n, word)`. */
const PLURAL_BY_HAND = ["''", "'s'"].map((suffix, i) => ({
  selector: `ConditionalExpression[test.type='BinaryExpression'][test.right.value=1][consequent.value=${suffix}][alternate.value=${i === 0 ? "'s'" : "''"}]`,
  message: 'a counted noun is plural(n, word) from src/core/plural.ts.',
}));
const MAY_RENDER = new Set(['ui', 'cli']);

/** The options of `@typescript-eslint/no-restricted-imports` for one layer: no file is excepted. */
export function layerRule(layer) {
  const rule = LAYERS[layer];
  const values = new Set(rule.values);
  const types = new Set(rule.types);
  const patterns = [];
  for (const other of ALL) {
    if (other === layer || values.has(other)) continue;
    patterns.push({
      regex: `^(\\.\\./)+${other}(/|$)`,
      allowTypeImports: types.has(other),
      message: `${layer} may not import ${other}${types.has(other) ? ' values (types only)' : ''}: see the layers in README.md (Development).`,
    });
  }
  const paths = [];
  if (!MAY_DO_IO.has(layer)) {
    for (const name of [...IO_MODULES, ...IO_PACKAGES]) {
      paths.push({ name, message: `IO belongs in src/adapters: ${layer} may not import ${name}.` });
    }
  }
  if (!MAY_RENDER.has(layer)) {
    patterns.push({
      group: UI_PACKAGES,
      message: `Only src/ui renders: ${layer} may not import React or Ink.`,
    });
  }
  return ['error', { paths, patterns }];
}

const layerConfigs = Object.keys(LAYERS).map((layer) => ({
  files: [`src/${layer}/**/*.{ts,tsx}`],
  rules: { '@typescript-eslint/no-restricted-imports': layerRule(layer) },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench-tmp/**', 'schema/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-syntax': ['error', ...PLURAL_BY_HAND],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      // `let x` assigned once inside a callback that runs later is not a const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}', 'src/sandbox/stand-ins/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // No hidden clocks in core: the time is a parameter, so every computation there is repeatable.
  {
    files: ['src/core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core takes the time as a parameter (no hidden clocks).' },
        { object: 'performance', property: 'now', message: 'core takes the time as a parameter (no hidden clocks).' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'core takes the time as a parameter (no hidden clocks).',
        },
        ...PLURAL_BY_HAND,
      ],
    },
  },
  // Size: a file reads at once under 300 lines, a function under 80.
  {
    files: ['src/**/*.{ts,tsx,js,mjs,cjs}', 'scripts/**', 'bench/**'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['test/**'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      // Tests match terminal escape sequences on purpose.
      'no-control-regex': 'off',
    },
  },
  ...layerConfigs,
);
