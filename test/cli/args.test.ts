// The per-command flag tables: what each command accepts, how a wrong flag is refused, the help.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { commandHelp, generalHelp } from '../../src/cli/help.js';
import { COMMANDS, FLAGS, TYPED_COMMANDS, flagsOf, type CommandSpec, type FlagName } from '../../src/cli/options.js';
import { UserError } from '../../src/core/user-error.js';

function refusal(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).format();
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  it('routes each command with its own flags', () => {
    expect(parseArgs(['plan', '--json'])).toMatchObject({ mode: 'plan', json: true });
    expect(parseArgs(['run', '--headless', '-y', '--dry-run', '--only', 'checks'])).toMatchObject({
      mode: 'run',
      headless: true,
      yes: true,
      dryRun: true,
      only: 'checks',
    });
    expect(parseArgs(['bump', '--level', 'patch', '--commit'])).toMatchObject({
      mode: 'bump',
      level: 'patch',
      commit: true,
      dryRun: false,
    });
    expect(parseArgs(['rollback', '--yank', 'a', 'b', '--yes'])).toMatchObject({
      mode: 'rollback',
      yank: true,
      yes: true,
      rest: ['a', 'b'],
    });
    expect(parseArgs(['--repo', '/r', 'status', '--report'])).toMatchObject({
      mode: 'status',
      repo: '/r',
      report: true,
    });
    expect(parseArgs([])).toMatchObject({ mode: 'tui', rest: [] });
    expect(parseArgs(['--to=1.2.3', 'bump'])).toMatchObject({ mode: 'bump', to: '1.2.3' });
  });

  it('refuses a flag that belongs to another command, naming its owner', () => {
    expect(refusal(['status', '--yank', 'x'])).toBe(
      '`--yank` is not an option of `status`; it belongs to `rollback`. See `release-cockpit status --help`.',
    );
    expect(refusal(['status', '--level', 'major'])).toContain('it belongs to `bump`');
    expect(refusal(['plan', '--yes'])).toContain('it belongs to `run`, `rollback`, `demo`');
  });

  it('suggests the closest flag of the command for a typo', () => {
    expect(refusal(['plan', '--jsn'])).toBe(
      'unknown option `--jsn` of `plan`; did you mean `--json`? See `release-cockpit plan --help`.',
    );
    expect(refusal(['bump', '--dryrun'])).toContain('did you mean `--dry-run`?');
    expect(refusal(['--frobnicate'])).toBe('unknown option `--frobnicate`. See `release-cockpit --help`.');
  });

  it('refuses missing values, values on switches, bad choices and stray arguments', () => {
    expect(refusal(['bump', '--to'])).toBe('`--to` needs a value (VERSION). See `release-cockpit bump --help`.');
    expect(refusal(['bump', '--to', '--dry-run'])).toContain('Write `--to=--dry-run` if that is the value.');
    expect(refusal(['status', '--json=yes'])).toContain('`--json` takes no value (got `yes`)');
    expect(refusal(['bump', '--level', 'minr'])).toBe(
      '`--level` must be major, minor or patch, not `minr`; did you mean `minor`?',
    );
    expect(refusal(['plan', 'extra'])).toBe('`plan` takes no argument `extra`. See `release-cockpit plan --help`.');
    expect(refusal(['statsu'])).toContain('unknown command `statsu`; did you mean `status`?');
  });

  it('routes help and version', () => {
    expect(parseArgs(['--version'])).toMatchObject({ mode: 'version' });
    expect(parseArgs(['-V'])).toMatchObject({ mode: 'version' });
    expect(parseArgs(['--help'])).toMatchObject({ mode: 'help', helpFor: 'tui' });
    expect(parseArgs(['bump', '--help'])).toMatchObject({ mode: 'help', helpFor: 'bump' });
    expect(parseArgs(['bump', '-h', '--to'])).toMatchObject({ mode: 'help', helpFor: 'bump' });
    expect(parseArgs(['help', 'rollback'])).toMatchObject({ mode: 'help', helpFor: 'rollback' });
    expect(parseArgs(['help'])).toMatchObject({ mode: 'help', helpFor: undefined });
    expect(refusal(['help', 'bmp'])).toContain('did you mean `bump`?');
  });
});

describe('help', () => {
  it('explains every flag a command accepts, and only those', () => {
    for (const c of TYPED_COMMANDS) {
      const text = commandHelp(c);
      for (const flag of Object.keys(flagsOf(c))) expect(text, `${c} --${flag}`).toContain(`--${flag}`);
      for (const flag of Object.keys(FLAGS) as FlagName[])
        if (!(flag in flagsOf(c))) expect(text, `${c} --${flag}`).not.toMatch(new RegExp(`--${flag}\\b(?!-)`));
    }
    expect(commandHelp('bump')).toContain('--level major|minor|patch  compute the new version from the current one');
  });

  it('lists every command with its usage', () => {
    const text = generalHelp();
    for (const c of TYPED_COMMANDS) expect(text).toContain(`release-cockpit ${(COMMANDS[c] as CommandSpec).usage}`);
  });
});
