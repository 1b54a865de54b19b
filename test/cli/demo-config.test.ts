// `release-cockpit demo --config`: the complete example the "no config" message points at. In the
// demo `--config` is a switch (the demo runs only its own plan), so a file after it is refused.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfigText } from '../../src/config/load.js';
import { parseArgs } from '../../src/cli/args.js';
import { commandHelp } from '../../src/cli/help.js';
import { CLI, ROOT } from '../helpers/cli.js';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_STATE_HOME: '/nonexistent-state-dir' },
  });

describe('demo --config', () => {
  it("prints the project's own release plan, valid, without touching the sandbox", () => {
    const r = cli('demo', '--config');
    expect(r.status).toBe(0);
    const { $schema: _schema, ...own } = JSON.parse(readFileSync(join(ROOT, '.releaserc.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(JSON.parse(r.stdout)).toEqual(own);
    expect(() => parseConfigText(r.stdout, 'stdout')).not.toThrow();
    expect(r.stderr).toContain('is what the demo runs');
    // Its versions are placeholders, never the literal release (0.15.0), next (0.16.0) or previous (v0.14.0).
    expect(r.stdout).not.toMatch(/\b0\.1[4-6](\.\d+)?\b/);
    expect(r.stdout).toContain('"Review the git log since ${previousTag}"');
    expect(r.stdout).toContain('"${previousTag}..HEAD"');
  });

  it('is a switch in the demo: a file after it is refused in one sentence that names the way to use it', () => {
    expect(parseArgs(['demo', '--config'])).toMatchObject({ mode: 'demo', printConfig: true, config: undefined });
    expect(parseArgs(['demo', '--fast'])).toMatchObject({ printConfig: false });
    // Everywhere else --config still takes the file.
    expect(parseArgs(['plan', '--config', 'x.json'])).toMatchObject({ config: 'x.json', printConfig: false });
    for (const argv of [
      ['demo', '--config', 'mine.json'],
      ['demo', '--config=mine.json'],
    ]) {
      const r = cli(...argv);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'release-cockpit: `demo --config` takes no value (got `mine.json`): it prints the release plan the demo runs, its only one. ' +
          'To run the cockpit on your repository with that config: `release-cockpit --config mine.json`. See `release-cockpit demo --help`.\n',
      );
    }
  });

  it('demo --help explains --config as what the demo means by it, once', () => {
    const help = commandHelp('demo');
    expect(help).toContain('Usage: release-cockpit demo [--headless] [--fast] [--yes] [--fresh | --clean | --config]');
    expect(help).toMatch(/\n {2}--config {2,}print the release plan the demo runs/);
    expect(help.match(/--config/g)).toHaveLength(2); // the usage line and its row
    expect(help).not.toContain('--config FILE');
  });

  it('a repository without a config is pointed at init and at this example', () => {
    const r = cli('plan', '--repo', join(ROOT, 'test'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('`release-cockpit init` writes one from what the repository holds');
    expect(r.stderr).toContain('`release-cockpit demo --config` prints a complete one');
  });
});
