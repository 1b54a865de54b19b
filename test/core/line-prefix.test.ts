import { describe, expect, it } from 'vitest';
import { joinLines } from '../../src/core/line-prefix.js';

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
