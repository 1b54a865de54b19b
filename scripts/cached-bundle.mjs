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

/**
 * Compiles `file` with the cache at `cache` when there is one, runs it with `req` as its require
 * and returns its exports; its text is read from `source` (the same file but while the build
 * makes the cache).
 */
export const LOAD = `
function loadCompiled(file, cache, req = createRequire(file), source = file) {
  let cachedData;
  try {
    cachedData = readFileSync(cache);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(${JSON.stringify(HEAD)} + readFileSync(source, 'utf8') + ${JSON.stringify(TAIL)}, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, req, module, file, dirname(file));
  return { exports: module.exports, script };
}
`;
export const IMPORTS = `import { readFileSync } from 'node:fs';
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
  const [cache] = makeCodeCaches([{ path: finalPath, contents }], (code) => [
    `const { script } = loadCompiled(${code[0].file}, '', undefined, ${code[0].source});`,
    'writeCache(0, script);',
  ]);
  return cache;
}

/**
 * Runs the script `make(code)` returns (lines, after IMPORTS, LOAD and `prelude`) in a Node
 * process of its own, with `code[i]` = { file, source } (JS string literals) for files[i]
 * ({ path, contents }): `writeCache(i, script)` records the cache of file i. Returns the caches,
 * in the files' order.
 */
export function makeCodeCaches(files, make, prelude = '') {
  for (const { path, contents } of files) assertAscii(path, contents);
  const dir = mkdtempSync(join(tmpdir(), 'rc-code-cache-'));
  try {
    const code = files.map(({ path, contents }, i) => {
      const source = join(dir, `code-${i}.cjs`);
      writeFileSync(source, contents);
      return { file: JSON.stringify(path), source: JSON.stringify(source) };
    });
    const script = [
      "import { writeFileSync } from 'node:fs';",
      IMPORTS,
      LOAD,
      prelude,
      `const writeCache = (i, script) => writeFileSync(${JSON.stringify(dir)} + '/cache-' + i, script.createCachedData());`,
      ...make(code),
    ].join('\n');
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
    return files.map((_, i) => readFileSync(join(dir, `cache-${i}`)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * esbuild writes other characters as escapes, but not inside a regular expression literal: one
 * such character makes Node read the whole file as a two-byte string, slower to decode and twice
 * the memory, before V8 even looks at the cache.
 */
function assertAscii(path, contents) {
  const at = contents.findIndex((byte) => byte > 0x7f);
  if (at === -1) return;
  const around = Buffer.from(contents.subarray(Math.max(0, at - 60), at + 20)).toString('utf8');
  throw new Error(
    `${basename(path)} holds a character beyond ASCII, near \`${around}\`: write it as \\u escapes in the source.`,
  );
}
