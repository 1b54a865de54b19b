// A frame's lines as the terminal shows them: each character with the SGR styles in force (bold,
// inverse, foreground colour), written as runs `[1;36]text` so two drawings compare cell for cell
// whatever escape codes each chose. Trailing unstyled blanks are dropped, as a terminal shows them.
// Any escape other than SGR fails: the frames compared here must not move the cursor.

interface Style {
  bold: boolean;
  inverse: boolean;
  fg?: number;
}

function apply(style: Style, params: number[]): Style {
  const next = { ...style };
  for (const p of params.length === 0 ? [0] : params) {
    if (p === 0) Object.assign(next, { bold: false, inverse: false, fg: undefined });
    else if (p === 1) next.bold = true;
    else if (p === 22) next.bold = false;
    else if (p === 7) next.inverse = true;
    else if (p === 27) next.inverse = false;
    else if (p === 39) next.fg = undefined;
    else if ((p >= 30 && p <= 37) || (p >= 90 && p <= 97)) next.fg = p;
    else throw new Error(`unexpected SGR parameter ${p}`);
  }
  return next;
}

const key = (s: Style): string =>
  [s.bold ? '1' : '', s.inverse ? '7' : '', s.fg === undefined ? '' : String(s.fg)].filter(Boolean).join(';');

/** One line as style runs. */
export function styledLine(line: string): string {
  let style: Style = { bold: false, inverse: false };
  const cells: { ch: string; k: string }[] = [];
  for (let i = 0; i < line.length;) {
    if (line[i] === '\u001b') {
      const m = /^\u001b\[([\d;]*)m/.exec(line.slice(i));
      if (!m) throw new Error(`unexpected escape in ${JSON.stringify(line.slice(i, i + 10))}`);
      style = apply(style, m[1] === '' ? [] : m[1]!.split(';').map(Number));
      i += m[0].length;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i)!);
    cells.push({ ch, k: key(style) });
    i += ch.length;
  }
  while (cells.length > 0 && cells.at(-1)!.ch === ' ' && cells.at(-1)!.k === '') cells.pop();
  let out = '';
  let current = '';
  for (const c of cells) {
    if (c.k !== current) out += `[${c.k}]`;
    current = c.k;
    out += c.ch;
  }
  return out;
}

/** The frame's lines as style runs, trailing empty lines dropped. */
export function styledLines(frame: string): string[] {
  const lines = frame.split('\n').map(styledLine);
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}
