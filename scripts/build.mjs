// Bundles the CLI: dist/cli.js, the entry, and chunks beside it (dist/chunk-*.js, dist/<mode>-*.js).
// Start-up time is dominated by loading code (a bundle loads in well under half the time of the
// many files tsc writes), so each mode loads only its own: `--version` and `help` the entry alone,
// `plan`, `status` and `run --headless` no Ink or React; the headless run and the cockpit are each a
// bundle of their own with a code cache (cached-bundle.mjs).
import { build } from 'esbuild';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedOptions } from './esbuild-options.mjs';
import { buildHeadless } from './headless-bundle.mjs';
import { buildCockpit } from './cockpit-bundle.mjs';
import { checkFirstFrameEntry } from './bundle-checks.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}/dist`;
/** A chunk no build wrote for this long is no longer loaded by a process started before the build. */
const STALE_MS = 10 * 60 * 1000;

mkdirSync(dist, { recursive: true });
const define = {
  ...sharedOptions.define,
  __RC_VERSION__: JSON.stringify(JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version),
};
const banner = { js: `#!/usr/bin/env node\n${sharedOptions.banner.js}` };

// `run --headless` and the cockpit load bundles of their own, with a code cache.
const [headless, cockpit] = await Promise.all([
  buildHeadless({ root, dist, define }),
  buildCockpit({ root, dist, define }),
]);
/** modes.ts's imports of the headless run and of the cockpit, pointed at those files. */
const apart = {
  name: 'bundles-apart',
  setup(b) {
    const loaders = { './run-mode.js': headless.loaderName, './tui-start.js': cockpit.loaderName };
    b.onResolve({ filter: /^\.\/(run-mode|tui-start)\.js$/ }, ({ path, importer }) =>
      importer.endsWith(`${sep}cli${sep}modes.ts`) ? { path: `./${loaders[path]}`, external: true } : undefined,
    );
  },
};

const result = await build({
  ...sharedOptions,
  plugins: [...sharedOptions.plugins, apart],
  entryPoints: { cli: `${root}/src/cli/main.ts` },
  outdir: dist,
  splitting: true,
  // Flat beside cli.js: modules find the stand-ins relative to their own file (stand-ins.ts).
  chunkNames: '[name]-[hash]',
  write: false,
  metafile: true,
  define,
  banner,
});

// `import { z } from 'zod'` (rather than `* as z`) puts every one of zod's locales in the bundle
// (their index alone is an empty module where a bundle wraps zod's modules for a lazy import):
// ~300 KB more to load at every start, ~50 ms measured.
const locales = [result.metafile, headless.metafile, cockpit.metafile, cockpit.appMetafile]
  .flatMap((m) => Object.values(m.outputs))
  .flatMap((o) => Object.entries(o.inputs))
  .filter(([f, { bytesInOutput }]) => bytesInOutput > 0 && /zod\/v4\/locales\/(?!en\.js|index\.js)/.test(f))
  .map(([f]) => f);
if (locales.length > 0) {
  throw new Error(`zod's locales got into the bundle (${locales[0]}...): import zod as \`import * as z from 'zod'\`.`);
}

// The demo's cockpit comes from the chunks (tui-start.ts imported by demo-mode.ts), the others' from its bundle.
checkFirstFrameEntry(result.metafile);
checkFirstFrameEntry(cockpit.metafile);

// Tests and benchmarks may be running the previous build right now: every file is written
// atomically, the chunks (named by their content) before the entry that imports them.
const written = new Set();
const entry = `${dist}/cli.js`;
const outputs = [...headless.files, ...cockpit.files, ...result.outputFiles].sort(
  (a, b) => (a.path === entry) - (b.path === entry),
);
for (const file of outputs) {
  const tmp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(tmp, file.contents, { mode: 0o755 });
  renameSync(tmp, file.path);
  written.add(basename(file.path));
}
const now = Date.now();
for (const name of readdirSync(dist)) {
  if (!/\.(js|cjs|cache)$/.test(name) || written.has(name)) continue;
  const path = `${dist}/${name}`;
  if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
}

// The demo's poetry/yarn/gh/cargo stand-ins are executables of their own, found beside the
// bundle; cargo's sits in cargo-bin/ with its modules, so it is on PATH only when asked for.
const cargoFiles = readdirSync(`${root}/src/sandbox/stand-ins/cargo-bin`).map((f) => `cargo-bin/${f}`);
for (const tool of ['poetry', 'yarn', 'gh', ...cargoFiles]) {
  const tmpTool = `${dist}/stand-ins/${tool}.${process.pid}.tmp`;
  mkdirSync(dirname(tmpTool), { recursive: true });
  cpSync(`${root}/src/sandbox/stand-ins/${tool}`, tmpTool);
  chmodSync(tmpTool, 0o755);
  renameSync(tmpTool, `${dist}/stand-ins/${tool}`);
}
