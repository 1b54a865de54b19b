// Generated manifests: whatever surrounds the versions (comments, inline tables, dotted keys,
// target tables, CRLF, odd whitespace, look-alike strings), a bump changes the version strings
// and not one other byte, and bumping back restores the original bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VersionLocation } from '../../src/core/plan-types.js';
import { bumpValue } from '../../src/core/version-bump.js';
import { prepareEdits } from '../../src/core/version-edit.js';

/** A line is made of literal text pieces and version slots (the index of the slot's value). */
type Piece = string | { slot: number; quote: '"' | "'" };
interface Line {
  pieces: Piece[];
  eol: '\n' | '\r\n';
}
interface Doc {
  lines: Line[];
  slots: { value: string; crate?: string }[];
}

const ws = fc.constantFrom('', ' ', '  ', '\t', ' \t ');
const eol = fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n');
const value = fc
  .tuple(fc.constantFrom('', '^', '~', '=', '>=', '>= '), fc.constantFrom('0.15.0', '0.15', '0'))
  .map(([op, v]) => op + v);
const quote = fc.constantFrom<'"' | "'">('"', "'");
const commentText = fc.stringMatching(/^[a-z0-9 ."'=[\]{}^~-]{0,20}$/);

type Item =
  | { t: 'plain'; v: string; q: '"' | "'"; a: string; b: string; c?: string }
  | { t: 'inline'; v: string; q: '"' | "'"; a: string; b: string; first: boolean }
  | { t: 'dotted'; v: string; a: string }
  | { t: 'table'; v: string; target: boolean; a: string }
  | { t: 'comment'; text: string }
  | { t: 'lookalike'; v: string; a: string }
  | { t: 'array'; v: string; a: string }
  | { t: 'blank'; a: string }
  | { t: 'number'; a: string };

const item: fc.Arbitrary<Item> = fc.oneof(
  fc.record({
    t: fc.constant('plain' as const),
    v: value,
    q: quote,
    a: ws,
    b: ws,
    c: fc.option(commentText, { nil: undefined }),
  }),
  fc.record({ t: fc.constant('inline' as const), v: value, q: quote, a: ws, b: ws, first: fc.boolean() }),
  fc.record({ t: fc.constant('dotted' as const), v: value, a: ws }),
  fc.record({ t: fc.constant('table' as const), v: value, target: fc.boolean(), a: ws }),
  fc.record({ t: fc.constant('comment' as const), text: commentText }),
  fc.record({ t: fc.constant('lookalike' as const), v: value, a: ws }),
  fc.record({ t: fc.constant('array' as const), v: value, a: ws }),
  fc.record({ t: fc.constant('blank' as const), a: ws }),
  fc.record({ t: fc.constant('number' as const), a: ws }),
);

/** Unique key names (k0, k1, ...) keep every generated document valid TOML. */
function build(items: Item[], eols: ('\n' | '\r\n')[]): Doc {
  const doc: Doc = { lines: [], slots: [] };
  const slot = (value: string, crate?: string) => doc.slots.push({ value, crate }) - 1;
  items.forEach((it, i) => {
    const e = eols[i % eols.length] ?? '\n';
    const push = (...pieces: Piece[]) => doc.lines.push({ pieces, eol: e });
    const k = `k${i}`;
    switch (it.t) {
      case 'plain':
        push(
          `${k}${it.a}=${it.b}`,
          it.q,
          { slot: slot(it.v, k), quote: it.q },
          it.q,
          it.c === undefined ? '' : `${it.a}# ${it.c}`,
        );
        break;
      case 'inline':
        if (it.first)
          push(
            `${k} = {${it.a}version${it.b}=${it.a}`,
            it.q,
            { slot: slot(it.v), quote: it.q },
            it.q,
            `,${it.b}path = "p${i}"${it.a}}`,
          );
        else
          push(
            `${k} = {${it.a}path${it.b}=${it.a}"p${i}",${it.b}version = `,
            it.q,
            { slot: slot(it.v), quote: it.q },
            it.q,
            `${it.a}}`,
          );
        break;
      case 'dotted':
        push(`${k}.version${it.a}= "`, { slot: slot(it.v), quote: '"' }, `"${it.a}`);
        break;
      case 'table':
        push(it.target ? `[target.'cfg(unix${i})'.dependencies]${it.a}` : `[t${i}]${it.a}# "0.15.0"`);
        push('version = "', { slot: slot(it.v), quote: '"' }, '"');
        break;
      case 'comment':
        push(`# ${it.text}`);
        break;
      case 'lookalike':
        push(`description${i}${it.a}= "${it.v}" # version = "${it.v}"`);
        break;
      case 'array':
        push(`a${i} = [${it.a}"${it.v}",${it.a}`);
        push(`  "${it.v}", # "${it.v}"`);
        push(']');
        break;
      case 'blank':
        push(it.a);
        break;
      case 'number':
        push(`n${i}${it.a}=${it.a}15 # 0.15.0`);
        break;
    }
  });
  return doc;
}

function render(doc: Doc, values: string[]): string {
  return doc.lines
    .map((l) => l.pieces.map((p) => (typeof p === 'string' ? p : values[p.slot])).join('') + l.eol)
    .join('');
}

function locations(path: string, doc: Doc, values: string[]): VersionLocation[] {
  const out: VersionLocation[] = [];
  doc.lines.forEach((l, i) => {
    let col = 0;
    for (const p of l.pieces) {
      if (typeof p === 'string') col += p.length;
      else {
        const value = values[p.slot] ?? '';
        const crate = doc.slots[p.slot]?.crate;
        out.push({ path, line: i + 1, column: col, value, kind: 'cargo-dep-req', key: 'x', crate, requirement: true });
        col += value.length;
      }
    }
  });
  return out;
}

function bumpDoc(path: string, doc: Doc, values: string[], next: string): { text: string; values: string[] } {
  const before = render(doc, values);
  const next_ = values.map((v) => bumpValue({ value: v, path, line: 0 }, next));
  const edits = locations(path, doc, values).map((location) => ({ location, to: bumpValue(location, next) }));
  const [change] = prepareEdits(new Map([[path, before]]), edits);
  return { text: change?.after ?? before, values: next_ };
}

const nextVersion = fc.constantFrom('0.16.0', '1.0.0', '0.15.1', '2.3.4', '0.16.0-dev.1');

describe('version edits on generated TOML manifests', () => {
  it('change the version strings and nothing else, and bump back to the original bytes', () => {
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: 25 }),
        fc.array(eol, { minLength: 1, maxLength: 3 }),
        nextVersion,
        (items, eols, next) => {
          const doc = build(items, eols);
          const original = doc.slots.map((s) => s.value);
          const path = 'rust/gen/Cargo.toml';
          const up = bumpDoc(path, doc, original, next);
          // Byte-identical outside the version strings: the expectation is the same skeleton
          // rendered with the new values.
          expect(up.text).toBe(render(doc, up.values));
          const back = bumpDoc(path, doc, up.values, '0.15.0');
          expect(back.text).toBe(render(doc, original));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('version edits on generated package.json files', () => {
  it('change "version" only, whatever the whitespace and line endings', () => {
    const jsonDoc = fc.record({
      a: ws,
      b: ws,
      e: eol,
      before: fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 4 }),
      after: fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 4 }),
      v: fc.constantFrom('0.15.0', '0.15.0-rc.1'),
    });
    fc.assert(
      fc.property(jsonDoc, nextVersion, ({ a, b, e, before, after, v }, next) => {
        const lines: Line[] = [{ pieces: ['{'], eol: e }];
        const field = (k: string, i: number, side: string) => ({
          pieces: [`${a}"${side}${i}${k}"${b}:${a}"0.15.0",`],
          eol: e,
        });
        before.forEach((k, i) => lines.push(field(k, i, 'b')));
        lines.push({ pieces: [`${a}"version"${b}:${a}"`, { slot: 0, quote: '"' }, '",'], eol: e });
        after.forEach((k, i) => lines.push(field(k, i, 'a')));
        lines.push({ pieces: [`${a}"end":${b}{ "version": "0.15.0" }`], eol: e }, { pieces: ['}'], eol: e });
        const doc: Doc = { lines, slots: [{ value: v }] };
        const path = 'grafana/package.json';
        const text = render(doc, [v]);
        const edits = locations(path, doc, [v]).map((location) => ({
          location: { ...location, kind: 'package-json' as const },
          to: next,
        }));
        const [change] = prepareEdits(new Map([[path, text]]), edits);
        expect(change?.after).toBe(render(doc, [next]));
      }),
      { numRuns: 200 },
    );
  });
});
