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
    expect(r.text.startsWith('## 0.30.0 - 2026-11-21\n\n- fix CI linker crashes\n\n### Features\n')).toBe(true);
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
