// Bad input corpus (bad-input-corpus.test.ts): mistakes on the command line.
import type { Case } from '../../helpers/bad-input.js';

export const COMMAND_LINE_CASES: Case[] = [
  { name: 'unknown command', args: ['publsih'], expect: /^unknown command `publsih`\. Expected one of: / },
  { name: 'command typo', args: ['stauts'], expect: /^unknown command `stauts`; did you mean `status`\?/ },
  {
    name: 'flag typo',
    args: ['plan', '--jsno'],
    expect: /^unknown option `--jsno` of `plan`; did you mean `--json`\?/,
  },
  {
    name: 'flag of another command',
    args: ['status', '--yank', 'x'],
    expect: /^`--yank` is not an option of `status`; it belongs to `rollback`\./,
  },
  {
    name: 'flag without its value',
    args: ['bump', '--to'],
    expect: /^`--to` needs a value \(VERSION\)\. See `release-cockpit bump --help`\.$/,
  },
  {
    name: 'flag followed by another flag',
    args: ['bump', '--to', '--dry-run'],
    expect: /^`--to` needs a value \(VERSION\)\. Write `--to=--dry-run` if that is the value\.$/,
  },
  { name: 'switch given a value', args: ['plan', '--json=yes'], expect: /^`--json` takes no value \(got `yes`\)\./ },
  {
    name: 'bad choice',
    args: ['bump', '--level', 'huge'],
    expect: /^`--level` must be major, minor or patch, not `huge`\./,
  },
  { name: 'stray argument', args: ['plan', 'now'], expect: /^`plan` takes no argument `now`\./ },
  { name: 'help for an unknown command', args: ['help', 'deploy'], expect: /^unknown command `deploy`\./ },
  {
    name: 'rollback without --yank or --unyank',
    args: ['rollback', 'x', '--yes'],
    expect: /^rollback needs exactly one of --yank or --unyank\./,
  },
  {
    name: 'rollback without a crate',
    args: ['rollback', '--yank', '--yes'],
    expect: /^--yank needs at least one crate name\./,
  },
  { name: 'rollback of an invalid crate name', args: ['rollback', '--yank', 'Bad Name', '--yes'], expect: /Bad Name/ },
  {
    name: 'rollback without --yes off a terminal',
    args: ['rollback', '--yank', 'x'],
    expect: /pass --yes to confirm when not on a terminal\./,
  },
  { name: 'bump without a target', args: ['bump'], expect: /--to|--level/ },
  { name: 'bump to a non-version', args: ['bump', '--to', 'banana'], expect: /banana/ },
  {
    name: 'bump backwards',
    args: ['bump', '--to', '0.9.0'],
    files: { 'package.json': '{"version": "1.0.0"}' },
    config: { versionFiles: ['package.json'] },
    expect: /is not above the current version 1\.0\.0; add --force/,
  },
  { name: 'unknown phase for --only', args: ['run', '--headless', '--only', 'chekcs'], git: true, expect: /chekcs/ },
  {
    name: 'repo that is not a directory',
    args: ['plan', '--repo', '/nonexistent/repo'],
    expect: /is not a directory\. Pass --repo DIR/,
  },
  {
    name: 'missing --config file',
    args: ['plan', '--config', 'nowhere.json'],
    expect: /^no config file at .*nowhere\.json\. Check the --config path/,
  },
];
