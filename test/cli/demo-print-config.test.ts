// `release-cockpit demo --print-config`: the complete example the "no config" message points at.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfigText } from '../../src/config/load.js';
import { CLI, ROOT } from '../helpers/cli.js';

describe('demo --print-config', () => {
  it("prints the project's own release plan, valid, without touching the sandbox", () => {
    const r = spawnSync(process.execPath, [CLI, 'demo', '--print-config'], {
      encoding: 'utf8',
      env: { ...process.env, XDG_STATE_HOME: '/nonexistent-state-dir' },
    });
    expect(r.status).toBe(0);
    const { $schema: _schema, ...own } = JSON.parse(readFileSync(join(ROOT, '.releaserc.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(JSON.parse(r.stdout)).toEqual(own);
    expect(() => parseConfigText(r.stdout, 'stdout')).not.toThrow();
    expect(r.stderr).toContain('is what the demo runs');
  });

  it('a repository without a config is pointed at init and at this example', () => {
    const r = spawnSync(process.execPath, [CLI, 'plan', '--repo', join(ROOT, 'test')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('`release-cockpit init` writes one from what the repository holds');
    expect(r.stderr).toContain('`release-cockpit demo --print-config` prints a complete one');
  });
});
