// JSON Schema of `.releaserc.json`, derived from the zod schema (editors get completion and
// validation from the "$schema" key).
import * as z from 'zod';
import { Config } from '../core/config/config.js';

export function releasercJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Config, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://release-cockpit.dev/schema/releaserc.schema.json',
    title: 'release-cockpit configuration (.releaserc.json)',
  };
}
