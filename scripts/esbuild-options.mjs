// The esbuild settings every bundle of ours shares: the CLI (scripts/build.mjs) and the minimal
// Ink app bench/first-frame.mjs measures the cockpit against, so the two differ only in code.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Yoga (Ink's layout engine) fetches its WebAssembly from a data: URL when `fetch` exists. In Node
 * that first fetch loads undici, Node's HTTP client (~75 ms of CPU measured, more than Yoga itself);
 * without fetch, Yoga decodes the same base64 bytes itself. Its check for fetch is taken out.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      const check = '"function"!=typeof fetch';
      if (!text.includes(check))
        throw new Error(`${path} no longer checks for fetch as ${check}: see ${import.meta.url}`);
      return { contents: text.replaceAll(check, '!0'), loader: 'js' };
    });
  },
};

/**
 * undici stays in node_modules (see `external`) and is required where the code asks for it: the
 * cached bundles run in a vm.Script, where import() has no loader.
 */
const undiciByRequire = {
  name: 'undici-by-require',
  setup(b) {
    b.onLoad({ filter: /src[\\/]adapters[\\/]undici-load\.ts$/ }, () => ({
      contents: "export const loadUndici = () => Promise.resolve().then(() => require('undici'));",
      loader: 'js',
    }));
  },
};

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
  // undici (the proxy's HTTP client) is loaded from node_modules only when a proxy applies.
  external: ['undici'],
  legalComments: 'none',
  // Less to parse at every start (~20 ms measured); identifiers stay readable in stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  plugins: [yogaWithoutFetch, undiciByRequire],
};
