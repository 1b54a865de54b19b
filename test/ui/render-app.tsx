// Renders the cockpit in ink-testing-library with helpers to press keys and wait for frames.
// Its stdout has no `rows` and 100 columns; the app falls back to 24 rows. Ink needs ~10 ms
// after render and after each write; `until` polls instead of guessing longer delays.
import React from 'react';
import { render } from 'ink-testing-library';
import { App } from '../../src/ui/app.js';
import type { AppProps } from '../../src/ui/app.js';
import type { FakeEngine } from '../helpers/fake-engine.js';

const SEQ: Record<string, string> = {
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  'shift-tab': '\u001b[Z',
  up: '\u001b[A',
  down: '\u001b[B',
  pageup: '\u001b[5~',
  pagedown: '\u001b[6~',
  backspace: '\u007f',
  'ctrl-c': '\u0003',
  space: ' ',
  home: '\u001b[H',
  end: '\u001b[F',
};

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const T0 = Date.parse('2025-11-01T10:00:00.000Z');

export async function renderApp(engine: FakeEngine, props: Partial<AppProps> = {}) {
  const exits: { code: number; error?: string }[] = [];
  const r = render(
    <App engine={engine} clock={() => T0} onExit={(code, error) => exits.push({ code, error })} {...props} />,
  );
  await sleep(20);
  const frame = (): string => r.lastFrame() ?? '';
  return {
    ...r,
    exits,
    frame,
    /** Named keys (enter, escape, down...) or literal text, one write each. */
    async press(...keys: string[]): Promise<void> {
      for (const k of keys) {
        r.stdin.write(SEQ[k] ?? k);
        await sleep(15);
      }
    },
    async type(text: string): Promise<void> {
      for (const ch of text) {
        r.stdin.write(ch);
        await sleep(5);
      }
      await sleep(15);
    },
    /** Waits until the frame satisfies `pred` (a string: contains it); fails with the last frame. */
    async until(pred: string | ((f: string) => boolean), timeoutMs = 10_000): Promise<string> {
      const test = typeof pred === 'string' ? (f: string) => f.includes(pred) : pred;
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        if (test(frame())) return frame();
        await sleep(10);
      }
      throw new Error(
        `frame never matched ${typeof pred === 'string' ? JSON.stringify(pred) : 'the predicate'}:\n${frame()}`,
      );
    },
    /** Resizes the terminal and waits (up to 2 s) for the frame drawn at the new size. */
    async resize(columns: number, rows: number): Promise<void> {
      const before = frame();
      Object.defineProperty(r.stdout, 'columns', { value: columns, configurable: true });
      Object.defineProperty(r.stdout, 'rows', { value: rows, configurable: true });
      r.stdout.emit('resize');
      const end = Date.now() + 2000;
      while (frame() === before && Date.now() < end) await sleep(10);
      await sleep(20);
    },
  };
}
