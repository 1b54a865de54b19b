// The cockpit (`release-cockpit`, `run` in a terminal) as two bundles with a code cache each
// (cached-bundle.mjs), linked so that every module of the cockpit is loaded once:
//
// dist/cockpit-<hash>.cjs  what tui-start.ts evaluates before the first frame (the plan's code):
//   loaded first, with its cache; it also hands out the modules of its own the App imports.
// dist/cockpit-app-<hash>.cjs  what tui-start.ts imports dynamically (Ink, React, Yoga, the App,
//   the engine): loaded at its first dynamic import, after the first frame. Its imports of the
//   first bundle's modules are `require('rc-shared:<source path>')`, answered with those modules.
// dist/cockpit-<hash>.js  the module the entry imports: loads the first bundle, links the second.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { IMPORTS, LOAD, makeCodeCaches } from './cached-bundle.mjs';
import { staticInputs } from './bundle-checks.mjs';
import { sharedOptions } from './esbuild-options.mjs';

const ENTRY = 'src/cli/tui-start.ts';
const TUI_MODE = 'src/cli/tui-mode.ts';
const SHARED = 'rc-shared:';
const APP = 'rc-app:';

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
 * yoga-layout's entry awaits its WebAssembly at the top level, which CommonJS cannot: Ink gets
 * yoga-deferred.mjs instead, and the App bundle's runTui awaits it first.
 */
const deferredYoga = (root) => ({
  name: 'deferred-yoga',
  setup(b) {
    b.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: join(root, 'scripts', 'yoga-deferred.mjs') }));
  },
});

/** A source path as esbuild's metafile names it. */
const sourcePath = (root, abs) => relative(root, abs).split(sep).join('/');

/**
 * Resolves every import as esbuild would, then lets `route(source path, import)` point it
 * elsewhere (undefined: where it resolved).
 */
function reroute(root, route) {
  return {
    name: 'reroute',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'reroute' || args.namespace !== 'file' || args.path.startsWith('rc-')) return undefined;
        const { path, errors } = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'reroute',
        });
        if (errors.length > 0 || !path.startsWith(root)) return undefined;
        return route(sourcePath(root, path), args);
      });
    },
  };
}

const common = (root, define) => ({
  ...sharedOptions,
  format: 'cjs',
  banner: {},
  absWorkingDir: root,
  outExtension: { '.js': '.cjs' },
  entryNames: '[name]-[hash]',
  write: false,
  metafile: true,
  define,
});

/** A bundle whose entry is `contents` (importing by absolute paths), named `name`-<hash>.cjs. */
const entryModule = (root, name, contents) => ({
  entryPoints: { [name]: `rc-entry:${name}` },
  plugins: [
    {
      name: 'entry',
      setup(b) {
        b.onResolve({ filter: /^rc-entry:/ }, ({ path }) => ({ path, namespace: 'rc-entry' }));
        b.onLoad({ filter: /.*/, namespace: 'rc-entry' }, () => ({ contents, loader: 'js', resolveDir: root }));
      },
    },
  ],
});

/** What tui-start.ts evaluates (its static imports), and what it imports dynamically beyond that. */
async function firstFrameInputs(root, define) {
  const { metafile } = await build({
    ...common(root, define),
    format: 'esm',
    splitting: true,
    entryPoints: [join(root, ENTRY)],
    outdir: '/',
  });
  const before = staticInputs(metafile, ENTRY);
  const later = new Set();
  for (const input of before) {
    for (const i of metafile.inputs[input].imports) {
      if (i.kind === 'dynamic-import' && !before.has(i.path)) later.add(i.path);
    }
  }
  return { before, later: [...later].sort() };
}

/** The App bundle: the modules `later` as `modules`, the first bundle's modules required from it. */
async function buildApp(root, dist, define, { before, later }) {
  const shared = new Set();
  const imports = later.map((p, i) => `import * as m${i} from ${JSON.stringify(join(root, p))};`);
  const entries = later.map((p, i) =>
    p === TUI_MODE
      ? `${JSON.stringify(p)}: { ...m${i}, runTui: yogaFirst(m${i}.runTui) }`
      : `${JSON.stringify(p)}: m${i}`,
  );
  const contents = `${imports.join('\n')}
import { yogaReady } from ${JSON.stringify(join(root, 'scripts', 'yoga-deferred.mjs'))};
const yogaFirst = (run) => async (...args) => {
  await yogaReady();
  return run(...args);
};
export const modules = { ${entries.join(', ')} };
`;
  const toShared = reroute(root, (path) => {
    if (!before.has(path)) return undefined;
    shared.add(path);
    return { path, namespace: 'rc-shared' };
  });
  const facades = {
    name: 'shared-facades',
    setup(b) {
      b.onResolve({ filter: /^rc-shared:/ }, ({ path }) => ({ path, external: true }));
      // Not in Node's mode (no package.json): `default` is the module's own, not the whole module.
      b.onLoad({ filter: /.*/, namespace: 'rc-shared' }, ({ path }) => ({
        contents: `export * from '${SHARED}${path}';\nexport { default } from '${SHARED}${path}';\n`,
        loader: 'js',
      }));
    },
  };
  const entry = entryModule(root, 'cockpit-app', contents);
  const result = await build({
    ...common(root, define),
    ...entry,
    plugins: [...entry.plugins, ...sharedOptions.plugins, toShared, facades, deferredYoga(root), inkWithoutDevtools],
    outdir: dist,
  });
  // Each module once: none of the first bundle's may have a copy here.
  const [output] = Object.values(result.metafile.outputs).filter((o) => o.entryPoint !== undefined);
  const copies = Object.entries(output.inputs).filter(([p, { bytesInOutput }]) => bytesInOutput > 0 && before.has(p));
  if (copies.length > 0)
    throw new Error(`the cockpit's App bundle holds a copy of ${copies[0][0]}: see ${import.meta.url}`);
  return { result, shared: [...shared].sort() };
}

/** The first bundle: tui-start.ts's startTui, and the modules the App takes from it as `modules`. */
async function buildFirst(root, dist, define, { before, shared }) {
  const imports = shared.map((p, i) => `import * as m${i} from ${JSON.stringify(join(root, p))};`);
  const contents = `export { startTui } from ${JSON.stringify(join(root, ENTRY))};
${imports.join('\n')}
export const modules = { ${shared.map((p, i) => `${JSON.stringify(p)}: m${i}`).join(', ')} };
`;
  const toApp = reroute(root, (path, args) =>
    args.kind === 'dynamic-import' && !before.has(path) ? { path: `${APP}${path}`, external: true } : undefined,
  );
  const entry = entryModule(root, 'cockpit', contents);
  return build({
    ...common(root, define),
    ...entry,
    // A dynamic import of the App's modules becomes a require, which linkCockpit answers.
    supported: { 'dynamic-import': false },
    plugins: [...entry.plugins, ...sharedOptions.plugins, toApp],
    outdir: dist,
  });
}

/**
 * Loads the first bundle and links the App's: `require` in each answers the other's modules
 * (each wrapped once, as an ES module's namespace), everything else is Node's own.
 */
const LINK = `
function esModule(ns, name) {
  if (ns === undefined) throw new Error(\`the cockpit's bundles hold no module \${name}\`);
  const m = { __esModule: true };
  for (const k of Object.keys(ns)) Object.defineProperty(m, k, { enumerable: true, get: () => ns[k] });
  return m;
}
function linkCockpit(first, app) {
  const nodeRequire = createRequire(first.file);
  const linked = new Map();
  const from = (id, prefix, modules) => {
    if (!linked.has(id)) linked.set(id, esModule(modules()[id.slice(prefix.length)], id));
    return linked.get(id);
  };
  let appLoaded;
  const loadApp = () => (appLoaded ??= loadCompiled(app.file, app.cache, appRequire, app.source));
  const firstRequire = (id) => (id.startsWith('${APP}') ? from(id, '${APP}', () => loadApp().exports.modules) : nodeRequire(id));
  const appRequire = (id) => (id.startsWith('${SHARED}') ? from(id, '${SHARED}', () => loaded.exports.modules) : nodeRequire(id));
  const loaded = loadCompiled(first.file, first.cache, firstRequire, first.source);
  return { first: loaded, loadApp };
}
`;

/** The cockpit's files for `dist` (the loader last), its loader's name and the first bundle's metafile. */
export async function buildCockpit({ root, dist, define }) {
  const inputs = await firstFrameInputs(root, define);
  const { result: app, shared } = await buildApp(root, dist, define, inputs);
  const first = await buildFirst(root, dist, define, { ...inputs, shared });
  const [code, appCode] = [first.outputFiles[0], app.outputFiles[0]];
  const base = basename(code.path, '.cjs');
  const appBase = basename(appCode.path, '.cjs');
  // Each cache after its code's top level ran; the first bundle's before the App's ran (which
  // calls into it: those functions would make the cache loaded before the first frame larger).
  const caches = makeCodeCaches(
    [
      { path: code.path, contents: code.contents },
      { path: appCode.path, contents: appCode.contents },
    ],
    ([c, a]) => [
      `const cockpit = linkCockpit({ file: ${c.file}, cache: '', source: ${c.source} }, { file: ${a.file}, cache: '', source: ${a.source} });`,
      'writeCache(0, cockpit.first.script);',
      'writeCache(1, cockpit.loadApp().script);',
    ],
    LINK,
  );
  const loader = `${IMPORTS}${LOAD}${LINK}
const here = dirname(fileURLToPath(import.meta.url));
const at = (name) => ({ file: \`\${here}/\${name}.cjs\`, cache: \`\${here}/\${name}.cache\` });
const cockpit = linkCockpit(at('${base}'), at('${appBase}'));
export const startTui = cockpit.first.exports.startTui;
// Whether V8 refused each cache (undefined: there was none); for the build's test.
export const codeCacheRejected = cockpit.first.script.cachedDataRejected;
export const appCodeCacheRejected = () => cockpit.loadApp().script.cachedDataRejected;
`;
  const files = [
    { path: code.path, contents: code.contents },
    { path: `${dist}/${base}.cache`, contents: caches[0] },
    { path: appCode.path, contents: appCode.contents },
    { path: `${dist}/${appBase}.cache`, contents: caches[1] },
    { path: `${dist}/${base}.js`, contents: Buffer.from(loader) },
  ];
  return { files, loaderName: `${base}.js`, metafile: first.metafile, appMetafile: app.metafile };
}
