// A real terminal for benchmarks: a private tmux server (its own socket), programs started in
// sessions of a fixed size, and one control-mode client per session for keys and screen reads.
// Control mode (`tmux -C`) keeps one client process open: a screen read is a line on its stdin
// and a %begin/%end block on its stdout (~1 ms), where `tmux capture-pane` as a new process
// per read costs a fork and exec, and would compete for the CPU with what is being measured.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';

const quote = (a) => `'${String(a).replace(/'/g, `'\\''`)}'`;

export class TmuxServer {
  constructor({ cols = 120, rows = 40 } = {}) {
    this.cols = cols;
    this.rows = rows;
    this.socket = `rc-bench-${process.pid}-${randomBytes(3).toString('hex')}`;
    // Started now with an idle session, so a later session's start is not the server's start.
    this.tmux('new-session', '-d', '-s', 'idle', '-x', String(cols), '-y', String(rows), 'sleep 3600');
    this.socketPath = this.tmux('display-message', '-p', '#{socket_path}').trim();
  }

  tmux(...args) {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /**
   * Starts argv in a new session, without CI in its environment (under CI=true Ink draws only
   * the last frame) and with TERM set like a real terminal's. The session ends with the program.
   */
  start(name, argv, { cwd = process.cwd(), env = {} } = {}) {
    const vars = Object.entries({ TERM: 'xterm-256color', ...env }).map(([k, v]) => `${k}=${v}`);
    const command = ['exec', 'env', '-u', 'CI', ...vars, ...argv].map(quote).join(' ');
    this.tmux('new-session', '-d', '-s', name, '-x', String(this.cols), '-y', String(this.rows), '-c', cwd, command);
    return new ControlClient(this.socket, name);
  }

  alive(name) {
    try {
      this.tmux('has-session', '-t', name);
      return true;
    } catch {
      return false;
    }
  }

  kill() {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
    // kill-server leaves the socket file behind.
    if (this.socketPath) rmSync(this.socketPath, { force: true });
  }
}

/** A control-mode client of one session: keys in, screen text out, no copy of the pane's output. */
export class ControlClient {
  constructor(socket, session) {
    this.session = session;
    // no-output: the pane's output is not echoed to us (a flood would be copied twice);
    // ignore-size: this client's default size does not resize the session's window.
    this.proc = spawn('tmux', ['-L', socket, '-C', 'attach-session', '-t', session, '-f', 'no-output,ignore-size'], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    this.waiting = [];
    this.block = undefined;
    this.buffered = '';
    this.closed = false;
    // The attach command answers with a block of its own before any of ours.
    this.ready = new Promise((resolve) => this.waiting.push({ resolve, reject: resolve }));
    this.proc.stdout.setEncoding('utf8');
    this.proc.stdout.on('data', (text) => this.onData(text));
    this.proc.once('exit', () => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w.reject(new Error(`tmux session ${session} ended`));
    });
  }

  onData(text) {
    this.buffered += text;
    let nl;
    while ((nl = this.buffered.indexOf('\n')) !== -1) {
      const line = this.buffered.slice(0, nl);
      this.buffered = this.buffered.slice(nl + 1);
      if (this.block === undefined) {
        if (line.startsWith('%begin ')) this.block = [];
        continue; // notifications (%output is off, %exit, %session-changed...) are not ours
      }
      const end = /^%(end|error) \d+ \d+ \d+$/.exec(line);
      if (end === null) {
        this.block.push(line);
        continue;
      }
      const lines = this.block;
      this.block = undefined;
      const w = this.waiting.shift();
      if (w === undefined) continue;
      if (end[1] === 'end') w.resolve(lines.join('\n'));
      else w.reject(new Error(`tmux: ${lines.join(' ')}`));
    }
  }

  /** Runs one tmux command through this client; resolves with its output. */
  command(line) {
    if (this.closed) return Promise.reject(new Error(`tmux session ${this.session} ended`));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.proc.stdin.write(`${line}\n`);
    });
  }

  /** The visible screen as text. */
  screen() {
    return this.command(`capture-pane -p -t ${quote(this.session)}`);
  }

  keys(...keys) {
    return this.command(`send-keys -t ${quote(this.session)} ${keys.map(quote).join(' ')}`);
  }

  /**
   * Polls the screen until `test(screen)` holds; resolves with the ms since `since` (a
   * performance.now() value) at the first read that passed. Every read is a round trip.
   */
  async until(test, { since = performance.now(), timeoutMs = 30_000, pollMs = 2 } = {}) {
    let last = '';
    while (performance.now() - since < timeoutMs) {
      last = await this.screen();
      if (test(last)) return performance.now() - since;
      await new Promise((r) => setTimeout(r, pollMs));
    }
    throw new Error(`timed out after ${timeoutMs} ms; the screen was:\n${last}`);
  }

  close() {
    if (!this.closed) this.proc.stdin.end();
  }
}
