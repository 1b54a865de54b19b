// Bad input corpus (bad-input-corpus.test.ts): naming a release, a step or a crate that is not
// there, or not in the state the flag needs (--version, --retry, --skip).
import { spawnSync } from 'node:child_process';
import type { Case } from '../../helpers/bad-input.js';
import { CLI } from '../../helpers/cli.js';

/** `ok` passes, `bad` fails: after one run, 1.0.0 has state with a passed and a failed step. */
const failing = {
  phases: [
    {
      id: 'checks',
      title: 'Checks',
      steps: [
        { id: 'ok', kind: 'run', run: ['node', '-e', '0'] },
        { id: 'bad', kind: 'run', run: ['node', '-e', 'process.exit(3)'] },
      ],
    },
  ],
};

/** One headless run in the case's repository, which stops at `bad` (exit 1 is expected). */
function runOnce(dir: string): void {
  const r = spawnSync(process.execPath, [CLI, 'run', '--headless', '--yes', '--repo', dir], {
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  if (r.status !== 1 || !r.stderr.includes('stopped at bad (failed)'))
    throw new Error(`the set-up run did not stop at bad: ${r.status} ${r.stderr}`);
}

export const RELEASE_CHOICE_CASES: Case[] = [
  {
    name: '--retry of a misspelt step',
    args: ['run', '--headless', '--yes', '--retry', 'helo'],
    git: true,
    expect: /^--retry helo: no step or crate `helo` in Corpus 1\.0\.0; did you mean `hello`\? Steps: hello\.$/,
  },
  {
    name: '--skip of a step that does not exist',
    args: ['run', '--headless', '--yes', '--skip', 'deploy', '--reason', 'by hand'],
    git: true,
    expect: /^--skip deploy: no step or crate `deploy` in Corpus 1\.0\.0\. Steps: hello\.$/,
  },
  {
    name: '--retry of a step that never ran',
    args: ['run', '--headless', '--yes', '--retry', 'hello'],
    git: true,
    expect:
      /^--retry hello: it is pending, not failed; only a failed step can be retried this way\. Nothing has failed: `release-cockpit run --headless --yes` goes on\.$/,
  },
  {
    name: '--retry of a step that passed',
    args: ['run', '--headless', '--yes', '--retry', 'ok'],
    git: true,
    config: failing,
    setup: runOnce,
    expect: /^--retry ok: it is passed, not failed; only a failed step can be retried this way\. Failed now: bad\.$/,
  },
  {
    name: '--skip of a step that passed',
    args: ['run', '--headless', '--yes', '--skip', 'ok', '--reason', 'by hand'],
    git: true,
    config: failing,
    setup: runOnce,
    expect: /^--skip ok: it is passed, not failed; only a failed step can be skipped this way\. Failed now: bad\.$/,
  },
  {
    name: '--skip of a failed step without --reason',
    args: ['run', '--headless', '--yes', '--skip', 'bad'],
    git: true,
    config: failing,
    setup: runOnce,
    expect: /^--skip bad needs --reason TEXT \(why it is skipped, kept in the release log\)\.$/,
  },
  {
    name: 'status --version of a release without state',
    args: ['status', '--version', '9.9.9'],
    git: true,
    config: failing,
    setup: runOnce,
    expect:
      /^no release 9\.9\.9 has state in this repository \(releases with state: 1\.0\.0\)\. Pass one of them, e\.g\. --version 1\.0\.0\.$/,
  },
  {
    name: 'rollback --version when no release has run',
    args: ['rollback', '--yank', 'x', '--yes', '--version', '1.0.0'],
    git: true,
    expect:
      /^no release 1\.0\.0 has state in this repository \(no release has run in this repository yet\)\. Start one with `release-cockpit`\.$/,
  },
  {
    name: 'run --version of another release without state',
    args: ['run', '--headless', '--yes', '--version', '0.9.0'],
    git: true,
    expect: /^no release 0\.9\.0 has state in this repository \(no release has run in this repository yet\)\./,
  },
];
