// A terminal for runTui on fake streams: stdout that records, stdin that is fed keys, and process
// events through an injected emitter instead of the real process.
import { EventEmitter } from 'node:events';
import type { ProcessHooks } from '../../src/cli/tui-mode.js';

export class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = 30;
  written = '';
  write = (s: string): boolean => {
    this.written += s;
    return true;
  };
}

export class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  send(s: string): void {
    this.data = s;
    this.emit('readable');
    this.emit('data', s);
  }
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding(): void {}
  isRaw = false;
  setRawMode(on: boolean): void {
    this.isRaw = on;
  }
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export class Hooks extends EventEmitter implements ProcessHooks {
  exits: number[] = [];
  exit(code: number): void {
    this.exits.push(code);
  }
  override on(event: string, fn: (...a: unknown[]) => void): this {
    return super.on(event, fn);
  }
}

/** The streams, stderr and hooks of one fake session. */
export function fakeTty() {
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const stderr = {
    text: '',
    write(s: string) {
      this.text += s;
    },
  };
  const hooks = new Hooks();
  const options = {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr,
    hooks,
    patchConsole: false,
  };
  return { stdout, stdin, stderr, hooks, options };
}

/**
 * Polls pred with a generous deadline (never a fixed sleep): the first frame of a session may wait
 * for the App's modules to load (tui-open.ts), which a loaded machine makes slow.
 */
export async function until(pred: () => boolean): Promise<void> {
  const end = Date.now() + 20_000;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`condition never met`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
