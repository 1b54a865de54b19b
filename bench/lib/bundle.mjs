// Bundles TypeScript sources into one temporary ESM file with esbuild's JS API, so benchmarks
// run the real code without tsx and without depending on `npm run build`.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `exportsBySource` maps absolute .ts paths to the names to re-export. Returns the bundle's path
 * and a cleanup function; import it with `await import(pathToFileURL(path))`.
 */
export async function bundleModules(exportsBySource) {
  const dir = mkdtempSync(join(tmpdir(), 'rc-bench-'));
  const entry = join(dir, 'entry.mjs');
  const outfile = join(dir, 'bundle.mjs');
  writeFileSync(
    entry,
    Object.entries(exportsBySource)
      .map(([source, names]) => `export { ${names.join(', ')} } from ${JSON.stringify(source)};`)
      .join('\n'),
  );
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // jsonc-parser's `main` is a UMD build whose lazy requires esbuild cannot follow (as in scripts/build.mjs).
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    // execa's dependencies include CommonJS modules that call require().
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return {
    path: outfile,
    url: pathToFileURL(outfile).href,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
