// The changelog step's repository: Micromegas-like changelogs (Keep a Changelog at the root, a
// Grafana-style "1.0.0 (Unreleased)" one under grafana/), tag v0.14.0 and three commits after it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfirmRequest } from '../../src/engine/step-types.js';
import { createGitFixture } from './git-fixture.js';
import { makePlan } from './make-plan.js';
import { makeStepContext, type StepHarnessOptions } from './step-context.js';

// Noon local time: the section is dated 2026-11-21 in any time zone the tests run in.
export const NOW = new Date(2026, 10, 21, 12, 0, 0).getTime();

export function changelogFixture(tempDir: () => string, step: Record<string, unknown> = {}) {
  const fx = createGitFixture(tempDir, {
    remote: false,
    files: {
      'CHANGELOG.md': '# Changelog\n\n## [0.14.0] - 2025-10-23\n\n- Older things\n',
      'grafana/CHANGELOG.md':
        '# Changelog\n\n## 1.0.0 (Unreleased)\n\nInitial release.\n\n- FlightSQL datasource integration\n',
    },
  });
  fx.git(['remote', 'add', 'origin', 'git@github.com:madesroches/micromegas.git']);
  fx.git(['tag', 'v0.14.0']);
  fx.commit('feat: OIDC authentication for the CLI (#549)', { 'rust/auth.rs': 'a' });
  fx.commit('Fix CI linker crashes (#572)', { 'rust/ci.rs': 'b' });
  fx.commit('Add query variable editor (#560)', { 'grafana/src/vars.ts': 'c' });
  const plan = {
    ...makePlan({
      repo: fx.dir,
      project: 'Micromegas',
      version: '0.15.0',
      next: '0.16.0',
      phases: [{ id: 'docs', steps: [{ id: 'changelog', kind: 'changelog', ...step }] }],
    }),
    previousTag: 'v0.14.0',
  };
  const harness = (o: Partial<StepHarnessOptions> = {}) =>
    makeStepContext(plan, 'changelog', {
      repo: fx.dir,
      stateDir: join(fx.dir, '..', 'state'),
      env: fx.env,
      now: NOW,
      ...o,
    });
  const draftFile = join(fx.dir, '..', 'state', 'drafts', 'changelog.md');
  return { fx, plan, harness, draftFile, read: (f = 'CHANGELOG.md') => readFileSync(join(fx.dir, f), 'utf8') };
}

export type ChangelogFixture = ReturnType<typeof changelogFixture>;

/** A maintainer who edits the draft file (like $EDITOR would) before answering yes. */
export function editThenYes(
  h: ReturnType<ChangelogFixture['harness']>,
  edit: (draft: string) => string,
): ConfirmRequest[] {
  const asked: ConfirmRequest[] = [];
  h.ctx.confirm = async (req) => {
    asked.push(req);
    writeFileSync(req.editFile!, edit(readFileSync(req.editFile!, 'utf8')));
    return true;
  };
  return asked;
}
