// Hints never name a package install this project does not own: a registry name we
// do not hold is a supply-chain trap. The only installs the sources may print are the user's own
// packages (the release notes' `pip install <their package>==<version>`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const FOREIGN =
  /npm (?:install|i|add)\s+(?:-g|--global)|release-cockpit@|npx\s+release-cockpit|yarn global add|pnpm add -g|cargo install\s+release/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|tsx|cjs|mjs|js)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('hints', () => {
  it('name no install of a package this project does not own', () => {
    const hits = files(SRC).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ f, i, line }))
        .filter(({ line }) => FOREIGN.test(line)),
    );
    expect(hits.map(({ f, i, line }) => `${f.slice(SRC.length + 1)}:${i + 1}: ${line.trim()}`)).toEqual([]);
  });
});
