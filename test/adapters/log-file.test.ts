import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { OutputLine } from '../../src/core/output-line.js';
import { openLogFile } from '../../src/adapters/log-file.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-log-');
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;
const LINE = /^(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z )?\[(out|err|info)\] /;

describe('openLogFile', () => {
  it('creates the parent directories and writes timestamped, tagged lines', async () => {
    const path = join(tempDir(), 'logs', 'deep', 'cargo-test.log');
    const log = openLogFile(path);
    log.write({ stream: 'stdout', text: '   Compiling foo v1.0.0' });
    log.write({ stream: 'stderr', text: 'warning: unused variable' });
    log.write({ stream: 'info', text: 'cancelled' });
    await log.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    lines.pop();
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(LINE);
    // Written in one synchronous batch: only the first line carries the time.
    expect(lines.map((l) => STAMP.test(l))).toEqual([true, false, false]);
    expect(lines.map((l) => l.replace(LINE, ''))).toEqual([
      '   Compiling foo v1.0.0',
      'warning: unused variable',
      'cancelled',
    ]);
    expect(lines.map((l) => /\[(\w+)\]/.exec(l)?.[1])).toEqual(['out', 'err', 'info']);
  });

  it('stamps the first line of every batch (each chunk of output)', async () => {
    const path = join(tempDir(), 'stamps.log');
    const log = openLogFile(path);
    log.write({ stream: 'stdout', text: 'chunk 1 line 1' });
    log.write({ stream: 'stdout', text: 'chunk 1 line 2' });
    await Promise.resolve(); // the next chunk arrives in a later task
    log.write({ stream: 'stderr', text: 'chunk 2 line 1' });
    await log.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => STAMP.test(l))).toEqual([true, false, true]);
    expect(lines[2]).toMatch(/Z \[err\] chunk 2 line 1$/);
  });

  it('creates the file with mode 0600', async () => {
    const path = join(tempDir(), 'a.log');
    const log = openLogFile(path);
    await log.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('tightens an existing file to 0600 and appends to it', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'logs'));
    const path = join(dir, 'logs', 'b.log');
    writeFileSync(path, 'first run\n');
    chmodSync(path, 0o644);
    const log = openLogFile(path);
    log.write({ stream: 'stdout', text: 'second run' });
    await log.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const content = readFileSync(path, 'utf8');
    expect(content.startsWith('first run\n')).toBe(true);
    expect(content).toMatch(/\[out\] second run\n$/);
  });

  it('batches writes: nothing on disk until the threshold, everything after close', async () => {
    const path = join(tempDir(), 'c.log');
    const log = openLogFile(path, { flushChars: 1000, flushDelayMs: 60_000 });
    log.write({ stream: 'stdout', text: 'small' });
    expect(readFileSync(path, 'utf8')).toBe('');
    for (let i = 0; i < 50; i += 1) log.write({ stream: 'stdout', text: `line ${i} ${'x'.repeat(30)}` });
    // Past the threshold the batch is written at once, without waiting for the timer.
    expect(readFileSync(path, 'utf8').length).toBeGreaterThanOrEqual(1000);
    await log.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[50]).toMatch(/\[out\] line 49 x+$/);
  });

  it('flushes slow output on a short timer so the log can be followed live', async () => {
    const path = join(tempDir(), 'slow.log');
    const log = openLogFile(path, { flushDelayMs: 10 });
    log.write({ stream: 'stderr', text: 'one slow line' });
    await vi.waitFor(() => expect(readFileSync(path, 'utf8')).toMatch(/\[err\] one slow line\n$/));
    await log.close();
  });

  it('writes non-ASCII text as UTF-8, also across batch boundaries', async () => {
    const path = join(tempDir(), 'utf8.log');
    const log = openLogFile(path, { flushChars: 40 });
    const texts = ['héllo wörld', '→ 😀 ✓', 'naïve café', 'x'.repeat(100) + 'é'];
    for (const text of texts) log.write({ stream: 'stdout', text });
    await log.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => l.replace(LINE, ''))).toEqual(texts);
  });

  it('keeps 100k lines in order', async () => {
    const path = join(tempDir(), 'd.log');
    const log = openLogFile(path);
    for (let i = 0; i < 100_000; i += 1) log.write({ stream: 'stdout', text: String(i) });
    await log.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(100_000);
    expect(lines.every((l, i) => l.endsWith(`[out] ${i}`))).toBe(true);
  });

  it('keeps every byte across many batches of varied sizes', async () => {
    const path = join(tempDir(), 'reuse.log');
    // Small batches of varied sizes through the one reused encode buffer: a longer earlier batch
    // must never leak into a shorter later one.
    const log = openLogFile(path, { flushChars: 3000 });
    const expected: string[] = [];
    for (let batch = 0; batch < 400; batch += 1) {
      for (let i = 0; i < 50; i += 1) {
        const text = `${batch}:${i} ${'é→😀'.repeat(i % 7)}${'x'.repeat((batch * 7 + i) % 90)}`;
        log.write({ stream: i % 3 === 0 ? 'stderr' : 'stdout', text });
        expected.push(text);
      }
      await new Promise((r) => setImmediate(r));
    }
    await log.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => l.replace(LINE, ''))).toEqual(expected);
  });

  it('holds at most one batch in memory, whatever the output size: the rest is on disk', async () => {
    const path = join(tempDir(), 'bounded.log');
    const log = openLogFile(path, { flushChars: 4096, flushDelayMs: 60_000 });
    let formatted = 0; // bytes of the tagged lines, stamps left out (they only add to the file)
    for (let i = 0; i < 3000; i += 1) {
      const text = `line ${i} ${'y'.repeat(i % 300)}\n`.repeat(1 + (i % 4));
      log.writeLines('stdout', text);
      formatted += text.length + (1 + (i % 4)) * '[out] '.length;
      expect(formatted - statSync(path).size).toBeLessThan(4096 + text.length * 2);
    }
    await log.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/\[out\] line 2999 y+$/);
  });

  it('ignores writes after close and tolerates a second close', async () => {
    const path = join(tempDir(), 'e.log');
    const log = openLogFile(path);
    log.write({ stream: 'stdout', text: 'kept' });
    await log.close();
    log.write({ stream: 'stdout', text: 'dropped' });
    await log.close();
    expect(readFileSync(path, 'utf8')).toMatch(/\[out\] kept\n$/);
  });

  describe('a log that cannot be written', () => {
    it.skipIf(!existsSync('/dev/full'))(
      'a full disk (/dev/full): the first error is one sentence, said once; flush throws it; close resolves',
      async () => {
        const path = join(tempDir(), 'full.log');
        symlinkSync('/dev/full', path);
        const said: string[] = [];
        const log = openLogFile(path, { flushChars: 100, onFailure: (e) => said.push(e.message) });
        expect(log.failure()).toBeUndefined();
        for (let i = 0; i < 50; i += 1) log.write({ stream: 'stdout', text: `line ${i} ${'x'.repeat(40)}` });
        const sentence = `could not write the step log ${path} (ENOSPC); nothing irreversible runs after a failed write. The disk is full: free some space, then run again to resume.`;
        expect(said).toEqual([sentence]);
        expect(log.failure()?.message).toBe(sentence);
        expect(() => log.flush()).toThrow(sentence);
        await expect(log.close()).resolves.toBeUndefined();
      },
    );

    it('a directory in its place: failure() says EISDIR at once, writes are dropped, close resolves', async () => {
      const path = join(tempDir(), 'logs', 'dir.log');
      mkdirSync(path, { recursive: true });
      const said: string[] = [];
      const log = openLogFile(path, { onFailure: (e) => said.push(e.code) });
      expect(said).toEqual(['EISDIR']);
      expect(log.failure()?.file).toBe(path);
      log.write({ stream: 'stdout', text: 'dropped' });
      log.writeLines('stdout', 'dropped too\n');
      expect(() => log.flush()).toThrow(/could not write the step log .* \(EISDIR\)/);
      await expect(log.close()).resolves.toBeUndefined();
    });

    it('a healthy log flushes without throwing and has no failure', async () => {
      const path = join(tempDir(), 'ok.log');
      const log = openLogFile(path, { flushDelayMs: 60_000 });
      log.write({ stream: 'info', text: '-- attempt 1' });
      log.flush();
      expect(readFileSync(path, 'utf8')).toMatch(/\[info\] -- attempt 1\n$/);
      expect(log.failure()).toBeUndefined();
      await log.close();
    });
  });

  describe('writeLines (a chunk of lines in one call)', () => {
    const unstamped = (content: string): string => content.replace(new RegExp(STAMP.source, 'gm'), 'T ');

    it('writes the same bytes as one write() per line, stamp included', async () => {
      const dir = tempDir();
      const chunks: Array<[OutputLine['stream'], string[]]> = [
        ['stdout', ['   Compiling foo v1.0.0', '', 'héllo → 😀']],
        ['stderr', ['warning: unused', '  --> src/lib.rs:1:2']],
        ['stdout', ['']],
        ['stdout', ['x'.repeat(70_000)]],
      ];
      const perLine = openLogFile(join(dir, 'lines.log'));
      const perChunk = openLogFile(join(dir, 'chunks.log'));
      for (const [stream, lines] of chunks) {
        for (const text of lines) perLine.write({ stream, text });
        perChunk.writeLines(stream, lines.map((l) => `${l}\n`).join(''));
        await Promise.resolve(); // each chunk in its own task, as exec delivers them
      }
      await Promise.all([perLine.close(), perChunk.close()]);
      const expected = readFileSync(join(dir, 'lines.log'), 'utf8');
      const got = readFileSync(join(dir, 'chunks.log'), 'utf8');
      expect(got.split('\n').map((l) => STAMP.test(l))).toEqual(expected.split('\n').map((l) => STAMP.test(l)));
      expect(unstamped(got)).toBe(unstamped(expected));
      expect(got.split('\n').filter((l) => STAMP.test(l))).toHaveLength(4);
    });

    it('keeps the order of lines written one by one before and after a chunk', async () => {
      const path = join(tempDir(), 'mixed.log');
      const log = openLogFile(path, { flushChars: 50 });
      log.write({ stream: 'info', text: '-- attempt 1' });
      log.writeLines('stdout', 'a\nb\n');
      log.write({ stream: 'info', text: 'timed out' });
      log.writeLines('stderr', 'c\n');
      await log.close();
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
      expect(lines.map((l) => l.replace(STAMP, ''))).toEqual([
        '[info] -- attempt 1',
        '[out] a',
        '[out] b',
        '[info] timed out',
        '[err] c',
      ]);
    });

    it('keeps every byte of many chunks of varied sizes', async () => {
      const path = join(tempDir(), 'chunks-reuse.log');
      const log = openLogFile(path, { flushChars: 3000 });
      const expected: string[] = [];
      for (let chunk = 0; chunk < 300; chunk += 1) {
        const lines = Array.from(
          { length: 40 },
          (_, i) => `${chunk}:${i} ${'é→😀'.repeat(i % 5)}${'x'.repeat((chunk * 7 + i) % 90)}`,
        );
        log.writeLines(chunk % 3 === 0 ? 'stderr' : 'stdout', lines.map((l) => `${l}\n`).join(''));
        expected.push(...lines);
        if (chunk % 2 === 0) await new Promise((r) => setImmediate(r));
      }
      await log.close();
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
      expect(lines.map((l) => l.replace(LINE, ''))).toEqual(expected);
    });

    it('batches small chunks and flushes them on the timer', async () => {
      const path = join(tempDir(), 'slow-chunks.log');
      const log = openLogFile(path, { flushDelayMs: 10 });
      log.writeLines('stdout', 'one slow chunk\n');
      expect(readFileSync(path, 'utf8')).toBe('');
      await vi.waitFor(() => expect(readFileSync(path, 'utf8')).toMatch(/\[out\] one slow chunk\n$/));
      await log.close();
    });

    it('sets one timer for a flood, not one per batch, and still writes a small rest within the delay', async () => {
      vi.useFakeTimers();
      try {
        const path = join(tempDir(), 'timers.log');
        const log = openLogFile(path, { flushChars: 100, flushDelayMs: 50 });
        const timers = vi.spyOn(globalThis, 'setTimeout');
        // As a flood comes: a short piece (the end of a held line), then a full batch.
        for (let i = 0; i < 10; i += 1) {
          log.writeLines('stdout', 'small\n');
          log.writeLines('stdout', `${'x'.repeat(120)}\n`);
        }
        log.writeLines('stdout', 'rest\n');
        expect(timers).toHaveBeenCalledTimes(1);
        expect(vi.getTimerCount()).toBe(1);
        expect(readFileSync(path, 'utf8')).not.toMatch(/rest\n$/);
        vi.advanceTimersByTime(50);
        expect(readFileSync(path, 'utf8')).toMatch(/\[out\] rest\n$/);
        expect(vi.getTimerCount()).toBe(0);
        await log.close();
        expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(21);
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
