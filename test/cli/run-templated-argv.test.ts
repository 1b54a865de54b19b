// A `run` step's argv is templated like every other config string: `run --headless` in a real git
// repository runs the command with ${version}, ${tag} and ${previousTag} replaced, and a
// placeholder without a value (${previousTag} before the first release tag) is a plan warning at
// its line and a failed step that ran nothing, never a command that receives it as written.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { runHeadless } from '../../src/cli/run-mode.js';
import { useGitRepos, type TempRepo } from '../helpers/git-repo.js';

const gitRepo = useGitRepos();

/** Writes its arguments, one a line, to the file named by the first. */
const WRITE_ARGS = "require('fs').writeFileSync(process.argv[1], process.argv.slice(2).join('\\n'))";

function repo(argv: string[]): TempRepo {
  const config = {
    project: 'Demo',
    versionFiles: ['package.json'],
    phases: [
      {
        id: 'build',
        title: 'Build',
        steps: [{ id: 'stamp', kind: 'run', run: ['node', '-e', WRITE_ARGS, 'out.txt', ...argv] }],
      },
    ],
  };
  const r = gitRepo({
    commit: true,
    files: {
      '.releaserc.json': JSON.stringify(config, null, 2),
      'package.json': '{ "name": "demo", "version": "0.1.0" }\n',
      '.gitignore': 'out.txt\n',
    },
  });
  r.git('tag', 'v0.1.0');
  r.write('package.json', '{ "name": "demo", "version": "0.2.0" }\n');
  r.git('-c', 'commit.gpgsign=false', 'commit', '-qam', '0.2.0');
  return r;
}

async function run(r: TempRepo): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runHeadless(parseArgs(['run', '--headless', '--yes', '--repo', r.dir]), {
    out: { write: (s: string) => (out += s), isTTY: false },
    err: { write: (s: string) => (err += s) },
    env: { PATH: process.env.PATH },
  });
  return { code, out, err };
}

describe('run step argv templating', () => {
  it('runs the command with ${version}, ${tag}, ${next} and ${previousTag} replaced', async () => {
    const r = repo(['${version}', 'release-${tag}', '${next}', '${previousTag}..HEAD']);
    const { code, out } = await run(r);
    expect(code, out).toBe(0);
    expect(readFileSync(join(r.dir, 'out.txt'), 'utf8').split('\n')).toEqual([
      '0.2.0',
      'release-v0.2.0',
      '0.3.0',
      'v0.1.0..HEAD',
    ]);
  });

  it('without a previous release tag, ${previousTag} is a warning at its line and the step runs nothing', async () => {
    const r = repo(['${previousTag}..HEAD']);
    r.git('tag', '-d', 'v0.1.0');
    const { code, out, err } = await run(r);
    const line =
      readFileSync(join(r.dir, '.releaserc.json'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('"${previousTag}..HEAD"')) + 1;
    expect(err).toContain(
      `warning: .releaserc.json:${line}: phases[0].steps[0].run[4]: \`\${previousTag}\` has no value in this release (there is no earlier release tag matching tagFormat; set \`previousTag\` in the config, or leave it out of the command), so the command would receive it as written. [placeholder-without-value]`,
    );
    expect(code).not.toBe(0);
    expect(out).toContain('✗ failed');
    expect(out).toContain('`${previousTag}` has no value in this release');
    expect(out).toContain('nothing was run');
    expect(existsSync(join(r.dir, 'out.txt'))).toBe(false);
  });
});
