// Several tags per release (extraTags): the list, the config errors, the plan's duplicate check.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { memoryView } from '../../src/core/file-view.js';
import { buildPlan } from '../../src/core/plan.js';
import { releaseTags } from '../../src/core/release-tags.js';
import { UserError } from '../../src/core/user-error.js';

const configText = (steps: object[][]) =>
  JSON.stringify(
    { project: 'Micromegas', version: '0.29.0', phases: steps.map((s, i) => ({ id: `p${i}`, title: 'P', steps: s })) },
    null,
    2,
  );

const plan = (steps: object[][]) => {
  const text = configText(steps);
  return buildPlan(
    parseConfigText(text, '.releaserc.json'),
    '/repo/.releaserc.json',
    '/repo',
    memoryView({ '.releaserc.json': text }),
  );
};

describe('release tags', () => {
  it('are the release tag then each extra tag, one list for tag, push, rollback and titles', () => {
    const p = plan([
      [
        { id: 'tag', kind: 'git-tag', extraTags: ['grafana-v${version}', 'capi-v${version}', 'blender-v${version}'] },
        { id: 'push', kind: 'git-push' },
      ],
    ]);
    expect(p.problems).toEqual([]);
    expect(releaseTags(p)).toEqual(['v0.29.0', 'grafana-v0.29.0', 'capi-v0.29.0', 'blender-v0.29.0']);
    expect(p.phases[0]!.steps.map((s) => s.title)).toEqual([
      'Tag v0.29.0, grafana-v0.29.0, capi-v0.29.0, blender-v0.29.0',
      'Push v0.29.0, grafana-v0.29.0, capi-v0.29.0, blender-v0.29.0 to origin',
    ]);
  });

  it('an extra tag without ${version} is a config error at its line', () => {
    let err: unknown;
    try {
      parseConfigText(configText([[{ id: 'tag', kind: 'git-tag', extraTags: ['grafana-latest'] }]]), '.releaserc.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).format()).toMatch(
      /^\.releaserc\.json:13(:\d+)?: .*phases\[0\]\.steps\[0\]\.extraTags\[0\].*an extra tag must contain \$\{version\}/,
    );
  });

  it('two steps creating the same tag: an error at the second, naming the first', () => {
    const p = plan([
      [{ id: 'tag', kind: 'git-tag', extraTags: ['grafana-v${version}'] }],
      [{ id: 'tag2', kind: 'git-tag', extraTags: ['capi-v${version}', 'grafana-v${version}'] }],
    ]);
    expect(p.problems.map((x) => [x.code, x.file, x.line, x.message])).toEqual([
      [
        'duplicate-tag',
        '.releaserc.json',
        22,
        'phases[1].steps[0] (its tagFormat tag) creates the tag `v0.29.0`, which phases[0].steps[0] (its tagFormat tag) already creates; each tag is created once: remove one of them.',
      ],
      [
        'duplicate-tag',
        '.releaserc.json',
        27,
        'phases[1].steps[0].extraTags[1] creates the tag `grafana-v0.29.0`, which phases[0].steps[0].extraTags[0] already creates; each tag is created once: remove one of them.',
      ],
    ]);
  });
});
