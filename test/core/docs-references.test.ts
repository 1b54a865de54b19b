// Hardcoded versions in the docs: install lines of the project's packages with an older version
// (reported with the fix, moved by the bump to the release, precision kept), mentions of the
// previous release (reported, never moved); changelogs and lockfiles never scanned.
import { describe, expect, it } from 'vitest';
import { Config } from '../../src/core/config/config.js';
import { memoryView } from '../../src/core/file-view.js';
import { docsFilesOf, docsProblems, scanDocs, scanDocsText } from '../../src/core/docs-references.js';
import { docsBump } from '../../src/core/docs-bump.js';

const README = [
  '# Micromegas', // 1
  '', // 2
  '    cargo add micromegas-tracing@0.14', // 3
  '    pip install micromegas==0.14.0', // 4
  '    micromegas-tracing = "0.14"', // 5
  '    micromegas-tracing = { version = "^0.14.0", features = ["x"] }', // 6
  'Since v0.14.0 the ingestion is faster.', // 7
  '    cargo add serde@1.0 tokio@0.14', // 8: not ours
  '    pip install micromegas==0.15.0', // 9: already the release
  '    pip install Micromegas[cli]>=0.13', // 10: extras, another spelling
].join('\n');

const opts = { packages: ['micromegas-tracing', 'micromegas'], release: '0.15.0', previous: '0.14.0' };

describe('docs references', () => {
  it('finds install lines of our packages with an older version and mentions of the previous release, with columns', () => {
    const refs = scanDocsText('README.md', README, opts);
    expect(refs.map((r) => [r.line, r.kind, r.package, r.value, r.to])).toEqual([
      [3, 'install', 'micromegas-tracing', '0.14', '0.15'],
      [4, 'install', 'micromegas', '0.14.0', '0.15.0'],
      [5, 'install', 'micromegas-tracing', '0.14', '0.15'],
      [6, 'install', 'micromegas-tracing', '^0.14.0', '^0.15.0'],
      [7, 'mention', undefined, '0.14.0', '0.15.0'],
      [10, 'install', 'micromegas', '0.13', '0.15'],
    ]);
    for (const r of refs)
      expect(README.split('\n')[r.line - 1]!.slice(r.column, r.column + r.value.length)).toBe(r.value);
  });

  it('reports each as a warning at file:line with the fix', () => {
    const problems = docsProblems(scanDocsText('README.md', README, opts));
    expect(problems[1]).toEqual({
      severity: 'warning',
      code: 'docs-install-version',
      message:
        'the install instruction for `micromegas` says 0.14.0, not this release: change it to 0.15.0 (the post-release bump moves it).',
      file: 'README.md',
      line: 4,
    });
    expect(problems[4]).toMatchObject({
      code: 'docs-previous-version',
      line: 7,
      message:
        'mentions 0.14.0, the previous release: if it should name this release, change it to 0.15.0 (left alone by the bump).',
    });
  });

  it('the bump moves the install lines only, each at its column, and lists them', () => {
    const view = memoryView({ 'README.md': README });
    const { changes, lines } = docsBump(view, scanDocsText('README.md', README, opts));
    const after = changes[0]!.after.split('\n');
    expect(after[2]).toBe('    cargo add micromegas-tracing@0.15');
    expect(after[3]).toBe('    pip install micromegas==0.15.0');
    expect(after[4]).toBe('    micromegas-tracing = "0.15"');
    expect(after[5]).toBe('    micromegas-tracing = { version = "^0.15.0", features = ["x"] }');
    expect(after[6]).toBe('Since v0.14.0 the ingestion is faster.');
    expect(after[7]).toBe('    cargo add serde@1.0 tokio@0.14');
    expect(lines.map((l) => `${l.path}:${l.line} ${l.from} -> ${l.to}`)).toEqual([
      'README.md:3 0.14 -> 0.15',
      'README.md:4 0.14.0 -> 0.15.0',
      'README.md:5 0.14 -> 0.15',
      'README.md:6 ^0.14.0 -> ^0.15.0',
      'README.md:10 0.13 -> 0.15',
    ]);
    // Applied, nothing is left to move.
    expect(scanDocsText('README.md', changes[0]!.after, opts).filter((r) => r.kind === 'install')).toEqual([]);
  });

  it('scans the docsFiles globs (README.md by default) but never a changelog or a lockfile', () => {
    const config = Config.parse({
      project: 'x',
      crates: { publish: ['micromegas'] },
      docsFiles: ['**/*.md', 'docs/*', 'Cargo.lock'],
      phases: [{ id: 'a', title: 'A', steps: [{ id: 'c', kind: 'changelog', file: 'docs/NOTES.md' }] }],
    });
    const line = 'cargo add micromegas@0.1\n';
    const view = memoryView({
      'README.md': line,
      'CHANGELOG.md': line,
      'docs/install.md': line,
      'docs/NOTES.md': line,
      'docs/poetry.lock': line,
      'grafana/CHANGES.md': line,
      'Cargo.lock': line,
    });
    expect(docsFilesOf(view, config)).toEqual(['README.md', 'docs/install.md']);
    expect(scanDocs(view, config, { release: '0.2.0' }).map((r) => r.path)).toEqual(['README.md', 'docs/install.md']);
    const byDefault = Config.parse({ project: 'x', phases: [{ id: 'a', title: 'A', steps: [] }] });
    expect(byDefault.docsFiles).toEqual(['README.md']);
  });
});
