// Writes schema/releaserc.schema.json from the zod schema (the single source of truth).
// `npm run schema` regenerates it; test/config/schema-file.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { releasercJsonSchema } from '../src/config/json-schema.js';

const out = fileURLToPath(new URL('../schema/releaserc.schema.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(releasercJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${out}\n`);
