// The changelog step's section in the file: a Grafana-style heading dated in place, a fresh
// Unreleased section kept above the dated one, a file created when there is none, and the
// previous tag found when the plan has none.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changelogStep } from '../../src/engine/steps/changelog.js';
import { changelogFixture, NOW } from '../helpers/changelog-fixture.js';
import { makeStepContext } from '../helpers/step-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-changelog-');
const setup = (step: Record<string, unknown> = {}) => changelogFixture(tempDir, step);

describe('changelog step: the section', () => {
  it('dates a Grafana-style "1.0.0 (Unreleased)" section via `heading`, with only the commits under `paths`', async () => {
    const { harness, read } = setup({
      file: 'grafana/CHANGELOG.md',
      heading: '1.0.0',
      paths: ['grafana'],
      review: false,
      commit: false,
    });
    const h = harness();
    expect(await changelogStep.run(h.ctx)).toEqual({
      status: 'passed',
      summary: 'dated the Unreleased section as 1.0.0 in grafana/CHANGELOG.md (1 entry from commits)',
    });
    expect(read('grafana/CHANGELOG.md')).toBe(
      '# Changelog\n\n## 1.0.0 (2026-11-21)\n\nInitial release.\n\n- FlightSQL datasource integration\n\n### Features\n\n- Add query variable editor ([#560](https://github.com/madesroches/micromegas/pull/560))\n',
    );
    expect(h.logs()[0]).toBe('1 commit(s) since v0.14.0 touching grafana; 1 new line(s) for grafana/CHANGELOG.md:');
  });

  it("leaves a fresh empty Unreleased section above the dated one, in the file's style, committed with it (both styles, link lines)", async () => {
    const kac =
      '# Changelog\n\n## [Unreleased]\n\n### Fixed\n\n- Flaky test\n\n## [0.14.0] - 2025-10-23\n\n- Older things\n\n[Unreleased]: https://github.com/madesroches/micromegas/compare/v0.14.0...HEAD\n[0.14.0]: https://github.com/madesroches/micromegas/compare/v0.13.0...v0.14.0\n';
    const { fx, harness, read } = setup({ review: false });
    writeFileSync(join(fx.dir, 'CHANGELOG.md'), kac);
    fx.commit('docs: changelog entry', {});
    const h = harness();
    expect((await changelogStep.run(h.ctx)).status).toBe('passed');
    const text = read();
    expect(
      text.startsWith('# Changelog\n\n## [Unreleased]\n\n## [0.15.0] - 2026-11-21\n\n### Fixed\n\n- Flaky test\n'),
    ).toBe(true);
    expect(
      text.endsWith(
        '[Unreleased]: https://github.com/madesroches/micromegas/compare/v0.15.0...HEAD\n[0.15.0]: https://github.com/madesroches/micromegas/compare/v0.14.0...v0.15.0\n[0.14.0]: https://github.com/madesroches/micromegas/compare/v0.13.0...v0.14.0\n',
      ),
    ).toBe(true);
    // Committed together: the tag made next includes the dated section, and main keeps the empty one.
    expect(fx.git(['show', 'HEAD:CHANGELOG.md'])).toBe(text.trimEnd());
    expect(fx.git(['status', '--porcelain'])).toBe('');
    // A resume finds the dated section and writes nothing twice.
    expect((await changelogStep.run(harness().ctx)).status).toBe('passed');
    expect(read()).toBe(text);

    const plain = setup({ review: false, commit: false });
    writeFileSync(
      join(plain.fx.dir, 'CHANGELOG.md'),
      '# Changelog\n\n## Unreleased\n\n- Async span tracing\n\n## v0.14.0 - 2025-10-23\n\n- Older things\n',
    );
    expect((await changelogStep.run(plain.harness().ctx)).status).toBe('passed');
    expect(
      plain.read().startsWith('# Changelog\n\n## Unreleased\n\n## v0.15.0 - 2026-11-21\n\n- Async span tracing\n'),
    ).toBe(true);

    const off = setup({ review: false, commit: false, keepUnreleased: false });
    writeFileSync(join(off.fx.dir, 'CHANGELOG.md'), '# Changelog\n\n## Unreleased\n\n- Async span tracing\n');
    expect((await changelogStep.run(off.harness().ctx)).status).toBe('passed');
    expect(off.read()).not.toContain('## Unreleased');
  });

  it('leaves the file alone in a dry run, and creates one when there is none', async () => {
    const { fx, harness, read } = setup({ file: 'NEW.md', review: false });
    const dry = await changelogStep.run(harness({ dryRun: true }).ctx);
    expect(dry).toEqual({ status: 'passed', summary: 'dry run: would add 0.15.0 to NEW.md' });
    expect(fx.git(['status', '--porcelain'])).toBe('');
    expect(existsSync(join(fx.dir, '..', 'state'))).toBe(false);
    await changelogStep.run(harness().ctx);
    expect(read('NEW.md').startsWith('# Changelog\n\n## [0.15.0] - 2026-11-21\n\n### Features\n')).toBe(true);
    expect(fx.git(['log', '-1', '--format=%s'])).toBe('Update NEW.md for 0.15.0');
  });

  it('finds the previous tag itself when the plan does not carry one', async () => {
    const { fx, plan } = setup({ review: false });
    fx.git(['tag', 'v0.13.0', 'v0.14.0~0']);
    const { previousTag: _, ...withoutPrevious } = plan;
    const h = makeStepContext(withoutPrevious, 'changelog', {
      repo: fx.dir,
      stateDir: join(fx.dir, '..', 'state'),
      env: fx.env,
      now: NOW,
    });
    expect((await changelogStep.run(h.ctx)).status).toBe('passed');
    expect(h.logs()[0]).toBe('3 commit(s) since v0.14.0; 3 new line(s) for CHANGELOG.md:');
  });
});
