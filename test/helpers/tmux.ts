// Drives a real terminal (tmux) for the full-screen tests: a private server socket per session,
// send-keys to type, capture-pane to read the screen, #{alternate_on} to see the screen mode.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export const BEFORE_MARKER = 'BEFORE-THE-PROGRAM';
const EXIT_MARKER = 'PROGRAM-EXITED=';

export class TmuxSession {
  private readonly socket = `rc-test-${process.pid}-${randomBytes(3).toString('hex')}`;

  constructor(
    readonly cols = 120,
    readonly rows = 40,
  ) {}

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /**
   * Starts argv in a fresh session, wrapped by a shell that prints a marker before it and its exit
   * status after it, then stays alive: a dead pane does not keep the restored primary screen.
   * CI is removed from its environment (Ink draws only the last frame under CI=true).
   */
  start(argv: string[], cwd: string, env: Record<string, string> = {}): void {
    const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const script = `echo ${BEFORE_MARKER}; ${quoted}; echo "${EXIT_MARKER}$?"; exec sleep 600`;
    const exports = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    this.tmux(
      'new-session',
      '-d',
      '-s',
      'main',
      '-x',
      String(this.cols),
      '-y',
      String(this.rows),
      '-c',
      cwd,
      'env',
      '-u',
      'CI',
      'TERM=xterm-256color',
      ...exports,
      'sh',
      '-c',
      script,
    );
  }

  /** The pid of the program started (the shell's child). */
  programPid(): number {
    const shell = this.tmux('display-message', '-p', '-t', 'main', '#{pane_pid}').trim();
    const children = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n');
    return Number(children[0]);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'main');
  }

  /** The visible screen with its colours and attributes, as tmux writes them (capture-pane -e). */
  styledScreen(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', 'main');
  }

  /** The pane's title (a program sets it with OSC 2: a marker that its output so far was read). */
  title(): string {
    return this.tmux('display-message', '-p', '-t', 'main', '#{pane_title}').trim();
  }

  alternateScreen(): boolean {
    return this.tmux('display-message', '-p', '-t', 'main', '#{alternate_on}').trim() === '1';
  }

  /** Exit status of the program once it has ended, else undefined. */
  exitStatus(): number | undefined {
    const m = new RegExp(`${EXIT_MARKER}(\\d+)`).exec(this.screen());
    return m ? Number(m[1]) : undefined;
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-t', 'main', '-x', String(cols), '-y', String(rows));
  }

  async waitFor(what: string | RegExp | (() => boolean), timeoutMs = 20_000): Promise<string> {
    const test =
      typeof what === 'function' ? what : (s: string) => (typeof what === 'string' ? s.includes(what) : what.test(s));
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        last = this.screen();
      } catch {
        last = '';
      }
      if (typeof what === 'function' ? (what as () => boolean)() : (test as (s: string) => boolean)(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${String(what)}; the screen was:\n${last}`);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}
