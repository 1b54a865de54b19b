// The one ANSI-strip helper and the one colour policy.
import { describe, expect, it } from 'vitest';
import { hasEscape, plainLines, plainText, stripAnsi } from '../../src/core/ansi.js';
import { colorLevel, createPainter } from '../../src/core/color.js';
import { createMasker } from '../../src/core/mask.js';

describe('stripAnsi / plainText', () => {
  it('removes CSI (colours, cursor moves), OSC (titles, hyperlinks) and charset sequences', () => {
    expect(stripAnsi('\u001b[1;32mok\u001b[0m \u001b[2K\u001b[1Adone')).toBe('ok done');
    expect(stripAnsi('\u001b]8;;https://x\u001b\\link\u001b]8;;\u001b\\ \u001b]0;title\u0007t')).toBe('link t');
    expect(stripAnsi('\u001b(Bx\u001b=y')).toBe('xy');
    expect(stripAnsi('plain text')).toBe('plain text');
    expect(hasEscape('a\u001b[0m')).toBe(true);
  });

  it('plain text keeps the last state of a carriage-return progress line and drops control characters, not tabs', () => {
    expect(plainText('  Building 1/3\r  Building 3/3')).toBe('  Building 3/3');
    expect(plainText('a\u0007b\u0008c\td\u007f')).toBe('abc\td');
  });

  it('plain lines: each line as plainText makes it, wherever a control character is; untouched without one', () => {
    const clean = 'one\ttab\n\ntwo é →\n';
    expect(plainLines(clean)).toBe(clean);
    const controls = [...Array(32).keys(), 0x7f].filter((c) => c !== 9 && c !== 10).map((c) => String.fromCharCode(c));
    for (const c of controls) {
      for (const text of [`${c}a\nb\n`, `a\nb${c}\n`, `a\n${'x'.repeat(5000)}${c}y\n`]) {
        const expected = text.split('\n').map(plainText).join('\n');
        expect(expected).not.toBe(text);
        expect(plainLines(text)).toBe(expected);
      }
    }
  });
});

describe('colorLevel', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  it.each([
    [tty, {}, 1],
    [pipe, {}, 0],
    [tty, { NO_COLOR: '1' }, 0],
    [tty, { NO_COLOR: '' }, 1],
    [tty, { TERM: 'dumb' }, 0],
    [pipe, { FORCE_COLOR: '1' }, 1],
    [pipe, { FORCE_COLOR: '' }, 1],
    [pipe, { FORCE_COLOR: 'true' }, 1],
    [pipe, { FORCE_COLOR: '3' }, 3],
    [tty, { FORCE_COLOR: '0' }, 0],
    [tty, { FORCE_COLOR: 'false' }, 0],
    [pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, 1],
  ] as const)('%o %o -> %i', (stream, env, level) => {
    expect(colorLevel(stream, env)).toBe(level);
  });

  it('paints with chalk at the level given, whatever the process streams are', () => {
    expect(createPainter(1)('green', 'ok')).toBe('\u001b[32mok\u001b[39m');
    expect(createPainter(false)('green', 'ok')).toBe('ok');
  });
});

describe('masking across escape sequences', () => {
  const masker = createMasker({ env: { DEPLOY_TOKEN: 'tok-0123456789' } });
  it('masks a token split by a colour code', () => {
    expect(masker.mask('key tok-\u001b[1m0123456789\u001b[0m end')).toBe('key *** end');
    expect(masker.mask('\u001b[31mtok-0123456789\u001b[0m')).toBe('\u001b[31m***\u001b[0m');
  });
  it('keeps the colours of a line without a secret', () => {
    expect(masker.mask('\u001b[32mok\u001b[0m')).toBe('\u001b[32mok\u001b[0m');
  });
});
