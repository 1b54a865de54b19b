// Hardcoded versions in the docs on a real git repository: verify-versions reports the README's
// `pip install micromegas==0.14.0` at its line with the fix (and the prose mention of the previous
// release), without failing; the bump moves the install line to the release and leaves the
// mention, the changelog and the lockfile alone.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/cli/load-config.js';
import { UserError } from '../../src/core/user-error.js';
import { parseArgs } from '../../src/cli/args.js';
import { runHeadless } from '../../src/cli/run-mode.js';
import { runBumpMode } from '../../src/cli/bump-mode.js';
import { useGitRepos, type TempRepo } from '../helpers/git-repo.js';

const gitRepo = useGitRepos();

const README = [
  '# Micromegas',
  '',
  'Install the client:',
  '',
  '    pip install micromegas==0.14.0',
  '',
  'Since v0.14.0 the client retries uploads.',
  '',
].join('\n');
const CHANGELOG = '# Changelog\n\n## 0.14.0\n\n- `pip install micromegas==0.14.0` works on Windows\n';
const LOCK = '[[package]]\nname = "micromegas"\nversion = "0.14.0"\n';

function repo(): TempRepo {
  const config = {
    project: 'Micromegas',
    versionFiles: ['python/pyproject.toml'],
    phases: [
      { id: 'checks', title: 'Checks', steps: [{ id: 'versions', kind: 'verify-versions' }] },
      {
        id: 'python',
        title: 'Python',
        steps: [{ id: 'install', kind: 'verify-python-install', package: 'micromegas' }],
      },
    ],
  };
  const r = gitRepo({
    commit: true,
    files: {
      '.releaserc.json': JSON.stringify(config, null, 2),
      'python/pyproject.toml': '[project]\nname = "micromegas"\nversion = "0.14.0"\n',
      'README.md': README,
      'CHANGELOG.md': CHANGELOG,
      'python/poetry.lock': LOCK,
    },
  });
  r.git('tag', 'v0.14.0');
  r.write('python/pyproject.toml', '[project]\nname = "micromegas"\nversion = "0.15.0"\n');
  r.git('-c', 'commit.gpgsign=false', 'commit', '-qam', 'release 0.15.0');
  return r;
}

describe('hardcoded versions in the docs', () => {
  it('verify-versions names each at file:line with the fix and still passes', async () => {
    const r = repo();
    let out = '';
    let err = '';
    const code = await runHeadless(parseArgs(['run', '--headless', '--yes', '--only', 'checks', '--repo', r.dir]), {
      out: { write: (s: string) => (out += s), isTTY: false },
      err: { write: (s: string) => (err += s) },
      env: { PATH: process.env.PATH },
    });
    expect(code, out + err).toBe(0);
    expect(out).toContain(
      'warning: README.md:5: the install instruction for `micromegas` says 0.14.0, not this release: change it to 0.15.0 (the post-release bump moves it).',
    );
    expect(out).toContain(
      'warning: README.md:7: mentions 0.14.0, the previous release: if it should name this release, change it to 0.15.0 (left alone by the bump).',
    );
    expect(out).toContain('2 docs references to check');
    expect(out).not.toContain('CHANGELOG.md:');
    expect(out).not.toContain('poetry.lock');
    // The same findings are plan warnings, printed before the run.
    expect(err).toContain('warning: README.md:5: the install instruction for `micromegas` says 0.14.0');
  });

  it('the bump moves the install line to the release, listed as file:line, and commits it; the rest stays', async () => {
    const r = repo();
    const lines: string[] = [];
    const code = await runBumpMode(parseArgs(['bump', '--to', '0.16.0', '--commit', '--repo', r.dir]), (l) =>
      lines.push(l),
    );
    expect(code).toBe(0);
    expect(lines).toContain('python/pyproject.toml:3  0.15.0 -> 0.16.0');
    expect(lines).toContain('README.md:5  0.14.0 -> 0.15.0  (docs: follows the release)');
    expect(lines.join('\n')).not.toMatch(/also moved internal versions/);
    const readme = readFileSync(join(r.dir, 'README.md'), 'utf8').split('\n');
    expect(readme[4]).toBe('    pip install micromegas==0.15.0');
    expect(readme[6]).toBe('Since v0.14.0 the client retries uploads.');
    expect(readFileSync(join(r.dir, 'CHANGELOG.md'), 'utf8')).toBe(CHANGELOG);
    expect(readFileSync(join(r.dir, 'python/poetry.lock'), 'utf8')).toBe(LOCK);
    expect(r.git('show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual([
      'README.md',
      'python/pyproject.toml',
    ]);
  });

  it('docsFiles stay inside the repository: `..` is a config error, a symlink a glob reaches is neither read nor edited', async () => {
    const r = repo();
    const file = join(r.dir, '.releaserc.json');
    const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...config, docsFiles: ['../README.md'] }, null, 2));
    expect(() => loadConfig(r.dir)).toThrow(UserError);
    expect(() => loadConfig(r.dir)).toThrow(/docsFiles\[0\]|`\.\.`/);

    const outside = mkdtempSync(join(tmpdir(), 'rc-outside-'));
    try {
      const target = join(outside, 'install.md');
      writeFileSync(target, 'pip install micromegas==0.13.0\n');
      r.write('docs/real.md', 'pip install micromegas==0.13.0\n');
      symlinkSync(target, join(r.dir, 'docs', 'linked.md'));
      writeFileSync(file, JSON.stringify({ ...config, docsFiles: ['docs/*.md'] }, null, 2));
      r.git('add', '-A');
      r.git('-c', 'commit.gpgsign=false', 'commit', '-qm', 'docs');
      const lines: string[] = [];
      expect(await runBumpMode(parseArgs(['bump', '--to', '0.16.0', '--repo', r.dir]), (l) => lines.push(l))).toBe(0);
      expect(lines).toContain('docs/real.md:1  0.13.0 -> 0.15.0  (docs: follows the release)');
      expect(lines.join('\n')).not.toContain('linked.md');
      expect(readFileSync(target, 'utf8')).toBe('pip install micromegas==0.13.0\n');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
