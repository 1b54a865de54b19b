// The bundles with a code cache as the build writes them (test/global-setup.ts builds dist/): the
// headless run's and the cockpit's. The entry imports each one's loader, beside the code and the
// code cache, and this Node accepts that cache.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const dist = join(ROOT, 'dist');
const loaderName = (name: string): string =>
  new RegExp(`${name}-[A-Z0-9]+\\.js`).exec(readFileSync(join(dist, 'cli.js'), 'utf8'))?.[0] ?? '';

describe.each([
  { name: 'run-headless', exported: 'runHeadless' },
  { name: 'cockpit', exported: 'startTui' },
])('the $name bundle', ({ name, exported }) => {
  it('is the code, its code cache and the loader the entry imports', () => {
    const base = loaderName(name).replace(/\.js$/, '');
    expect(base).not.toBe('');
    for (const ext of ['.js', '.cjs', '.cache']) expect(existsSync(join(dist, `${base}${ext}`)), ext).toBe(true);
  });

  it(`gives ${exported}, compiled with a code cache this Node accepts`, () => {
    // A plain Node process, as users run the CLI (a test worker's flags could change V8's).
    const probe = `const m = await import(process.argv[1]);
      console.log(JSON.stringify({ exported: typeof m[process.argv[2]], rejected: m.codeCacheRejected }));`;
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', probe, join(dist, loaderName(name)), exported],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({ exported: 'function', rejected: false });
  });
});
