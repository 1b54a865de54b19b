import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { releasercJsonSchema } from '../../src/config/json-schema.js';
import { Config } from '../../src/core/config/config.js';

const root = new URL('../../', import.meta.url);

describe('schema/releaserc.schema.json', () => {
  it('is the schema generated from the zod schema in src/core/config/ (run `npm run schema` when this fails)', () => {
    const onDisk = JSON.parse(readFileSync(new URL('schema/releaserc.schema.json', root), 'utf8'));
    expect(onDisk).toEqual(releasercJsonSchema());
  });

  it("accepts the project's own .releaserc.json (the Micromegas v0.15.0 plan)", () => {
    const raw = JSON.parse(readFileSync(new URL('.releaserc.json', root), 'utf8'));
    const parsed = Config.safeParse(raw);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    if (!parsed.success) return;
    const kinds = new Set(parsed.data.phases.flatMap((p) => p.steps.map((s) => s.kind)));
    // Every step kind of the seeds is exercised by the default plan.
    expect([...kinds].sort()).toEqual(
      [
        'archive',
        'bump-version',
        'changelog',
        'git-push',
        'git-tag',
        'github-release',
        'manual',
        'publish-crates',
        'publish-python',
        'run',
        'verify-python-install',
        'verify-versions',
      ].sort(),
    );
    expect(parsed.data.crates.publish).toHaveLength(12);
  });
});
