import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/core/plan.js';
import { parseConfigText } from '../../src/config/load.js';
import { memoryView } from '../../src/core/file-view.js';
import { expandTemplate, unknownPlaceholders } from '../../src/core/template.js';

const CONFIG = {
  project: 'Demo',
  tagFormat: 'demo-v${version}',
  versionFiles: ['package.json'],
  phases: [
    {
      id: 'checks',
      title: 'Checks',
      steps: [
        { id: 'echo', kind: 'run', run: ['echo', '${project} ${version}->${next}'], verify: ['test', '${tag}'] },
        {
          id: 'review',
          kind: 'manual',
          title: 'Review the log since ${previousTag}',
          details: 'pip install demo==${version}',
          show: ['git', 'log', '--oneline', '${previousTag}..HEAD'],
        },
        { id: 'typo', kind: 'run', title: 'Build ${verison}', run: ['make'] },
      ],
    },
  ],
};

function plan(previousTag?: string) {
  const text = JSON.stringify(CONFIG, null, 2);
  return buildPlan(
    parseConfigText(text, '.releaserc.json'),
    '/repo/.releaserc.json',
    '/repo',
    memoryView({ 'package.json': '{"version": "2.0.0"}', '.releaserc.json': text }),
    previousTag ? { previousTag } : {},
  );
}
const step = (p: ReturnType<typeof plan>, id: string) => p.phases[0]!.steps.find((s) => s.id === id)!;

describe('templated step keys', () => {
  it('expands ${version}, ${next}, ${tag}, ${project} and ${previousTag} in titles, details, show and run argv', () => {
    const p = plan('demo-v1.9.0');
    expect(step(p, 'echo').config).toMatchObject({
      run: ['echo', 'Demo 2.0.0->2.1.0'],
      verify: ['test', 'demo-v2.0.0'],
    });
    expect(step(p, 'review').title).toBe('Review the log since demo-v1.9.0');
    expect(step(p, 'review').config).toMatchObject({
      details: 'pip install demo==2.0.0',
      show: ['git', 'log', '--oneline', 'demo-v1.9.0..HEAD'],
    });
  });

  it('leaves ${previousTag} as written when there is no previous release; in a command that is a warning at its element', () => {
    expect(step(plan(), 'review').title).toBe('Review the log since ${previousTag}');
    const text = JSON.stringify(CONFIG, null, 2);
    expect(plan().problems.filter((x) => x.code === 'placeholder-without-value')).toEqual([
      {
        severity: 'warning',
        code: 'placeholder-without-value',
        message:
          'phases[0].steps[1].show[3]: `${previousTag}` has no value in this release (there is no earlier release tag matching tagFormat; set `previousTag` in the config, or leave it out of the command), so the command would receive it as written.',
        file: '.releaserc.json',
        line: text.split('\n').findIndex((l) => l.includes('"${previousTag}..HEAD"')) + 1,
      },
    ]);
    expect(plan('demo-v1.9.0').problems.filter((x) => x.code === 'placeholder-without-value')).toEqual([]);
  });

  it('warns about a placeholder name that does not exist, at its line', () => {
    const typo = plan().problems.filter((x) => x.code === 'unknown-placeholder');
    expect(typo).toEqual([
      {
        severity: 'warning',
        code: 'unknown-placeholder',
        message:
          'phases[0].steps[2].title: `${verison}` is not a placeholder (it stays as written); use ${version}, ${next}, ${previousTag}, ${tag} or ${project}.',
        file: '.releaserc.json',
        line:
          JSON.stringify(CONFIG, null, 2)
            .split('\n')
            .findIndex((l) => l.includes('Build ${verison}')) + 1,
      },
    ]);
    expect(step(plan(), 'typo').title).toBe('Build ${verison}');
  });
});

describe('expandTemplate', () => {
  it('knows next and previousTag, and finds unknown names', () => {
    expect(expandTemplate('${previousTag}..${next}', { version: '1.0.0', next: '1.1.0', previousTag: 'v0.9.0' })).toBe(
      'v0.9.0..1.1.0',
    );
    expect(unknownPlaceholders('${version} ${Version} ${x}')).toEqual(['${Version}', '${x}']);
  });
});
