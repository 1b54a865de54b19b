// The bundles with a code cache as the build writes them (test/global-setup.ts builds dist/): the
// headless run's, and the cockpit's two (what its first frame needs, then the App). The entry
// imports each one's loader, beside the code and the code cache, and this Node accepts the caches.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const dist = join(ROOT, 'dist');
const loaderName = (name: string): string =>
  new RegExp(`${name}-[A-Z0-9]+\\.js`).exec(readFileSync(join(dist, 'cli.js'), 'utf8'))?.[0] ?? '';

/** What a plain Node process (as users run the CLI; a test worker's flags could change V8's) gets from `loader`. */
function probe(loader: string, script: string): unknown {
  const code = `const m = await import(process.argv[1]);\nconsole.log(JSON.stringify(${script}));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code, join(dist, loader)], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('the headless bundle', () => {
  it('is the code, its code cache and the loader the entry imports', () => {
    const base = loaderName('run-headless').replace(/\.js$/, '');
    expect(base).not.toBe('');
    for (const ext of ['.js', '.cjs', '.cache']) expect(existsSync(join(dist, `${base}${ext}`)), ext).toBe(true);
  });

  it('gives runHeadless, compiled with a code cache this Node accepts', () => {
    const got = probe(loaderName('run-headless'), '{ f: typeof m.runHeadless, rejected: m.codeCacheRejected }');
    expect(got).toEqual({ f: 'function', rejected: false });
  });
});

describe("the cockpit's bundles", () => {
  it('are the loader the entry imports, and two bundles each with its code cache', () => {
    const loader = loaderName('cockpit');
    expect(loader).not.toBe('');
    const text = readFileSync(join(dist, loader), 'utf8');
    const bases = [...text.matchAll(/at\('(cockpit-[-A-Za-z0-9]+)'\)/g)].map((m) => m[1]);
    expect(bases).toHaveLength(2);
    for (const base of bases) {
      for (const ext of ['.cjs', '.cache']) expect(existsSync(join(dist, `${base}${ext}`)), base + ext).toBe(true);
    }
  });

  it('give startTui, then the App linked to the first bundle, both caches accepted', () => {
    const got = probe(
      loaderName('cockpit'),
      '{ f: typeof m.startTui, rejected: m.codeCacheRejected, app: m.appCodeCacheRejected() }',
    );
    expect(got).toEqual({ f: 'function', rejected: false, app: false });
  });
});
