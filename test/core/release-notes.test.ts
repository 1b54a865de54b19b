import { describe, expect, it } from 'vitest';
import { buildReleaseNotes, crateUrl, githubReleaseUrl, pypiProjectUrl } from '../../src/core/release-notes.js';

describe('buildReleaseNotes', () => {
  it('puts the changelog, the published packages with links and the installation together', () => {
    const notes = buildReleaseNotes({
      project: 'Micromegas',
      version: '0.15.0',
      tag: 'v0.15.0',
      previousTag: 'v0.14.0',
      repo: 'madesroches/micromegas',
      changelog: '### Features\n\n- New `micromegas-auth` crate (#546)\n',
      crates: [
        { name: 'micromegas-auth', version: '0.15.0' },
        { name: 'micromegas', version: '0.15.0' },
      ],
      python: { name: 'micromegas', version: '0.15.0', url: 'https://pypi.org/project/micromegas/0.15.0/' },
      archives: [{ file: 'micromegas-datasource-0.15.0.tar.gz', grafanaPlugin: true }],
    });
    expect(notes).toBe(
      [
        '### Features',
        '',
        '- New `micromegas-auth` crate (#546)',
        '',
        '## Rust crates',
        '',
        '- [micromegas-auth 0.15.0](https://crates.io/crates/micromegas-auth/0.15.0)',
        '- [micromegas 0.15.0](https://crates.io/crates/micromegas/0.15.0)',
        '',
        '## Python package',
        '',
        '- [micromegas 0.15.0](https://pypi.org/project/micromegas/0.15.0/)',
        '',
        '## Installation',
        '',
        '**Rust**',
        '',
        '```sh',
        'cargo add micromegas@0.15.0',
        '```',
        '',
        '**Python**',
        '',
        '```sh',
        'pip install micromegas==0.15.0',
        '```',
        '',
        '**Grafana plugin** (manual installation)',
        '',
        '```sh',
        'curl -LO https://github.com/madesroches/micromegas/releases/download/v0.15.0/micromegas-datasource-0.15.0.tar.gz',
        'mkdir -p /var/lib/grafana/plugins/micromegas-datasource',
        'tar -xzf micromegas-datasource-0.15.0.tar.gz -C /var/lib/grafana/plugins/micromegas-datasource',
        '```',
        '',
        'Then restart Grafana.',
        '',
        '**Full changelog**: https://github.com/madesroches/micromegas/compare/v0.14.0...v0.15.0',
        '',
      ].join('\n'),
    );
  });

  it('leaves out what the release does not have, and uses another registry web base', () => {
    const notes = buildReleaseNotes({
      project: 'Tool',
      version: '1.0.0',
      tag: 'tool-1.0.0',
      crates: [{ name: 'tool', version: '1.0.0' }],
      cratesWeb: 'http://127.0.0.1:9000/crates/',
      archives: [{ file: 'tool-linux.tar.gz', grafanaPlugin: false }],
    });
    expect(notes).toContain('- [tool 1.0.0](http://127.0.0.1:9000/crates/tool/1.0.0)');
    expect(notes).toContain('**tool-linux.tar.gz**\n\nDownload it from the assets of this release.\n');
    expect(notes).not.toContain('Python');
    expect(notes).not.toContain('Full changelog');
    expect(buildReleaseNotes({ project: 'Tool', version: '1.0.0', tag: 'v1.0.0', crates: [], archives: [] })).toBe(
      'Tool 1.0.0\n',
    );
  });

  it('links crates on crates.io by default, PyPI project pages and GitHub releases', () => {
    expect(crateUrl('micromegas-auth', '0.15.0')).toBe('https://crates.io/crates/micromegas-auth/0.15.0');
    expect(pypiProjectUrl('https://pypi.org/pypi', 'micromegas', '0.15.0')).toBe(
      'https://pypi.org/project/micromegas/0.15.0/',
    );
    expect(pypiProjectUrl('https://test.pypi.org/pypi/', 'micromegas')).toBe(
      'https://test.pypi.org/project/micromegas/',
    );
    expect(githubReleaseUrl('o/r', 'v1.0.0')).toBe('https://github.com/o/r/releases/tag/v1.0.0');
  });
});
