// The repository explains itself: its code, tests, scripts, benchmarks, README and JSON Schema name
// no document a fresh clone does not have (the team's design notes and reference measurements, the
// issue tracker, decision numbers such as "(D16)"). A reason is written out where it applies.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const SCANNED = ['src', 'test', 'scripts', 'bench', 'schema', 'examples', 'README.md', 'eslint.config.js'];
/** Real-world inputs (changelogs, READMEs of the fixture repositories) say what their authors wrote. */
const SKIPPED = new Set(['test/fixtures']);
const OUTSIDE = [
  /\bDESIGN\.md\b/,
  /\bshared\/(?:reference|seeds)\b/,
  /\b[Ii]ssues? \d+\b/,
  /\(D\d{1,2}\b[^)]*\)|^\s*\/\/ D\d{1,2}\b/,
];

function files(path: string): string[] {
  const rel = relative(ROOT, path);
  if (SKIPPED.has(rel)) return [];
  if (!statSync(path).isDirectory()) return /\.(ts|tsx|js|mjs|cjs|json|md)$|\/cargo$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

describe('the repository', () => {
  it('names no document outside it', () => {
    const hits = SCANNED.flatMap((p) => files(join(ROOT, p)))
      .filter((f) => f !== SELF)
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            OUTSIDE.some((re) => re.test(line)) ? [`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`] : [],
          ),
      );
    expect(hits).toEqual([]);
  });
});
