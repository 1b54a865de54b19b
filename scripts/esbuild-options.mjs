// The esbuild settings every bundle of ours shares: the CLI (scripts/build.mjs) and the minimal
// Ink app bench/first-frame.mjs measures the cockpit against, so the two differ only in code.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const sharedOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink imports react-devtools-core only when DEV is set; stub it so the bundle resolves.
  // jsonc-parser's `main` is a UMD build whose lazy requires esbuild cannot follow: take its ESM build.
  alias: {
    'react-devtools-core': `${root}/scripts/devtools-stub.mjs`,
    'jsonc-parser': 'jsonc-parser/lib/esm/main.js',
  },
  // Bundled CommonJS code (React, signal-exit...) requires Node's built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  legalComments: 'none',
  // Less to parse at every start (~20 ms measured); identifiers stay readable in stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};
