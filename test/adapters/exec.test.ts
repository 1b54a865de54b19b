// Real processes only: the point of this adapter is how it behaves with real pipes, real
// process groups and real signals. Its environment and the masking of secrets: exec-env.test.ts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandExists, exec, killAllProcessGroups, TAIL_LINES } from '../../src/adapters/exec.js';
import { useExecRun } from '../helpers/exec-run.js';
import { isGoneWithin } from '../helpers/process.js';

const { tempDir, run } = useExecRun('rc-exec-');

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

  it('cancel with grandchildren holding the pipe finishes without waiting for them and kills them', async () => {
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
    // The grandchildren sleep 30 s: ending well before says exec did not wait for them.
    expect(elapsed).toBeLessThan(10_000);
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

describe('commandExists', () => {
  it('finds programs on PATH and paths to executables', () => {
    expect(commandExists('sh')).toBe(true);
    expect(commandExists('cargo-does-not-exist-xyz')).toBe(false);
    expect(commandExists('sh', { PATH: '' })).toBe(false);
    expect(commandExists('/bin/sh')).toBe(true);
  });
});
