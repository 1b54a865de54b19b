// Every path of the config stays inside the repository: `..`, absolute paths and symlinks leading
// out are config errors at the key's line, whatever the key.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/cli/load-config.js';
import { collectRepoPaths } from '../../../src/core/config/repo-path.js';
import { Config } from '../../../src/core/config/config.js';
import { repoPathProblem } from '../../../src/core/repo-path.js';
import { UserError } from '../../../src/core/user-error.js';

let repo: string;
let outside: string;
beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'rc-confine-'));
  outside = mkdtempSync(join(tmpdir(), 'rc-outside-'));
});
afterEach(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const steps = (extra: object[]) => [{ id: 'p', kind: 'publish-crates' }, ...extra];

/** A config with `bad` put at one path key; the rest valid. */
function configWith(bad: string): Record<string, object[] | object>[] {
  return [
    { crates: { workspace: bad } },
    { crates: { extraManifests: ['ok/Cargo.toml', bad] } },
    { versionFiles: [bad] },
    { steps: steps([{ id: 'r', kind: 'run', run: ['ls'], cwd: bad }]) },
    { steps: steps([{ id: 'c', kind: 'changelog', file: bad }]) },
    { steps: steps([{ id: 'c', kind: 'changelog', paths: [bad] }]) },
    { steps: steps([{ id: 'a', kind: 'archive', source: bad, output: 'x.tgz' }]) },
    { steps: steps([{ id: 'a', kind: 'archive', source: 'dist', output: 'x.tgz', into: bad }]) },
    { steps: steps([{ id: 'a', kind: 'archive', source: 'dist', output: bad }]) },
    { steps: steps([{ id: 'g', kind: 'github-release', attach: [bad] }]) },
    { steps: steps([{ id: 'g', kind: 'github-release', changelog: bad }]) },
    { steps: steps([{ id: 'y', kind: 'publish-python', cwd: bad, package: 'x' }]) },
    { steps: steps([{ id: 'b', kind: 'bump-version', after: [{ run: ['yarn'], cwd: bad }] }]) },
  ];
}

function write(c: Record<string, unknown>): void {
  const { steps: s = steps([]), ...rest } = c;
  writeFileSync(
    join(repo, '.releaserc.json'),
    JSON.stringify({ project: 'x', ...rest, phases: [{ id: 'a', title: 'A', steps: s }] }, null, 2),
  );
}

function refusal(): UserError {
  try {
    loadConfig(repo);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('the config was accepted');
}

/** The line of the first occurrence of `needle` in the written config. */
function lineOf(needle: string): number {
  const text = readFileSync(join(repo, '.releaserc.json'), 'utf8');
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('config paths stay inside the repository', () => {
  it.each([['../../../../etc'], ['/etc'], ['rust/../../x'], ['C:\\Windows']])(
    'refuses %s at every path key, at its line',
    (bad) => {
      for (const c of configWith(bad)) {
        write(c);
        const e = refusal();
        expect(e.format(), JSON.stringify(c)).toMatch(
          /\.releaserc\.json:\d+(:\d+)?: .*(goes up with `\.\.`|is absolute)/,
        );
        expect(e.details.line, JSON.stringify(c)).toBe(lineOf(JSON.stringify(bad).slice(1, -1)));
      }
    },
  );

  it('refuses a path through a symlink that leads out, and one that is such a symlink', () => {
    symlinkSync(outside, join(repo, 'out'));
    for (const c of [...configWith('out/file'), ...configWith('out')]) {
      write(c);
      expect(refusal().message, JSON.stringify(c)).toMatch(
        new RegExp(`(is|goes through \`out\`,) a symlink to ${outside}, outside the repository`),
      );
    }
  });

  it('refuses a dangling symlink whose target is outside (a step would create it there)', () => {
    symlinkSync(join(outside, 'not-yet'), join(repo, 'dist'));
    write({ steps: steps([{ id: 'a', kind: 'archive', source: 'src', output: 'x.tgz', into: 'dist' }]) });
    expect(refusal().format()).toContain('`dist` is a symlink to');
  });

  it('accepts symlinks inside the repository, paths that do not exist yet, and `.`', () => {
    mkdirSync(join(repo, 'real', 'deep'), { recursive: true });
    symlinkSync(join(repo, 'real'), join(repo, 'alias'));
    symlinkSync('real/deep', join(repo, 'rel-alias'));
    write({
      versionFiles: ['alias/deep/Cargo.toml', 'rel-alias/x.toml', './a..b/c', 'not/yet/there'],
      steps: steps([{ id: 'r', kind: 'run', run: ['ls'], cwd: '.' }]),
    });
    expect(loadConfig(repo).config.versionFiles).toHaveLength(4);
  });

  it('finds every path value of a parsed config, with its JSON path', () => {
    const config = Config.parse({
      project: 'x',
      versionFiles: ['a'],
      phases: [
        {
          id: 'a',
          title: 'A',
          steps: [
            { id: 'r', kind: 'run', run: ['ls'], cwd: 'w' },
            { id: 'm', kind: 'manual', title: 't' },
          ],
        },
      ],
    });
    expect(collectRepoPaths(Config, config)).toEqual([
      { path: ['versionFiles', 0], value: 'a' },
      { path: ['docsFiles', 0], value: 'README.md' },
      { path: ['phases', 0, 'steps', 0, 'cwd'], value: 'w' },
    ]);
  });
});

describe('repoPathProblem', () => {
  it('names why a path would leave the repository', () => {
    expect(repoPathProblem('rust/Cargo.toml')).toBeUndefined();
    expect(repoPathProblem('a..b/..c')).toBeUndefined();
    expect(repoPathProblem('..')).toContain('`..`');
    expect(repoPathProblem('a\\..\\b')).toContain('`..`');
    expect(repoPathProblem('/abs')).toContain('absolute');
    expect(repoPathProblem('\\\\server\\share')).toContain('absolute');
    expect(repoPathProblem('a\0b')).toContain('NUL');
  });
});
