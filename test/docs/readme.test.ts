import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateReadme } from '../../scripts/readme-sections.js';

describe('README.md', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it('has its generated sections up to date (run `npm run readme` when this fails)', () => {
    expect(readme).toBe(generateReadme(readme));
  });

  it('starts with a Quick start of exactly two commands: the demo and the tests', () => {
    const quick = readme.split('## Quick start')[1]?.split('\n## ')[0] ?? '';
    const commands = [...quick.matchAll(/^```sh\n([\s\S]*?)```/gm)].flatMap((m) => m[1]!.trim().split('\n'));
    expect(commands.filter((c) => !c.startsWith('#'))).toEqual(['npm ci && npm start', 'npm test']);
  });
});
