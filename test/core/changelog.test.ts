import { describe, expect, it } from 'vitest';
import { draftChangelog, extractSection, hasReleasedSection } from '../../src/core/changelog.js';
import { detectStyle, parseSections } from '../../src/core/changelog-style.js';
import { groupCommits } from '../../src/core/commit-groups.js';

const date = { year: 2026, month: 11, day: 21 };
const groups = groupCommits([
  { hash: 'a', subject: 'feat: OAuth 2.0 client credentials (#552)', body: '' },
  { hash: 'b', subject: 'Fix CI linker crashes (#572)', body: '' },
  { hash: 'c', subject: 'Add gRPC health check endpoint (#570)', body: '' },
]);

function draft(text: string, label = '0.30.0', repo?: string) {
  const r = draftChangelog({ text, label, date, groups, repo });
  if (r.kind === 'present') throw new Error('unexpected present');
  return r;
}

describe('heading styles', () => {
  it.each([
    ['## [0.29.0] - 2026-08-12', '## [0.30.0] - 2026-11-21'],
    ['## v0.29.0 - 2026-08-12', '## v0.30.0 - 2026-11-21'],
    ['## 0.29.0 (2026-08-12)', '## 0.30.0 (2026-11-21)'],
    ['## September 2025 - v0.29.0', '## November 2025 - v0.30.0'.replace('2025', '2026')],
    ['### 0.29.0 / August 12, 2026', '### 0.30.0 / November 21, 2026'],
  ])('%s -> %s', (previous, expected) => {
    const text = `# Changelog\n\nAll notable changes.\n\n${previous}\n\n- Old entry\n`;
    const r = draft(text);
    expect(r.kind).toBe('new-section');
    const lines = r.text.split('\n');
    expect(lines.slice(0, 5)).toEqual(['# Changelog', '', 'All notable changes.', '', expected]);
    // The old section stays below, untouched.
    expect(r.text).toContain(`\n\n${previous}\n\n- Old entry\n`);
    expect(r.text.indexOf(expected)).toBeLessThan(r.text.indexOf(previous));
  });

  it('uses Keep a Changelog for a file without version headings', () => {
    expect(detectStyle(['# Changelog'])).toMatchObject({ level: 2, template: '[{version}] - {date}' });
    expect(draft('').text).toBe(
      '# Changelog\n\n## [0.30.0] - 2026-11-21\n\n### Features\n\n- OAuth 2.0 client credentials (#552)\n- Add gRPC health check endpoint (#570)\n\n### Bug fixes\n\n- Fix CI linker crashes (#572)\n',
    );
  });

  it('ignores headings inside code fences', () => {
    const lines = ['# C', '```', '## 9.9.9 - 2020-01-01', '```', '## 1.0.0 (2020-02-02)'];
    expect(parseSections(lines).map((s) => s.start)).toEqual([4]);
  });
});

describe('grouped commits and links', () => {
  it('writes groups as sub-headings with PR links when the repo is known', () => {
    const r = draft('## [0.29.0] - 2026-08-12\n', '0.30.0', 'madesroches/micromegas');
    expect(r.section).toBe(
      [
        '## [0.30.0] - 2026-11-21',
        '',
        '### Features',
        '',
        '- OAuth 2.0 client credentials ([#552](https://github.com/madesroches/micromegas/pull/552))',
        '- Add gRPC health check endpoint ([#570](https://github.com/madesroches/micromegas/pull/570))',
        '',
        '### Bug fixes',
        '',
        '- Fix CI linker crashes ([#572](https://github.com/madesroches/micromegas/pull/572))',
      ].join('\n'),
    );
    expect(r.added).toBe(3);
  });

  it('says so when there is nothing to list', () => {
    const r = draftChangelog({ text: '## 0.1.0 (2020-01-01)\n', label: '0.2.0', date, groups: [] });
    expect(r.kind === 'new-section' && r.section).toBe('## 0.2.0 (2026-11-21)\n\nNo notable changes.');
  });
});

describe('Unreleased sections', () => {
  it('dates [Unreleased], keeps its content and adds only the commits not mentioned', () => {
    const text = [
      '# Changelog',
      '',
      '## [Unreleased]',
      '',
      '### Added',
      '',
      '- Client credentials for service accounts (#552)',
      '',
      '## [0.29.0] - 2026-08-12',
      '',
      '- Old',
      '',
    ].join('\n');
    const r = draft(text);
    expect(r.kind).toBe('dated-unreleased');
    expect(r.added).toBe(2);
    expect(r.text).toBe(
      [
        '# Changelog',
        '',
        '## [Unreleased]',
        '',
        '## [0.30.0] - 2026-11-21',
        '',
        '### Added',
        '',
        '- Client credentials for service accounts (#552)',
        '- Add gRPC health check endpoint (#570)',
        '',
        '### Bug fixes',
        '',
        '- Fix CI linker crashes (#572)',
        '',
        '## [0.29.0] - 2026-08-12',
        '',
        '- Old',
        '',
      ].join('\n'),
    );
  });

  it('turns a Grafana-style "1.0.0 (Unreleased)" into "1.0.0 (date)" with the heading label', () => {
    const text = '# Changelog\n\n## 1.0.0 (Unreleased)\n\nInitial release.\n\n- FlightSQL datasource integration\n';
    const r = draftChangelog({ text, label: '1.0.0', date, groups: [] });
    expect(r.kind).toBe('dated-unreleased');
    expect(r.kind !== 'present' && r.text).toBe(
      '# Changelog\n\n## 1.0.0 (2026-11-21)\n\nInitial release.\n\n- FlightSQL datasource integration\n',
    );
  });

  it('recognises a commit already mentioned by its text', () => {
    const text = '## Unreleased\n\n- fix CI linker crashes\n';
    const r = draft(text);
    expect(
      r.text.startsWith('## Unreleased\n\n## 0.30.0 - 2026-11-21\n\n- fix CI linker crashes\n\n### Features\n'),
    ).toBe(true);
    expect(r.text).not.toContain('- Fix CI linker crashes');
  });
});

describe('idempotence and extraction', () => {
  it('reports a section already present, and never takes 0.30.0 for 10.30.0 or 0.30.0-rc.1', () => {
    const text = '## [0.30.0] - 2026-11-21\n\n- Done\n\n## [0.29.0] - 2026-08-12\n';
    expect(draftChangelog({ text, label: '0.30.0', date, groups }).kind).toBe('present');
    expect(hasReleasedSection('## [10.30.0] - 2026-11-21\n## 0.30.0-rc.1 (2026-01-01)\n', '0.30.0')).toBe(false);
    expect(hasReleasedSection('## 1.0.0 (Unreleased)\n', '1.0.0')).toBe(false);
  });

  it('extracts the body of a released section for the release notes', () => {
    const text = '# C\n\n## v0.30.0 - 2026-11-21\n\n### Features\n\n- A\n\n## v0.29.0 - 2026-08-12\n\n- B\n';
    expect(extractSection(text, '0.30.0')).toBe('### Features\n\n- A');
    expect(extractSection(text, '0.31.0')).toBeUndefined();
  });

  it('keeps CRLF line endings', () => {
    const r = draft('# C\r\n\r\n## 0.29.0 (2026-08-12)\r\n\r\n- Old\r\n');
    expect(r.text).toContain('## 0.30.0 (2026-11-21)\r\n\r\n### Features\r\n');
    expect(r.text.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('blank lines around headings', () => {
  const demo = groupCommits([
    { hash: 'a', subject: 'feat: gRPC health check endpoint (#570)', body: '' },
    { hash: 'b', subject: 'fix(ci): linker crashes and build reliability (#572)', body: '' },
  ]);
  const run = (text: string) => {
    const r = draftChangelog({ text, label: '0.15.0', date, groups: demo });
    if (r.kind === 'present') throw new Error('unexpected present');
    return r;
  };

  /** Every heading has exactly one blank line before (unless first) and after; the file ends with one newline. */
  function expectSpaced(text: string): void {
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    lines.forEach((line, i) => {
      if (!/^#{1,6}\s/.test(line)) return;
      if (i > 0)
        expect([lines[i - 2], lines[i - 1]], `before line ${i + 1}: ${line}`).toSatisfy(
          ([a, b]: string[]) => b === '' && a !== '',
        );
      expect([lines[i + 1], lines[i + 2]], `after line ${i + 1}: ${line}`).toSatisfy(
        ([a, b]: string[]) => a === '' && b !== '',
      );
    });
  }

  // Found by the demo: a Keep a Changelog template with empty sub-headings got its items glued
  // to the heading, and the Features list ran straight into "### Bug fixes".
  it('separates the Features list from "### Bug fixes" by one blank line when filling an empty template', () => {
    const r = run(
      '# Changelog\n\n## [Unreleased]\n### Features\n### Bug fixes\n## [0.14.0] - 2025-10-23\n- Async span tracing\n',
    );
    expect(r.text).toBe(
      [
        '# Changelog',
        '',
        '## [Unreleased]',
        '',
        '## [0.15.0] - 2026-11-21',
        '',
        '### Features',
        '',
        '- gRPC health check endpoint (#570)',
        '',
        '### Bug fixes',
        '',
        '- **ci:** Linker crashes and build reliability (#572)',
        '',
        '## [0.14.0] - 2025-10-23',
        '- Async span tracing',
        '',
      ].join('\n'),
    );
    expect(r.section).toBe(
      '## [0.15.0] - 2026-11-21\n\n### Features\n\n- gRPC health check endpoint (#570)\n\n### Bug fixes\n\n- **ci:** Linker crashes and build reliability (#572)',
    );
  });

  it('separates existing items from the next heading and collapses runs of blank lines', () => {
    const r = run(
      '## [Unreleased]\n\n### Features\n\n\n\n- Old feature (#1)\n### Bug fixes\n- Old fix (#2)\n\n\n\n## [0.14.0] - 2025-10-23\n\n- x\n',
    );
    expect(r.text).toBe(
      [
        '## [Unreleased]',
        '',
        '## [0.15.0] - 2026-11-21',
        '',
        '### Features',
        '',
        '- Old feature (#1)',
        '- gRPC health check endpoint (#570)',
        '',
        '### Bug fixes',
        '',
        '- Old fix (#2)',
        '- **ci:** Linker crashes and build reliability (#572)',
        '',
        '## [0.14.0] - 2025-10-23',
        '',
        '- x',
        '',
      ].join('\n'),
    );
  });

  it('puts one blank line between the title and a new section', () => {
    const r = run('# Changelog\n## 0.14.0 (2025-10-23)\n- x\n');
    expect(r.text.startsWith('# Changelog\n\n## 0.15.0 (2026-11-21)\n\n### Features\n\n')).toBe(true);
    expect(r.text).toContain('\n- **ci:** Linker crashes and build reliability (#572)\n\n## 0.14.0 (2025-10-23)\n');
  });

  it('leaves headings inside a code block alone', () => {
    const r = run('## Unreleased\n\n### Features\n\n```sh\n# not a heading\n```\n\n## 0.14.0 - 2025-10-23\n');
    expect(r.text).toContain('\n```sh\n# not a heading\n```\n\n- gRPC health check endpoint (#570)\n\n### Bug fixes\n');
  });

  it.each([
    ['empty file', ''],
    [
      'demo changelog',
      '# Changelog\n\nAll notable changes.\n\n## [Unreleased]\n\n## [0.14.0] - 2025-10-23\n\n### Features\n\n- Async span tracing\n',
    ],
    ['template', '## [Unreleased]\n### Added\n### Changed\n### Fixed\n\n\n## [0.14.0] - 2025-10-23\n### Added\n- x\n'],
    ['loose items', '# C\n\n## Unreleased\n- loose (#3)\n## 0.14.0 - 2025-10-23\n'],
    ['grafana', '# Changelog\n\n## 1.0.0 (Unreleased)\n\nInitial release.\n\n- FlightSQL datasource integration\n'],
  ])('every heading of the drafted section is spaced: %s', (_name, text) => {
    const r = run(text);
    expectSpaced(r.section + '\n');
    const start = r.text.indexOf(r.section);
    expect(start).toBeGreaterThanOrEqual(0);
    const after = r.text.slice(start + r.section.length);
    // Exactly one blank line, then the next version heading (or the end of the file).
    expect(after === '\n' || /^\n\n##? /.test(after)).toBe(true);
  });
});
