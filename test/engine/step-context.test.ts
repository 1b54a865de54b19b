import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { exec as realExec } from '../../src/adapters/exec.js';
import type { OutputLine } from '../../src/core/output-line.js';
import { contextFactory } from '../../src/engine/step-context.js';
import { createOutputHub } from '../../src/store/output-buffer.js';
import { createReleaseStore } from '../../src/store/release-store.js';
import { openJournal } from '../../src/engine/journal.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';
import { makePlan } from '../helpers/make-plan.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

describe('contextFactory: exec output wiring', () => {
  /** A context whose exec is a stand-in that replays what the real exec delivers. */
  function context(dryRun: boolean, listen = true) {
    const repo = makeGitRepo();
    repos.push(repo);
    const plan = makePlan({
      repo: repo.dir,
      phases: [{ id: 'p', steps: [{ id: 's', kind: 'run', run: ['x'] } as never] }],
    });
    const stateDir = join(repo.dir, '.state');
    const output = createOutputHub();
    const heard: string[] = [];
    const asked: string[] = [];
    const chunks: string[] = [];
    // What exec does: every line to onLine (when given), then each chunk's lines to onChunk; its own
    // notices to onNotice (else onLine).
    const exec: typeof realExec = async (argv, o) => {
      asked.push(o.onLine === undefined ? 'no lines' : 'lines');
      for (const text of ['a', 'b']) o.onLine?.({ stream: 'stdout', text });
      o.onChunk?.('stdout', 'a\nb\n');
      const notice = 'timed out after 1 s: sending SIGINT to the process group of x';
      if (o.onNotice) o.onNotice(notice);
      else o.onLine?.({ stream: 'info', text: notice });
      o.onLine?.({ stream: 'stderr', text: 'c' });
      o.onChunk?.('stderr', 'c\n');
      return {
        argv,
        exitCode: 0,
        signal: null,
        durationMs: 1,
        timedOut: false,
        cancelled: false,
        notFound: false,
        tail: [],
      };
    };
    const factory = contextFactory({
      plan,
      repo: repo.dir,
      stateDir,
      store: createReleaseStore(null, plan),
      journal: openJournal(null),
      output,
      dryRun,
      yes: false,
      env: {},
      now: () => 0,
      sleep: async () => {},
      confirm: async () => true,
      exec,
      mask: (t) => t,
      interactive: () => false,
      listeners: new Set(listen ? [(_id: string, l: OutputLine) => void heard.push(`${l.stream}:${l.text}`)] : []),
      chunkListeners: new Set([(_id: string, stream: string, text: string) => void chunks.push(`${stream}:${text}`)]),
    });
    const ctx = factory(plan.phases[0]!.steps[0]!, new AbortController().signal, 'attempt');
    return { ctx, output, heard, asked, chunks, logPath: join(stateDir, 'logs', 's.log') };
  }

  it('asks exec for single lines only when a line listener or the step wants them; chunks reach the ring either way', async () => {
    const { ctx, output, asked, chunks } = context(false, false);
    await ctx.exec(['x'], {});
    await ctx.exec(['x'], { onLine: () => undefined });
    await ctx.dispose();
    expect(asked).toEqual(['no lines', 'lines']);
    expect(chunks.slice(0, 3)).toEqual([
      'stdout:a\nb\n',
      'info:timed out after 1 s: sending SIGINT to the process group of x\n',
      'stderr:c\n',
    ]);
    expect(
      output
        .get('s')
        .slice(0, 4)
        .map((l) => `${l.stream}:${l.text}`),
    ).toEqual([
      'stdout:a',
      'stdout:b',
      'info:timed out after 1 s: sending SIGINT to the process group of x',
      'stderr:c',
    ]);
  });

  it('lines go to the ring, the listeners and the caller; chunks and notices to the log, in order', async () => {
    const { ctx, output, heard, logPath } = context(false);
    const own: string[] = [];
    await ctx.exec(['x'], {
      onLine: (l) => own.push(`line ${l.text}`),
      onChunk: (stream, text) => own.push(`chunk ${stream} ${JSON.stringify(text)}`),
    });
    await ctx.dispose();
    const expectedLines = [
      'stdout:a',
      'stdout:b',
      'info:timed out after 1 s: sending SIGINT to the process group of x',
      'stderr:c',
    ];
    expect(heard).toEqual(expectedLines);
    expect(
      output
        .get('s')
        .slice(0, 10)
        .map((l) => `${l.stream}:${l.text}`),
    ).toEqual(expectedLines);
    expect(own).toEqual([
      'line a',
      'line b',
      'chunk stdout "a\\nb\\n"',
      'line timed out after 1 s: sending SIGINT to the process group of x',
      'line c',
      'chunk stderr "c\\n"',
    ]);
    const log = readFileSync(logPath, 'utf8')
      .replace(/^\S+Z /gm, '')
      .trimEnd()
      .split('\n');
    expect(log[0]).toMatch(/^\[info\] -- p\/s: attempt \d+$/);
    expect(log.slice(1)).toEqual([
      '[out] a',
      '[out] b',
      '[info] timed out after 1 s: sending SIGINT to the process group of x',
      '[err] c',
    ]);
  });

  it('a dry run writes no log and still shows every line', async () => {
    const { ctx, heard, logPath } = context(true);
    await ctx.exec(['x']);
    await ctx.dispose();
    expect(heard).toHaveLength(4);
    expect(existsSync(logPath)).toBe(false);
  });
});
