// exec's environment and the masking of secrets, with real processes: what the child sees, and
// that a token never reaches a line, the tail, an error or the log file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exec } from '../../src/adapters/exec.js';
import { openLogFile } from '../../src/adapters/log-file.js';
import type { OutputLine } from '../../src/core/output-line.js';
import { useExecRun } from '../helpers/exec-run.js';

const { tempDir, run } = useExecRun('rc-exec-env-');

describe('exec: environment and secrets', () => {
  const TOKEN = 'cio-s3cr3t-t0ken-value';

  it('passes env to the child (tokens via env, never argv) and inherits process.env', async () => {
    const { text, result } = await run(
      ['sh', '-c', 'test "$CARGO_REGISTRY_TOKEN" = "$EXPECTED" && echo match; echo "path:${PATH:+set}"'],
      { env: { CARGO_REGISTRY_TOKEN: TOKEN, EXPECTED: TOKEN } },
    );
    expect(text('stdout')).toEqual(['match', 'path:set']);
    expect(result.argv.join(' ')).not.toContain(TOKEN);
  });

  it('removes an inherited variable set to undefined', async () => {
    const { text } = await run(['sh', '-c', 'echo "home:${HOME:-unset}"'], { env: { HOME: undefined } });
    expect(text('stdout')).toEqual(['home:unset']);
  });

  it('masks secrets in lines, tail, error text and the log file', async () => {
    const dir = tempDir();
    const logPath = join(dir, 'logs', 'publish.log');
    const log = openLogFile(logPath);
    const lines: OutputLine[] = [];
    const result = await exec(
      ['sh', '-c', 'echo "token=$CARGO_REGISTRY_TOKEN"; echo "custom $DEPLOY_KEY" >&2; exit 1'],
      {
        cwd: dir,
        env: { CARGO_REGISTRY_TOKEN: TOKEN, DEPLOY_KEY: 'deploy-key-1234' },
        secretNames: ['DEPLOY_KEY'],
        onLine: (l) => {
          lines.push(l);
          log.write(l);
        },
      },
    );
    await log.close();
    expect(lines).toEqual([
      { stream: 'stdout', text: 'token=***' },
      { stream: 'stderr', text: 'custom ***' },
    ]);
    expect(result.tail).toEqual(['token=***', 'custom ***']);
    const content = readFileSync(logPath, 'utf8');
    expect(content).toContain('[out] token=***');
    expect(content).toContain('[err] custom ***');
    expect(content).not.toContain(TOKEN);
    expect(content).not.toContain('deploy-key-1234');

    const missing = await exec(['true'], { cwd: join(dir, TOKEN), env: { CARGO_REGISTRY_TOKEN: TOKEN } });
    expect(missing.error).toBe(`working directory not found: ${join(dir, '***')}`);
  });

  it('masks a secret that straddles chunk boundaries, on every line of a long output', async () => {
    // Writes of 997 bytes: line ends and secrets land anywhere relative to the chunks read.
    const script = `const { writeSync } = require('node:fs');
      let s = '';
      for (let i = 0; i < 50000; i += 1) s += 'line ' + i + ' token=' + process.env.PYPI_TOKEN + ' end\\n';
      for (let i = 0; i < s.length; i += 997) writeSync(1, s.slice(i, i + 997));`;
    const { text } = await run([process.execPath, '-e', script], { env: { PYPI_TOKEN: TOKEN } });
    const out = text('stdout');
    expect(out).toHaveLength(50_000);
    expect(out.every((l, i) => l === `line ${i} token=*** end`)).toBe(true);
  });

  it('onChunk gives the log the same bytes as one write per line: \\r, CRLF, split secret, long line, both streams', async () => {
    // Pauses between writes so the pieces arrive as separate chunks (the comparison holds
    // whatever the chunking; the pauses only make the tricky boundaries likely).
    const script = `const { writeSync } = require('node:fs');
      const parts = [
        [1, 'Building 1/3\\rBuilding 2/3\\r'], [2, 'warning: first\\nwarning: second\\n'], [1, '\\rBuilding 3/3\\r'], [1, '\\n   Finished\\r'],
        [1, '\\nlogin token=' + process.env.CARGO_REGISTRY_TOKEN.slice(0, 7)], [2, 'err: partial'],
        [1, process.env.CARGO_REGISTRY_TOKEN.slice(7) + ' ok\\r\\n\\n'], [2, ' line\\r\\n'],
        [1, 'y'.repeat(150000) + '\\nafter long\\n'], [2, 'Authorization: Bearer abc\\n'], [1, 'no newline at end'],
      ];
      let i = 0;
      const next = () => { if (i < parts.length) { writeSync(parts[i][0], parts[i][1]); i += 1; setTimeout(next, 20); } };
      next();`;
    const dir = tempDir();
    const perLine = openLogFile(join(dir, 'lines.log'));
    const perChunk = openLogFile(join(dir, 'chunks.log'));
    const lines: OutputLine[] = [];
    const chunks: Array<[string, string]> = [];
    const result = await exec([process.execPath, '-e', script], {
      cwd: dir,
      env: { CARGO_REGISTRY_TOKEN: TOKEN },
      onLine: (l) => {
        lines.push(l);
        perLine.write(l);
      },
      onChunk: (stream, text) => {
        chunks.push([stream, text]);
        perChunk.writeLines(stream, text);
      },
    });
    await Promise.all([perLine.close(), perChunk.close()]);
    expect(result.exitCode).toBe(0);
    const stamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /gm;
    const byLine = readFileSync(join(dir, 'lines.log'), 'utf8');
    const byChunk = readFileSync(join(dir, 'chunks.log'), 'utf8');
    expect(byChunk.replace(stamp, 'T ')).toBe(byLine.replace(stamp, 'T '));
    expect(byChunk).not.toContain(TOKEN);
    // Per stream, the chunks hold exactly the lines, in order.
    for (const stream of ['stdout', 'stderr'] as const) {
      const fromChunks = chunks
        .filter(([s]) => s === stream)
        .map(([, t]) => t)
        .join('');
      expect(fromChunks).toBe(
        lines
          .filter((l) => l.stream === stream)
          .map((l) => `${l.text}\n`)
          .join(''),
      );
    }
    expect(
      lines.filter((l) => l.stream === 'stdout').map((l) => (l.text.startsWith('yyy') ? `y*${l.text.length}` : l.text)),
    ).toEqual([
      'Building 1/3',
      'Building 2/3',
      'Building 3/3',
      '   Finished',
      'login token=*** ok',
      '',
      'y*65536',
      'y*65536',
      'y*18928',
      'after long',
      'no newline at end',
    ]);
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual([
      'warning: first',
      'warning: second',
      'err: partial line',
      'Authorization: Bearer ***',
    ]);
  });

  it('keeps running and reports it when onChunk throws', async () => {
    let calls = 0;
    const lines: string[] = [];
    const result = await exec(['seq', '1', '5'], {
      cwd: tempDir(),
      onLine: (l) => lines.push(l.text),
      onChunk: () => {
        calls += 1;
        throw new Error('disk full');
      },
    });
    expect(calls).toBeGreaterThan(0);
    expect(lines).toEqual(['1', '2', '3', '4', '5']);
    expect(result.exitCode).toBe(0);
    expect(result.onLineError).toBe('disk full');
  });

  it('masks secrets inherited from process.env', async () => {
    process.env.RC_EXEC_TEST_TOKEN = 'inherited-secret-99';
    try {
      const { text } = await run(['sh', '-c', 'echo "$RC_EXEC_TEST_TOKEN"']);
      expect(text('stdout')).toEqual(['***']);
    } finally {
      delete process.env.RC_EXEC_TEST_TOKEN;
    }
  });

  it('uses a caller-provided mask instead of the default one', async () => {
    const { text } = await run(['echo', 'hello world'], { mask: (s) => s.replace('world', '[hidden]') });
    expect(text('stdout')).toEqual(['hello [hidden]']);
  });
});
