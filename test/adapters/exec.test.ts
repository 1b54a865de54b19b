// Real processes only: the point of this adapter is how it behaves with real pipes, real
// process groups and real signals.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandExists, exec, killAllProcessGroups, TAIL_LINES } from '../../src/adapters/exec.js';
import type { OutputLine } from '../../src/core/output-line.js';
import { openLogFile } from '../../src/adapters/log-file.js';
import { isGoneWithin } from '../helpers/process.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-exec-');

async function run(argv: string[], opts: Partial<Parameters<typeof exec>[1]> = {}) {
  const lines: OutputLine[] = [];
  const result = await exec(argv, { cwd: tempDir(), onLine: (l) => lines.push(l), ...opts });
  return {
    result,
    lines,
    text: (stream: OutputLine['stream']) => lines.filter((l) => l.stream === stream).map((l) => l.text),
  };
}

describe('exec: output', () => {
  it('delivers 100k stdout lines in order, and tags stderr', async () => {
    const { result, text } = await run(['sh', '-c', 'seq 1 100000; seq 1 3 >&2']);
    expect(result.exitCode).toBe(0);
    expect(result.error).toBeUndefined();
    const out = text('stdout');
    expect(out).toHaveLength(100_000);
    expect(out.every((l, i) => l === String(i + 1))).toBe(true);
    expect(text('stderr')).toEqual(['1', '2', '3']);
  });

  it('splits \\r progress updates into lines without empty ones', async () => {
    const { text } = await run([
      'sh',
      '-c',
      String.raw`printf 'Building 1/3\rBuilding 2/3\rBuilding 3/3\r\n   Finished\n'`,
    ]);
    expect(text('stdout')).toEqual(['Building 1/3', 'Building 2/3', 'Building 3/3', '   Finished']);
  });

  it('emits a partial last line without a newline', async () => {
    const { text, result } = await run(['sh', '-c', "printf 'first\\nno newline at end'"]);
    expect(text('stdout')).toEqual(['first', 'no newline at end']);
    expect(result.tail).toEqual(['first', 'no newline at end']);
  });

  it(`keeps only the last ${TAIL_LINES} lines in tail`, async () => {
    const { result } = await run(['seq', '1', '200']);
    expect(result.tail).toHaveLength(TAIL_LINES);
    expect(result.tail[0]).toBe(String(201 - TAIL_LINES));
    expect(result.tail.at(-1)).toBe('200');
  });

  it('runs in cwd with argv passed verbatim (no shell expansion)', async () => {
    const dir = tempDir();
    const { text } = await run(['sh', '-c', 'pwd; printf "%s\\n" "$1"', 'sh', '$HOME; echo injected'], { cwd: dir });
    expect(text('stdout')).toEqual([dir, '$HOME; echo injected']);
  });

  it('keeps running and reports it when onLine throws', async () => {
    let seen = 0;
    const result = await exec(['seq', '1', '5'], {
      cwd: tempDir(),
      onLine: () => {
        seen += 1;
        if (seen === 2) throw new Error('disk full');
      },
    });
    expect(seen).toBe(5);
    expect(result.exitCode).toBe(0);
    expect(result.onLineError).toBe('disk full');
  });
});

describe('exec: outcomes', () => {
  it('reports a non-zero exit as a normal result', async () => {
    const { result } = await run(['sh', '-c', 'echo "error: could not compile" >&2; exit 101']);
    expect(result).toMatchObject({ exitCode: 101, signal: null, timedOut: false, cancelled: false, notFound: false });
    expect(result.error).toBe('sh exited with code 101');
    expect(result.tail).toEqual(['error: could not compile']);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a program killed by a signal', async () => {
    const { result } = await run(['sh', '-c', 'kill -SEGV $$']);
    expect(result).toMatchObject({ exitCode: null, signal: 'SIGSEGV', error: 'sh was killed by SIGSEGV' });
  });

  it('reports a program missing from PATH without throwing', async () => {
    const { result } = await run(['cargo-does-not-exist-xyz', 'publish']);
    expect(result).toMatchObject({
      notFound: true,
      exitCode: null,
      error: 'cargo-does-not-exist-xyz: command not found on PATH',
    });
    expect(result.hint).toMatch(/PATH/);
    expect(result.argv).toEqual(['cargo-does-not-exist-xyz', 'publish']);
  });

  it('reports a missing working directory without throwing', async () => {
    const { result } = await run(['true'], { cwd: join(tempDir(), 'nope') });
    expect(result.error).toMatch(/^working directory not found: /);
    expect(result.notFound).toBe(false);
  });

  it('times out: kills the group and says so', async () => {
    const { result, text } = await run(['sh', '-c', 'echo started; sleep 30'], { timeoutMs: 200, killGraceMs: 300 });
    expect(result).toMatchObject({ timedOut: true, cancelled: false, exitCode: null });
    expect(result.error).toBe('sh timed out after 0.2 s');
    expect(text('info')[0]).toMatch(/^timed out after 0\.2 s: sending SIGINT/);
  });

  it('returns at once when the signal is already aborted', async () => {
    const { result } = await run(['sleep', '30'], { signal: AbortSignal.abort() });
    expect(result).toMatchObject({ cancelled: true, exitCode: null, error: 'sleep was cancelled' });
  });

  it('cancel with grandchildren holding the pipe finishes in under 2 s and kills them', async () => {
    const controller = new AbortController();
    const pids: number[] = [];
    let abortedAt = 0;
    const script = 'sleep 30 & echo "gc $!"; (sleep 30; echo x) & echo "gc $!"; wait';
    const result = await exec(['sh', '-c', script], {
      cwd: tempDir(),
      signal: controller.signal,
      onLine: ({ text }) => {
        const m = /^gc (\d+)$/.exec(text);
        if (m) pids.push(Number(m[1]));
        if (pids.length === 2 && abortedAt === 0) {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    });
    const elapsed = performance.now() - abortedAt;
    expect(pids).toHaveLength(2);
    expect(result).toMatchObject({ cancelled: true, timedOut: false, error: 'sh was cancelled' });
    expect(elapsed).toBeLessThan(2000);
    for (const pid of pids) expect(await isGoneWithin(pid)).toBe(true);
  });

  it('a child ignoring SIGINT and SIGTERM still ends, by SIGKILL', async () => {
    const controller = new AbortController();
    const pids: number[] = [];
    const info: string[] = [];
    const result = await exec(['sh', '-c', 'trap "" INT TERM; sleep 30 & echo "gc $!"; wait'], {
      cwd: tempDir(),
      signal: controller.signal,
      killGraceMs: 200,
      onLine: ({ text, stream }) => {
        const m = /^gc (\d+)$/.exec(text);
        if (m) {
          pids.push(Number(m[1]));
          controller.abort();
        }
        if (stream === 'info') info.push(text);
      },
    });
    expect(result).toMatchObject({ cancelled: true, signal: 'SIGKILL' });
    expect(info.map((t) => /sending (SIG\w+)/.exec(t)?.[1])).toEqual(['SIGINT', 'SIGTERM', 'SIGKILL']);
    expect(await isGoneWithin(pids[0]!)).toBe(true);
  });

  it('finishes when the program exits but a background grandchild keeps the pipe open', async () => {
    const pids: number[] = [];
    const { result } = await run(['sh', '-c', 'sleep 30 & echo "gc $!"; exit 0'], {
      onLine: ({ text }) => {
        const m = /^gc (\d+)$/.exec(text);
        if (m) pids.push(Number(m[1]));
      },
    });
    expect(result.exitCode).toBe(0);
    expect(result.error).toBeUndefined();
    // Not ours to kill after a normal exit: stopped reading instead. Clean up.
    for (const pid of pids) process.kill(pid, 'SIGKILL');
  });

  it('killAllProcessGroups signals every running group', async () => {
    let ready!: () => void;
    const started = new Promise<void>((r) => (ready = r));
    const pending = exec(['sh', '-c', 'echo ready; exec sleep 30'], { cwd: tempDir(), onLine: () => ready() });
    await started;
    expect(killAllProcessGroups('SIGKILL')).toBeGreaterThanOrEqual(1);
    expect(await pending).toMatchObject({ signal: 'SIGKILL', error: 'sh was killed by SIGKILL' });
  });
});

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

describe('commandExists', () => {
  it('finds programs on PATH and paths to executables', () => {
    expect(commandExists('sh')).toBe(true);
    expect(commandExists('cargo-does-not-exist-xyz')).toBe(false);
    expect(commandExists('sh', { PATH: '' })).toBe(false);
    expect(commandExists('/bin/sh')).toBe(true);
  });
});
