import { describe, expect, it } from 'vitest';
import { joinLines, lineTexts } from '../../src/core/line-prefix.js';

describe('joinLines', () => {
  it('puts the separator between the lines, the last line end dropped', () => {
    expect(joinLines('one\ntwo\n\nfour\n', '\n> ')).toBe('one\n> two\n> \n> four');
    expect(joinLines('alone\n', '\n> ')).toBe('alone');
    expect(joinLines('\n', '\n> ')).toBe('');
  });

  it('takes the separator literally, $ included', () => {
    expect(joinLines('a\nb\n', "\n$& $1 $$ $' ")).toBe("a\n$& $1 $$ $' b");
  });
});

describe('joinLines on the same text twice (the log, then the headless output)', () => {
  it('gives each separator its own result, and a new text its own lines', () => {
    const text = 'a\nb\nc\n';
    expect(joinLines(text, '\n1 ')).toBe('a\n1 b\n1 c');
    expect(joinLines(text, '\n2 ')).toBe('a\n2 b\n2 c');
    expect(joinLines(`${'x'}\ny\n`, '\n3 ')).toBe('x\n3 y');
    expect(joinLines('a\nb\nc\n'.slice(0), '\n4 ')).toBe('a\n4 b\n4 c');
  });
});

describe('lineTexts', () => {
  it('gives the lines of a text without their line ends, blank lines kept', () => {
    expect(lineTexts('one\n\nthree\n')).toEqual(['one', '', 'three']);
    expect(lineTexts('\n')).toEqual(['']);
  });

  it('is what joinLines joins: the ring counts the lines the log then prefixes', () => {
    const text = 'a\nb\n';
    const lines = lineTexts(text);
    expect(joinLines(text, '\n> ')).toBe('a\n> b');
    expect(lineTexts(text)).toBe(lines);
    expect(lineTexts('c\n')).toEqual(['c']);
  });
});
