// The platform key of a `[target.<platform>.dependencies]` table as cargo sends it to the
// registry: a target triple as written, or a `cfg(...)` expression parsed and printed back the way
// cargo-platform prints one (`all(a, b)`, `not(x)`, `key = "value"`). Anything else is refused
// (undefined): the caller then lets cargo do the upload rather than guess.

type Token = { kind: 'ident' | 'string'; text: string } | { kind: '(' | ')' | ',' | '=' };

const IDENT = /^(r#)?[A-Za-z_][A-Za-z0-9_]*/;

function tokenize(text: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t') i += 1;
    else if (ch === '(' || ch === ')' || ch === ',' || ch === '=') {
      out.push({ kind: ch });
      i += 1;
    } else if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      const s = end === -1 ? '' : text.slice(i + 1, end);
      if (end === -1 || s.includes('\\')) return undefined;
      out.push({ kind: 'string', text: s });
      i = end + 1;
    } else {
      const m = IDENT.exec(text.slice(i));
      if (!m) return undefined;
      out.push({ kind: 'ident', text: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private take(kind: Token['kind']): Token | undefined {
    const t = this.tokens[this.at];
    if (t?.kind !== kind) return undefined;
    this.at += 1;
    return t;
  }

  done(): boolean {
    return this.at === this.tokens.length;
  }

  /** One expression printed cargo's way, or undefined. */
  expr(): string | undefined {
    const id = this.take('ident');
    if (!id || id.kind !== 'ident') return undefined;
    if (this.peek()?.kind === '(') {
      if (id.text !== 'all' && id.text !== 'any' && id.text !== 'not') return undefined;
      this.at += 1;
      const list = this.list();
      if (list === undefined || (id.text === 'not' && list.length !== 1)) return undefined;
      return `${id.text}(${list.join(', ')})`;
    }
    if (this.take('=')) {
      const value = this.take('string');
      return value?.kind === 'string' ? `${id.text} = "${value.text}"` : undefined;
    }
    return id.text;
  }

  // Expressions up to the closing parenthesis (a trailing comma allowed), which it consumes.
  private list(): string[] | undefined {
    const out: string[] = [];
    while (!this.take(')')) {
      const e = this.expr();
      if (e === undefined) return undefined;
      out.push(e);
      if (!this.take(',') && this.peek()?.kind !== ')') return undefined;
    }
    return out;
  }
}

/** cargo's printing of a dependency platform, or undefined when it is not one this reads. */
export function normalizePlatform(key: string): string | undefined {
  const t = key.trim();
  if (!t.startsWith('cfg(')) return /^[A-Za-z0-9_.-]+$/.test(t) ? t : undefined;
  if (!t.endsWith(')')) return undefined;
  const tokens = tokenize(t.slice(4, -1));
  if (!tokens) return undefined;
  const p = new Parser(tokens);
  const e = p.expr();
  return e !== undefined && p.done() ? `cfg(${e})` : undefined;
}
