// The smallest valid config of every step kind, for tests that go over all of them.
import type { StepKind } from '../../src/core/config/step.js';

export const STEP_SAMPLES: Record<StepKind, Record<string, unknown>> = {
  run: { run: ['node', '-e', '0'] },
  manual: { title: 'Read the diff' },
  'verify-versions': {},
  changelog: {},
  'publish-crates': {},
  'publish-python': { cwd: 'python', package: 'demo' },
  'verify-python-install': { package: 'demo' },
  archive: { source: 'dist', output: 'demo-${version}.tar.gz' },
  'git-tag': {},
  'git-push': {},
  'github-release': {},
  'bump-version': {},
  'github-pr': { branch: 'release' },
};

/** A step of `kind` with id `id`, its `"irreversible"` flag set when given. */
export function sampleStep(kind: StepKind, flag: boolean | undefined, id = 's') {
  return { id, kind, ...STEP_SAMPLES[kind], ...(flag !== undefined && { irreversible: flag }) };
}
