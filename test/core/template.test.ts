import { describe, expect, it } from 'vitest';
import { expandTemplate, formatTag, highestTag, tagPattern, versionFromTag } from '../../src/core/template.js';

describe('expandTemplate', () => {
  it('replaces version, tag and project', () => {
    expect(
      expandTemplate('${project} ${tag} (${version})', { version: '0.15.0', tag: 'v0.15.0', project: 'Micromegas' }),
    ).toBe('Micromegas v0.15.0 (0.15.0)');
    expect(expandTemplate('micromegas-datasource-${version}.tar.gz', { version: '0.15.0' })).toBe(
      'micromegas-datasource-0.15.0.tar.gz',
    );
  });

  it('leaves placeholders without a value and unknown ones as written', () => {
    expect(expandTemplate('${tag} ${other} ${version}', { version: '1.0.0' })).toBe('${tag} ${other} 1.0.0');
  });
});

describe('tag formats', () => {
  it('formats and parses tags', () => {
    expect(formatTag('v${version}', '0.15.0')).toBe('v0.15.0');
    expect(versionFromTag('v${version}', 'v0.15.0')).toBe('0.15.0');
    expect(versionFromTag('release-${version}', 'release-1.2.3-rc.1')).toBe('1.2.3-rc.1');
    expect(versionFromTag('v${version}', 'x0.15.0')).toBeUndefined();
    expect(versionFromTag('v${version}', 'v0.15')).toBeUndefined();
    expect(tagPattern('a.b-${version}').test('a.b-1.0.0')).toBe(true);
    expect(tagPattern('a.b-${version}').test('aXb-1.0.0')).toBe(false);
  });

  it('finds the highest tag by semver, not by text', () => {
    const tags = ['v0.9.0', 'v0.10.0', 'v0.10.0-rc.1', 'other', 'v0.2.0'];
    expect(highestTag(tags, 'v${version}')).toBe('v0.10.0');
    expect(highestTag(tags, 'v${version}', '0.10.0')).toBe('v0.10.0-rc.1');
    expect(highestTag([], 'v${version}')).toBeUndefined();
  });
});
