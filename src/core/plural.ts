/** A counted noun: plural(1, 'crate') -> "1 crate", plural(3, 'crate') -> "3 crates". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
