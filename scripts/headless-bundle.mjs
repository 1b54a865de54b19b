// The bundle of `run --headless`, a CI job's whole start-up: one file of its own instead of the
// ~20 chunks it would share with the other modes (Node's module loader pays per file), compiled
// with a V8 code cache made at build time (Node 20 keeps none for a module: parsing and compiling
// the ~590 KB were a third of the import). It holds its own copy of the modules it shares with
// the entry: user-error.ts recognises its errors without class identity.
//
// dist/run-headless-<hash>.cjs  the code, as CommonJS (vm.Script takes a code cache; modules do not)
// dist/run-headless-<hash>.cache  V8's code cache of it, made by this Node after running its top level
// dist/run-headless-<hash>.js  the module modes.ts imports: compiles the code with the cache
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

/** The headless run's files for `dist`: [{ path, contents }], the loader last; and its metafile. */
export async function buildHeadless({ root, dist, define }) {
  const result = await build({
    ...sharedOptions,
    format: 'cjs',
    banner: {},
    entryPoints: { 'run-headless': `${root}/src/cli/run-mode.ts` },
    entryNames: '[name]-[hash]',
    outExtension: { '.js': '.cjs' },
    outdir: dist,
    write: false,
    metafile: true,
    define,
  });
  const code = result.outputFiles[0];
  const name = basename(code.path, '.cjs');
  const loader = `${IMPORTS}${LOAD}
const here = dirname(fileURLToPath(import.meta.url));
const { exports, script } = loadCompiled(\`\${here}/${name}.cjs\`, \`\${here}/${name}.cache\`);
export const runHeadless = exports.runHeadless;
// Whether V8 refused the cache (undefined: there was none); for the build's test.
export const codeCacheRejected = script.cachedDataRejected;
`;
  const files = [
    { path: code.path, contents: code.contents },
    { path: `${dist}/${name}.cache`, contents: codeCache(code.path, code.contents) },
    { path: `${dist}/${name}.js`, contents: Buffer.from(loader) },
  ];
  return { files, loaderName: `${name}.js`, metafile: result.metafile };
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
