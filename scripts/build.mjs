// Bundles the CLI into one ESM file: start-up time is dominated by module loading
// (see shared/reference/ink-node-facts.md: 0.51 s with tsc output, 0.21 s bundled).
import { build } from 'esbuild';
import { chmodSync, cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}/dist`, { recursive: true });
const result = await build({
  entryPoints: [`${root}/src/cli/main.ts`],
  outfile: `${root}/dist/cli.js`,
  write: false,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  define: {
    'process.env.NODE_ENV': '"production"',
    __RC_VERSION__: JSON.stringify(JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version),
  },
  // Ink imports react-devtools-core only when DEV is set; stub it so the bundle resolves.
  // jsonc-parser's `main` is a UMD build whose lazy requires esbuild cannot follow: take its ESM build.
  alias: { 'react-devtools-core': `${root}/scripts/devtools-stub.mjs`, 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  legalComments: 'none',
  // Less to parse at every start (~20 ms measured); identifiers stay readable in stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
// Written atomically: tests and benchmarks may be running the previous bundle right now.
const tmp = `${root}/dist/cli.js.${process.pid}.tmp`;
writeFileSync(tmp, result.outputFiles[0].contents, { mode: 0o755 });
renameSync(tmp, `${root}/dist/cli.js`);

// The demo's poetry/yarn/gh/cargo stand-ins are executables of their own, found beside the
// bundle; cargo's sits in cargo-bin/ with its modules, so it is on PATH only when asked for.
const cargoFiles = ['cargo', 'cargo-workspace.cjs', 'cargo-toml.cjs', 'cargo-registry.cjs', 'cargo-publish.cjs'].map(
  (f) => `cargo-bin/${f}`,
);
for (const tool of ['poetry', 'yarn', 'gh', ...cargoFiles]) {
  const tmpTool = `${root}/dist/stand-ins/${tool}.${process.pid}.tmp`;
  mkdirSync(dirname(tmpTool), { recursive: true });
  cpSync(`${root}/src/sandbox/stand-ins/${tool}`, tmpTool);
  chmodSync(tmpTool, 0o755);
  renameSync(tmpTool, `${root}/dist/stand-ins/${tool}`);
}
