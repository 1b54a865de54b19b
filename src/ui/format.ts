// Small text formatters shared by the panes and modals (pure).

/** "0:07", "1:05", "12:00", "1:02:03": countdowns, never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "42s", "3m 05s", "1h 02m": elapsed times in the header. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  if (total < 60) return `${total}s`;
  if (total < 3600) return `${Math.floor(total / 60)}m ${String(total % 60).padStart(2, '0')}s`;
  return `${Math.floor(total / 3600)}h ${String(Math.floor((total % 3600) / 60)).padStart(2, '0')}m`;
}

const SAFE_ARG = /^[A-Za-z0-9_@%+=:,./{}-]+$/;

/** An argv as the maintainer would type it: quoting only what a shell would need quoted. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((a) => (a !== '' && SAFE_ARG.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

// CSI/OSC sequences and other C0 controls would move the cursor and break the fixed layout.
// eslint-disable-next-line no-control-regex
const CONTROL = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Output text made safe to draw: escapes removed, tabs expanded, CR progress keeps the last part. */
export function sanitizeLine(text: string): string {
  const cr = text.lastIndexOf('\r');
  const tail = cr >= 0 && cr < text.length - 1 ? text.slice(cr + 1) : text;
  return tail.replace(/\t/g, '    ').replace(CONTROL, '');
}

/** Pluralised count: plural(3, 'crate') -> "3 crates". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
