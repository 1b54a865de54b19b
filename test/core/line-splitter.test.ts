import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineSplitter, MAX_LINE_LENGTH } from '../../src/core/line-splitter.js';

function split(chunks: Array<string | Uint8Array>, maxLineLength?: number, map?: (t: string) => string): string[] {
  const lines: string[] = [];
  const splitter = createLineSplitter((l) => lines.push(l), {
    ...(maxLineLength ? { maxLineLength } : {}),
    ...(map ? { map } : {}),
  });
  for (const c of chunks) splitter.push(c);
  splitter.flush();
  return lines;
}

describe('createLineSplitter', () => {
  it('splits on \\n and keeps the partial tail across chunks', () => {
    expect(split(['ab', 'c\nde', 'f\n', 'g\nh'])).toEqual(['abc', 'def', 'g', 'h']);
  });

  it('emits the partial last line (no final newline) only on flush', () => {
    const lines: string[] = [];
    const s = createLineSplitter((l) => lines.push(l));
    s.push('one\ntwo');
    expect(lines).toEqual(['one']);
    s.flush();
    expect(lines).toEqual(['one', 'two']);
  });

  it('keeps blank lines made by \\n', () => {
    expect(split(['a\n\n\nb\n'])).toEqual(['a', '', '', 'b']);
  });

  it('treats \\r\\n as one line end, also when split across chunks', () => {
    expect(split(['a\r\nb\r', '\nc\r\n'])).toEqual(['a', 'b', 'c']);
  });

  it('treats a bare \\r as a line end without emitting empty lines', () => {
    expect(split(['Building [=> ] 1/3\rBuilding [==> ] 2/3\r', '\rBuilding [===] 3/3\r\n   Finished\n'])).toEqual([
      'Building [=> ] 1/3',
      'Building [==> ] 2/3',
      'Building [===] 3/3',
      '   Finished',
    ]);
    expect(split(['\r\r\r'])).toEqual([]);
  });

  it('decodes a multi-byte UTF-8 character split across Buffer chunks', () => {
    const bytes = Buffer.from('héllo → wörld\n', 'utf8');
    const chunks = [...bytes].map((b) => Uint8Array.of(b)); // one byte per chunk
    expect(split(chunks)).toEqual(['héllo → wörld']);
  });

  it('decodes Buffer chunks as one decode of their bytes, whatever the cuts (property)', () => {
    const bytes = fc
      .array(fc.constantFrom('ab\n', 'é', '→', '😀', '\n', 'x', '\u0000'), { maxLength: 40 })
      .map((p) => Buffer.from(p.join(''), 'utf8'));
    // A lone continuation byte or a cut-off lead byte: invalid UTF-8 decodes to U+FFFD either way.
    const broken = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 60 }).map((b) => Buffer.from(b));
    fc.assert(
      fc.property(fc.oneof(bytes, broken), fc.array(fc.nat(200), { maxLength: 8 }), (all, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let prev = 0;
        for (const p of [...points, all.length]) {
          chunks.push(Uint8Array.from(all.subarray(prev, p)));
          prev = p;
        }
        expect(split(chunks)).toEqual(split([all.toString('utf8')]));
      }),
    );
  });

  it('cuts absurdly long lines into bounded pieces without losing characters', () => {
    const long = 'x'.repeat(25);
    const lines = split([long.slice(0, 7), long.slice(7), '\nnext\n'], 10);
    expect(lines).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5), 'next']);
  });

  it('bounds the pending tail while an endless line is still arriving', () => {
    const lines: string[] = [];
    const s = createLineSplitter((l) => lines.push(l), { maxLineLength: 8 });
    for (let i = 0; i < 10; i += 1) s.push('abcde');
    // 50 chars pushed without a newline: at most 8 are still pending, the rest were emitted.
    expect(lines.join('').length).toBeGreaterThanOrEqual(42);
    expect(lines.every((l) => l.length <= 8)).toBe(true);
    s.flush();
    expect(lines.join('')).toBe('abcde'.repeat(10));
  });

  it('does not cut a surrogate pair when capping', () => {
    const lines = split(['ab😀cd\n'], 3);
    expect(lines.join('')).toBe('ab😀cd');
    expect(lines[0]).toBe('ab');
  });

  it('defaults to a 64 KiB cap', () => {
    const lines = split(['y'.repeat(MAX_LINE_LENGTH + 1) + '\n']);
    expect(lines.map((l) => l.length)).toEqual([MAX_LINE_LENGTH, 1]);
  });

  it('gives the same lines whatever the chunk boundaries (property)', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', 'é', '\n', '\r', '\r\n', '  '), { maxLength: 60 })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(80), { maxLength: 6 }), (t, cuts) => {
        const bytes = Buffer.from(t, 'utf8');
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let prev = 0;
        for (const p of [...points, bytes.length]) {
          chunks.push(bytes.subarray(prev, p));
          prev = p;
        }
        expect(split(chunks)).toEqual(split([t]));
      }),
    );
  });

  it('matches a plain split on \\n when there is no \\r (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: 'grapheme-ascii' }).map((s) => s.replace(/[\r\n]/g, '')),
          { maxLength: 20 },
        ),
        (parts) => {
          const t = parts.join('\n');
          const expected = t === '' ? [] : t.split('\n');
          if (expected.at(-1) === '') expected.pop();
          expect(split([t])).toEqual(expected);
        },
      ),
    );
  });

  describe('map (per-chunk masking)', () => {
    const maskSecret = (t: string): string => t.replaceAll('SECRET', '***');

    it('maps a secret split across chunks and across the partial tail', () => {
      expect(split(['a SEC', 'RET b\nSE', 'CRET', '\nlast SECR', 'ET'], undefined, maskSecret)).toEqual([
        'a *** b',
        '***',
        'last ***',
      ]);
    });

    it('calls map once per chunk of whole lines (the line completing a held one apart), not once per line', () => {
      const calls: string[] = [];
      split(['one\ntwo\nthr', 'ee\nfour\nfive\n'], undefined, (t) => (calls.push(t), t));
      expect(calls).toEqual(['one\ntwo\n', 'three\n', 'four\nfive\n']);
    });

    it('maps the pieces of an over-long line too', () => {
      expect(split(['SECRETSECRETSECRET', '\n'], 6, maskSecret)).toEqual(['***', '***', '***']);
    });

    it('gives the same lines as mapping each line of the unsplit text (property)', () => {
      const text = fc
        .array(fc.constantFrom('SECRET', 'SEC', 'RET', 'x', '\n', '\r', '\r\n'), { maxLength: 40 })
        .map((p) => p.join(''));
      fc.assert(
        fc.property(text, fc.array(fc.nat(200), { maxLength: 6 }), (t, cuts) => {
          const points = [...new Set(cuts.map((c) => c % (t.length + 1)))].sort((a, b) => a - b);
          const chunks: string[] = [];
          let prev = 0;
          for (const p of [...points, t.length]) {
            chunks.push(t.slice(prev, p));
            prev = p;
          }
          expect(split(chunks, undefined, maskSecret)).toEqual(split([t]).map(maskSecret));
        }),
      );
    });
  });

  describe('onText (the log gets a chunk of lines in one call)', () => {
    const maskSecret = (t: string): string => t.replaceAll('SECRET', '***');

    /** Per push and flush: the lines emitted and the onText texts received during that call. */
    function batches(chunks: string[], options: { maxLineLength?: number; map?: (t: string) => string } = {}) {
      let lines: string[] = [];
      let texts: string[] = [];
      const out: Array<{ lines: string[]; texts: string[] }> = [];
      const splitter = createLineSplitter((l) => lines.push(l), { ...options, onText: (t) => texts.push(t) });
      const record = (): void => {
        out.push({ lines, texts });
        lines = [];
        texts = [];
      };
      for (const c of chunks) {
        splitter.push(c);
        record();
      }
      splitter.flush();
      record();
      return out;
    }

    /** What onText must say for a call that emitted `lines`: their text, in one or two calls of whole lines. */
    const expectWhole = (b: { lines: string[]; texts: string[] }): void => {
      expect(b.texts.join('')).toEqual(b.lines.map((l) => `${l}\n`).join(''));
      expect(b.texts.length).toBeLessThanOrEqual(2);
      for (const t of b.texts) expect(t.length > 0 && t.endsWith('\n')).toBe(true);
    };

    it('gives the chunk of whole lines as it is in the common case (no \r, no cut)', () => {
      const got = batches(['one\ntwo\nthr', 'ee\n\nfour\n', 'tail']);
      // The line completing the held partial one first, alone: the rest is passed on uncopied.
      expect(got.map((b) => b.texts)).toEqual([['one\ntwo\n'], ['three\n', '\nfour\n'], [], ['tail\n']]);
    });

    it('masks a secret cut across chunks, in the held line and in the rest alike', () => {
      const got = batches(['one SEC', 'RET\ntwo SECRET\nthree SE', 'CRET\n'], { map: maskSecret });
      expect(got.flatMap((b) => b.texts).join('')).toBe('one ***\ntwo ***\nthree ***\n');
      expect(got.flatMap((b) => b.lines)).toEqual(['one ***', 'two ***', 'three ***']);
    });

    it('says exactly what the lines say with \r progress, CRLF across chunks, cut lines and masking', () => {
      const chunks = ['Building 1/3\rBuil', 'ding 2/3\r\rdone\r', '\nok SEC', 'RET\n', 'x'.repeat(25), 'y\nend SECRET'];
      const got = batches(chunks, { maxLineLength: 10, map: maskSecret });
      for (const b of got) expectWhole(b);
      expect(got.flatMap((b) => b.lines)).toEqual([
        'Building 1',
        '/3',
        'Building 2',
        '/3',
        'done',
        'ok ***',
        'x'.repeat(10),
        'x'.repeat(10),
        'x'.repeat(5) + 'y',
        'end ***',
      ]);
    });

    it('says exactly what the lines say whatever the input and the chunking (property)', () => {
      const text = fc
        .array(fc.constantFrom('SECRET', 'SEC', 'RET', 'ab', 'é', '😀', '\n', '\r', '\r\n', 'xxxxxxxxx'), {
          maxLength: 50,
        })
        .map((p) => p.join(''));
      fc.assert(
        fc.property(
          text,
          fc.array(fc.nat(300), { maxLength: 8 }),
          fc.integer({ min: 2, max: 12 }),
          fc.boolean(),
          (t, cuts, max, masked) => {
            const points = [...new Set(cuts.map((c) => c % (t.length + 1)))].sort((a, b) => a - b);
            const chunks: string[] = [];
            let prev = 0;
            for (const p of [...points, t.length]) {
              chunks.push(t.slice(prev, p));
              prev = p;
            }
            const got = batches(chunks, { maxLineLength: max, ...(masked ? { map: maskSecret } : {}) });
            for (const b of got) expectWhole(b);
            // And onText changes nothing about the lines themselves.
            expect(got.flatMap((b) => b.lines)).toEqual(split(chunks, max, masked ? maskSecret : undefined));
          },
        ),
      );
    });

    it('gives the same texts without a line consumer (the chunk-only path), whatever the input (property)', () => {
      const text = fc
        .array(fc.constantFrom('SECRET', 'SEC', 'RET', 'ab', 'é', '\n', '\r', '\r\n', 'xxxxxxxxx', 'y'.repeat(30)), {
          maxLength: 50,
        })
        .map((p) => p.join(''));
      fc.assert(
        fc.property(
          text,
          fc.array(fc.nat(600), { maxLength: 8 }),
          fc.integer({ min: 2, max: 40 }),
          fc.boolean(),
          (t, cuts, max, masked) => {
            const points = [...new Set(cuts.map((c) => c % (t.length + 1)))].sort((a, b) => a - b);
            const chunks: string[] = [];
            let prev = 0;
            for (const p of [...points, t.length]) {
              chunks.push(t.slice(prev, p));
              prev = p;
            }
            const options = { maxLineLength: max, ...(masked ? { map: maskSecret } : {}) };
            const texts: string[] = [];
            const s = createLineSplitter(undefined, { ...options, onText: (x) => texts.push(x) });
            for (const c of chunks) s.push(c);
            s.flush();
            const withLines = batches(chunks, options).flatMap((b) => b.texts);
            expect(texts).toEqual(withLines);
          },
        ),
      );
    });

    it('hands a plain chunk over as it is when nobody wants single lines', () => {
      const texts: string[] = [];
      const s = createLineSplitter(undefined, { maxLineLength: 10, onText: (x) => texts.push(x) });
      s.push('one\ntwo\nthr');
      s.push('ee\nfour\n');
      s.push('x'.repeat(12) + '\n');
      s.flush();
      expect(texts).toEqual(['one\ntwo\n', 'three\n', 'four\n', `${'x'.repeat(10)}\nxx\n`]);
    });
  });
});
