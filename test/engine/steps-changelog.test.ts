// The changelog step on real git repositories: draft from the commits since the previous tag,
// review, atomic write, commit of the file alone, and resumes that do not write twice. The
// section's shape (headings, Unreleased, a new file) is steps-changelog-sections.test.ts.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StepPaused } from '../../src/engine/step-state.js';
import { changelogStep } from '../../src/engine/steps/changelog.js';
import { changelogFixture, editThenYes } from '../helpers/changelog-fixture.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-changelog-');
const setup = (step: Record<string, unknown> = {}) => changelogFixture(tempDir, step);

describe('changelog step', () => {
  it('drafts the section from the commits since the previous tag, asks for the review, writes and commits it alone', async () => {
    const { fx, harness, read, draftFile } = setup();
    writeFileSync(join(fx.dir, 'grafana/src/vars.ts'), 'unrelated edit');
    const h = harness({ answer: true });
    expect(await changelogStep.run(h.ctx)).toEqual({
      status: 'passed',
      summary: 'added 0.15.0 in CHANGELOG.md (3 entries from commits)',
    });
    const section = [
      '## [0.15.0] - 2026-11-21',
      '',
      '### Features',
      '',
      '- Add query variable editor ([#560](https://github.com/madesroches/micromegas/pull/560))',
      '- OIDC authentication for the CLI ([#549](https://github.com/madesroches/micromegas/pull/549))',
      '',
      '### Bug fixes',
      '',
      '- Fix CI linker crashes ([#572](https://github.com/madesroches/micromegas/pull/572))',
    ];
    expect(read()).toBe(`# Changelog\n\n${section.join('\n')}\n\n## [0.14.0] - 2025-10-23\n\n- Older things\n`);
    expect(h.confirms).toEqual([
      { title: 'Write the 0.15.0 section to CHANGELOG.md?', commands: [], details: section, editFile: draftFile },
    ]);
    // The draft offered to $EDITOR: the section alone, private to the maintainer.
    expect(readFileSync(draftFile, 'utf8')).toBe(`${section.join('\n')}\n`);
    expect(statSync(draftFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(draftFile, '..')).mode & 0o777).toBe(0o700);
    expect(h.logs()).toContain('3 commit(s) since v0.14.0; 3 new line(s) for CHANGELOG.md:');
    expect(h.logs()).toContain('  ## [0.15.0] - 2026-11-21');
    expect(fx.git(['log', '-1', '--format=%s'])).toBe('Update CHANGELOG.md for 0.15.0');
    expect(fx.git(['show', '--name-only', '--format=', 'HEAD'])).toBe('CHANGELOG.md');
    expect(fx.git(['status', '--porcelain'])).toBe('M grafana/src/vars.ts');
    expect(statSync(join(fx.dir, 'CHANGELOG.md')).mode & 0o777).toBe(0o644);
  });

  it('headless without --yes fails with a clear message and writes nothing; --yes needs no review', async () => {
    const { harness, read } = setup();
    const before = read();
    const h = harness({ answer: false });
    const out = await changelogStep.run(h.ctx);
    expect(out).toEqual({
      status: 'failed',
      reason: 'the 0.15.0 section of CHANGELOG.md needs a review: rerun with --yes or use the cockpit',
      needs: 'confirmation',
    });
    expect(read()).toBe(before);
    const yes = harness({ yes: true });
    expect((await changelogStep.run(yes.ctx)).status).toBe('passed');
    expect(yes.confirms).toEqual([]);
  });

  it('with --yes writes the section as computed, and the draft file for the record', async () => {
    const { harness, read, draftFile } = setup();
    const h = harness({ yes: true });
    expect(await changelogStep.run(h.ctx)).toEqual({
      status: 'passed',
      summary: 'added 0.15.0 in CHANGELOG.md (3 entries from commits)',
    });
    const draft = readFileSync(draftFile, 'utf8');
    expect(draft.startsWith('## [0.15.0] - 2026-11-21\n\n### Features\n')).toBe(true);
    expect(read()).toContain(`\n\n${draft}\n## [0.14.0]`);
    expect(statSync(draftFile).mode & 0o777).toBe(0o600);
  });

  it('writes what the maintainer saved in the draft file, in place of the computed section', async () => {
    const { fx, harness, read, draftFile } = setup();
    const h = harness();
    const asked = editThenYes(
      h,
      (d) =>
        `\n${d.trimEnd().replace('- Fix CI linker crashes', '- Fix CI linker crashes on arm64')}\n- Reviewed by hand\n\n\n`,
    );
    expect(await changelogStep.run(h.ctx)).toEqual({
      status: 'passed',
      summary: 'added 0.15.0 in CHANGELOG.md (edited in review)',
    });
    expect(asked[0]?.editFile).toBe(draftFile);
    const text = read();
    expect(text).toContain(
      '- Fix CI linker crashes on arm64 ([#572](https://github.com/madesroches/micromegas/pull/572))\n- Reviewed by hand\n\n## [0.14.0] - 2025-10-23\n',
    );
    // The blank lines the editor added around it are not content: one blank line before the next version.
    expect(text.startsWith('# Changelog\n\n## [0.15.0] - 2026-11-21\n\n### Features\n')).toBe(true);
    expect(h.logs()).toContain(`using the draft as edited in review (${draftFile})`);
    expect(fx.git(['show', '--name-only', '--format=', 'HEAD'])).toBe('CHANGELOG.md');
    // Resumed: the edited section is the release's section, not drafted again.
    expect(await changelogStep.run(harness({ yes: true }).ctx)).toEqual({
      status: 'passed',
      summary: 'already has 0.15.0',
    });
    expect(read()).toBe(text);
  });

  it('an emptied draft is a no: the step fails, the changelog is untouched, nothing is committed', async () => {
    const { fx, harness, read, draftFile } = setup();
    const before = read();
    const head = fx.git(['rev-parse', 'HEAD']);
    const h = harness({ interactive: true });
    editThenYes(h, () => '\n  \n');
    expect(await changelogStep.run(h.ctx)).toEqual({
      status: 'failed',
      reason: `the draft ${draftFile} was emptied: nothing written to CHANGELOG.md (retry drafts it again)`,
    });
    expect(h.logs().at(-1)).toBe(
      `the draft ${draftFile} was emptied: nothing written to CHANGELOG.md (retry drafts it again)`,
    );
    expect(read()).toBe(before);
    expect(fx.git(['rev-parse', 'HEAD'])).toBe(head);
  });

  it('refuses an edited draft without the version heading (a resume would write the section twice)', async () => {
    const { harness, read, draftFile } = setup();
    const before = read();
    const h = harness();
    editThenYes(h, (d) => d.split('\n').slice(1).join('\n'));
    expect(await changelogStep.run(h.ctx)).toEqual({
      status: 'failed',
      reason: `the edited draft ${draftFile} has no heading for 0.15.0: keep its first line (e.g. "## [0.15.0] - 2026-11-21")`,
    });
    expect(read()).toBe(before);
  });

  it('keeps an earlier draft that differs (edited, then declined) as .bak when drafting again', async () => {
    const { harness, draftFile } = setup();
    const declined = harness({ interactive: true });
    declined.ctx.confirm = async (req) => {
      writeFileSync(req.editFile!, '## [0.15.0] - 2026-11-21\n\n- My careful wording\n');
      return false;
    };
    await expect(changelogStep.run(declined.ctx)).rejects.toBeInstanceOf(StepPaused);
    const again = harness({ answer: true });
    expect((await changelogStep.run(again.ctx)).status).toBe('passed');
    expect(readFileSync(`${draftFile}.bak`, 'utf8')).toBe('## [0.15.0] - 2026-11-21\n\n- My careful wording\n');
    expect(again.logs()).toContain(`the previous draft differed: kept as ${draftFile}.bak`);
  });

  it('in the cockpit a declined review pauses the step instead of failing it', async () => {
    const { harness } = setup();
    await expect(changelogStep.run(harness({ answer: false, interactive: true }).ctx)).rejects.toBeInstanceOf(
      StepPaused,
    );
  });

  it('is idempotent on resume, committing a section written before an interruption', async () => {
    const { fx, harness, read } = setup();
    await changelogStep.run(harness({ yes: true }).ctx);
    const written = read();
    expect(await changelogStep.run(harness({ yes: true }).ctx)).toEqual({
      status: 'passed',
      summary: 'already has 0.15.0',
    });
    expect(read()).toBe(written);
    // Written but not committed (killed between the write and the commit).
    fx.git(['reset', '-q', '--soft', 'HEAD~1']);
    fx.git(['reset', '-q']);
    expect(await changelogStep.run(harness({ yes: true }).ctx)).toEqual({
      status: 'passed',
      summary: 'already has 0.15.0 (now committed)',
    });
    expect(fx.git(['status', '--porcelain'])).toBe('');
  });

  it('shows the commit it will make', () => {
    const { plan } = setup();
    const step = plan.phases[0]!.steps[0]!;
    expect(changelogStep.commands?.(step, plan)).toEqual([
      ['git', 'commit', '-m', 'Update CHANGELOG.md for 0.15.0', '--', 'CHANGELOG.md'],
    ]);
  });
});
