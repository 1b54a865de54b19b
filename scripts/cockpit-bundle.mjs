// The cockpit (`release-cockpit`, `run` in a terminal) as a bundle of its own with a code cache
// (cached-bundle.mjs): what its first frame needs is evaluated when the bundle loads, Ink, React,
// Yoga and the App only when tui-start.ts imports them (esbuild keeps a dynamic import lazy in
// one file), so each module of the cockpit is loaded once, from this one file.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildCachedBundle } from './cached-bundle.mjs';

/**
 * Ink's reconciler awaits React's devtools and its own package.json at the top level when DEV=true
 * (the devtools are a stub in our bundles: esbuild-options.mjs); CommonJS cannot await there, so
 * this bundle never connects them.
 */
const inkWithoutDevtools = {
  name: 'ink-without-devtools',
  setup(b) {
    b.onLoad({ filter: /ink[\\/]build[\\/]reconciler\.js$/ }, async ({ path }) => {
      let text = await readFile(path, 'utf8');
      for (const [awaited, instead] of [
        ["await import('./devtools.js');", 'void 0;'],
        ['? await loadPackageJson()', '? { name: undefined, version: undefined }'],
      ]) {
        if (!text.includes(awaited)) throw new Error(`${path} no longer has \`${awaited}\`: see ${import.meta.url}`);
        text = text.replace(awaited, instead);
      }
      return { contents: text, loader: 'js' };
    });
  },
};

/**
 * yoga-layout's entry awaits its WebAssembly at the top level, which a CommonJS bundle cannot:
 * Ink gets yoga-deferred.mjs instead, and tui-start.ts's runTui first awaits it.
 */
function deferredYoga(root) {
  const shim = join(root, 'scripts', 'yoga-deferred.mjs');
  const tuiMode = join(root, 'src', 'cli', 'tui-mode.ts');
  return {
    name: 'deferred-yoga',
    setup(b) {
      b.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: shim }));
      b.onResolve({ filter: /^\.\/tui-mode\.js$/ }, ({ importer }) =>
        importer === join(root, 'src', 'cli', 'tui-start.ts') ? { path: tuiMode, namespace: 'yoga-first' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'yoga-first' }, () => ({
        contents: `import { runTui as run } from ${JSON.stringify(tuiMode)};
import { yogaReady } from ${JSON.stringify(shim)};
export * from ${JSON.stringify(tuiMode)};
export async function runTui(...args) {
  await yogaReady();
  return run(...args);
}
`,
        resolveDir: dirname(tuiMode),
        loader: 'js',
      }));
    },
  };
}

/** The cockpit's files for `dist` (the loader last), its loader's name and its metafile. */
export function buildCockpit({ root, dist, define }) {
  const entry = 'src/cli/tui-start.ts';
  return buildCachedBundle({
    root,
    dist,
    define,
    name: 'cockpit',
    entry,
    exports: ['startTui'],
    plugins: [deferredYoga(root), inkWithoutDevtools],
  });
}
