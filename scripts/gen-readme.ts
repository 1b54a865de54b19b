// Rewrites the generated sections of README.md (config reference, keybindings).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateReadme } from './readme-sections.js';

const path = fileURLToPath(new URL('../README.md', import.meta.url));
writeFileSync(path, generateReadme(readFileSync(path, 'utf8')));
process.stdout.write(`updated ${path}\n`);
