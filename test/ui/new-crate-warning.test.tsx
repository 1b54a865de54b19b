// The cockpit says what `plan` and `run` say about a library crate the publish list forgot, from
// the same plan (the one the cockpit opens with): under the publish step before anything ran.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { parseArgs } from '../../src/cli/args.js';
import { loadRunnablePlan } from '../../src/cli/runnable-plan.js';
import { useGitRepos } from '../helpers/git-repo.js';
import { newCrateRepo } from '../helpers/new-crate-repo.js';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { renderApp } from './render-app.js';

afterEach(() => cleanup());
const gitRepo = useGitRepos();

describe('the new-crate warning in the cockpit', () => {
  it('is said under the selected publish step before it runs', async () => {
    const r = newCrateRepo(gitRepo);
    const plan = await loadRunnablePlan(parseArgs(['--repo', r.dir]), { write: () => true });
    const app = await renderApp(createFakeEngine({ plan: plan! }));
    await app.resize(160, 30);
    const frame = await app.until('⚠');
    // The detail under the checklist, its wrapped rows joined (the pane's borders taken out).
    const detail = frame
      .split('\n')
      .map((l) => l.split('│')[0]!.trim())
      .join(' ');
    expect(detail).toContain(
      'publish-crates step (irreversible: asks before it runs) · ⚠ rust/cache/Cargo.toml: `cache` is a library crate new since',
    );
  });
});
