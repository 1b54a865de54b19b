// `run --headless` with stdout to a file (a CI log): command output reaches that file and the
// step's log a chunk at a time, every line in both, masked, including a token split across two
// writes of the command.
import { afterEach, describe, expect, it } from 'vitest';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args.js';
import { runHeadless } from '../../src/cli/run-mode.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

const TOKEN = 'tok-5ec7e7-0123456789';
const LINES = 20_000;
// Output in ~60 KB blocking writes on both streams, like cargo, then a token cut in two writes
// 100 ms apart: its halves arrive in separate chunks.
const FLOOD = `const { writeSync } = require('node:fs');
const t = process.env.DEPLOY_TOKEN;
let out = '', err = '';
for (let i = 0; i < ${LINES}; i += 1) {
  if (i % 4 === 3) err += 'warning ' + i + '\\n'; else out += 'line ' + i + ' token=' + t + '\\n';
  if (out.length > 60000) { writeSync(1, out); out = ''; }
  if (err.length > 60000) { writeSync(2, err); err = ''; }
}
writeSync(1, out); writeSync(2, err);
writeSync(1, 'split ' + t.slice(0, 7));
setTimeout(() => writeSync(1, t.slice(7) + ' end\\n'), 100);`;

function floodRepo(): TempRepo {
  const step = { id: 'flood', kind: 'run', run: ['node', 'flood.js'], env: { DEPLOY_TOKEN: TOKEN } };
  const config = { project: 'Flood', version: '1.0.0', phases: [{ id: 'ci', title: 'CI', steps: [step] }] };
  const r = makeGitRepo({
    commit: true,
    files: { '.releaserc.json': JSON.stringify(config, null, 2), 'flood.js': FLOOD },
  });
  repos.push(r);
  return r;
}

/** The command's lines in `text` after `prefix`, stdout's and stderr's apart, in order. */
function commandLines(text: string, prefix: RegExp): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  for (const raw of text.split('\n')) {
    const m = prefix.exec(raw);
    if (!m) continue;
    const line = raw.slice(m[0].length);
    if (line.startsWith('warning ')) err.push(line);
    else if (line.startsWith('line ') || line.startsWith('split ')) out.push(line);
  }
  return { out, err };
}

describe('run --headless to a file', () => {
  it('writes every line of the command to stdout and to the step log, masked, a split token too', async () => {
    const r = floodRepo();
    const outPath = join(r.dir, '.git', 'ci.log');
    const fd = openSync(outPath, 'w');
    let err = '';
    let code: number;
    try {
      code = await runHeadless(parseArgs(['run', '--headless', '--yes', '--repo', r.dir]), {
        out: { fd, isTTY: false, write: () => expect.fail('a file gets direct writes, not the stream') },
        err: { write: (s: string) => (err += s) },
        env: { PATH: process.env.PATH },
      });
    } finally {
      closeSync(fd);
    }
    expect(code, err).toBe(0);
    const expectedOut: string[] = [];
    const expectedErr: string[] = [];
    for (let i = 0; i < LINES; i += 1) {
      if (i % 4 === 3) expectedErr.push(`warning ${i}`);
      else expectedOut.push(`line ${i} token=***`);
    }
    expectedOut.push('split *** end');
    const stdout = readFileSync(outPath, 'utf8');
    const log = readFileSync(join(r.dir, '.git', 'release-cockpit', '1.0.0', 'logs', 'flood.log'), 'utf8');
    for (const text of [stdout, log]) expect(text).not.toContain(TOKEN.slice(7));
    expect(commandLines(stdout, /^\d\d:\d\d:\d\d {5}/)).toEqual({ out: expectedOut, err: expectedErr });
    const logged = commandLines(log, /^(?:\S+Z )?\[(?:out|err)\] /);
    expect(logged).toEqual({ out: expectedOut, err: expectedErr });
    expect(log).toMatch(/^(?:\S+Z )?\[err\] warning 3$/m);
    expect(stdout).toMatch(/Flood 1\.0\.0: done \(1 passed\)/);
  });
});
