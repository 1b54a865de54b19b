// The headless run's bundle as the build writes it (test/global-setup.ts builds dist/): the entry
// imports its loader, beside the code and the code cache, and this Node accepts that cache.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const dist = join(ROOT, 'dist');
const loaderName = (): string =>
  /run-headless-[A-Z0-9]+\.js/.exec(readFileSync(join(dist, 'cli.js'), 'utf8'))?.[0] ?? '';

describe('the headless bundle', () => {
  it('is the code, its code cache and the loader the entry imports', () => {
    const name = loaderName().replace(/\.js$/, '');
    expect(name).not.toBe('');
    for (const ext of ['.js', '.cjs', '.cache']) expect(existsSync(join(dist, `${name}${ext}`)), ext).toBe(true);
  });

  it('gives runHeadless, compiled with a code cache this Node accepts', () => {
    // A plain Node process, as users run the CLI (a test worker's flags could change V8's).
    const probe = `const m = await import(process.argv[1]);
      console.log(JSON.stringify({ runHeadless: typeof m.runHeadless, rejected: m.codeCacheRejected }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe, join(dist, loaderName())], {
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ runHeadless: 'function', rejected: false });
  });
});
