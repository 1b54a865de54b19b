// A mode's code as one file of its own with a V8 code cache made at build time: Node 20 keeps no
// code cache for a module, and parsing and compiling a mode's code is a good part of its start.
// Used for `run --headless` (a CI job's whole start-up) and for the cockpit (everything before its
// first frame, then Ink and the App). One file instead of the ~20 chunks it would share with the
// other modes (Node's module loader pays per file). It holds its own copy of the modules it shares
// with the entry (cli.js): user-error.ts recognises its errors without class identity.
//
// dist/<name>-<hash>.cjs  the code, as CommonJS (vm.Script takes a code cache; modules do not)
// dist/<name>-<hash>.cache  V8's code cache of it, made by this Node after running its top level
// dist/<name>-<hash>.js  the module the entry imports: compiles the code with the cache
//   (a cache V8 rejects, from another Node version or other V8 flags, only costs the compile)
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sharedOptions } from './esbuild-options.mjs';

// The code runs as the body of this function, as Node runs a CommonJS file; the cache is made
// for exactly this text.
const HEAD = '(function (exports, require, module, __filename, __dirname) {';
const TAIL = '\n})';

/** Compiles `file` (its text `code`) with the cache at `cache` when there is one; returns its exports. */
const LOAD = `
function loadCompiled(file, cache) {
  let cachedData;
  try {
    cachedData = readFileSync(cache);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(${JSON.stringify(HEAD)} + readFileSync(file, 'utf8') + ${JSON.stringify(TAIL)}, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}
`;
const IMPORTS = `import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
`;

/**
 * The files of bundle `name` for `dist`: [{ path, contents }], the loader last; the loader's file
 * name and the metafile. `entry` (a source file) must export every name in `exports`.
 */
export async function buildCachedBundle({ root, dist, define, name, entry, exports, plugins = [] }) {
  const result = await build({
    ...sharedOptions,
    plugins: [...sharedOptions.plugins, ...plugins],
    format: 'cjs',
    banner: {},
    entryPoints: { [name]: `${root}/${entry}` },
    entryNames: '[name]-[hash]',
    outExtension: { '.js': '.cjs' },
    outdir: dist,
    write: false,
    metafile: true,
    define,
  });
  const code = result.outputFiles[0];
  const base = basename(code.path, '.cjs');
  const loader = `${IMPORTS}${LOAD}
const here = dirname(fileURLToPath(import.meta.url));
const { exports, script } = loadCompiled(\`\${here}/${base}.cjs\`, \`\${here}/${base}.cache\`);
${exports.map((e) => `export const ${e} = exports.${e};`).join('\n')}
// Whether V8 refused the cache (undefined: there was none); for the build's test.
export const codeCacheRejected = script.cachedDataRejected;
`;
  const files = [
    { path: code.path, contents: code.contents },
    { path: `${dist}/${base}.cache`, contents: codeCache(code.path, code.contents) },
    { path: `${dist}/${base}.js`, contents: Buffer.from(loader) },
  ];
  return { files, loaderName: `${base}.js`, metafile: result.metafile };
}

/**
 * V8's code cache of the code, made in a Node process of its own after the code's top level ran
 * (the functions it called are compiled then, and in the cache). The code is compiled under its
 * final path, as the loader will; `contents` need not be written there yet.
 */
function codeCache(finalPath, contents) {
  const dir = mkdtempSync(join(tmpdir(), 'rc-code-cache-'));
  try {
    const source = join(dir, 'code.cjs');
    const out = join(dir, 'code.cache');
    writeFileSync(source, contents);
    const make = `import { writeFileSync } from 'node:fs';
${IMPORTS}${LOAD.replace('readFileSync(file, ', 'readFileSync(process.argv[1], ')}
const { script } = loadCompiled(process.argv[2], '');
writeFileSync(process.argv[3], script.createCachedData());
`;
    execFileSync(process.execPath, ['--input-type=module', '-e', make, source, finalPath, out], { stdio: 'inherit' });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
