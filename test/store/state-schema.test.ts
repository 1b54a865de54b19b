import { describe, expect, it } from 'vitest';
import { migrateState, normalizeState } from '../../src/store/migrate.js';
import { STATE_SCHEMA_VERSION } from '../../src/core/state-types.js';
import { UserError } from '../../src/core/user-error.js';

// The persisted state goes through a zod schema: what it cannot take is said, never silently reset
// (a reset step would run again, a reset crate would be published again).
describe('state schema', () => {
  it('a step with an unknown status is noticed and interrupted, not reset to pending', () => {
    const s = normalizeState({
      steps: { publish: { status: 'banana', attempts: 1 }, test: { status: 'passed', attempts: 1 } },
    });
    expect(s.steps.publish).toMatchObject({ status: 'interrupted', reason: 'its saved state could not be read' });
    expect(s.steps.test).toEqual({ status: 'passed', attempts: 1 });
    expect(s.notices).toEqual([
      expect.stringMatching(
        /^state\.json: steps\.publish\.status is "banana" \(.*\): publish is treated as interrupted; check it, then retry or skip it\.$/,
      ),
    ]);
  });

  it('steps that are not a map refuse to open with one sentence', () => {
    expect(() => normalizeState({ steps: 'x' })).toThrow(UserError);
    expect(() => normalizeState({ steps: 'x' })).toThrow('state.json: `steps` is "x", not an object');
    expect(() => normalizeState({ crates: [1] })).toThrow('state.json: `crates` is [1], not an object');
  });

  it('a crate it cannot read is noticed and pending (the queue asks the index first); a bad scalar keeps its default', () => {
    const s = normalizeState({
      crates: { a: { status: 'published', version: '1.0.0', attempts: -1 } },
      sessions: 'two',
      notices: ['kept'],
    });
    expect(s.crates.a).toEqual({ status: 'pending', version: '1.0.0', attempts: 0 });
    expect(s.sessions).toBe(0);
    expect(s.notices[0]).toBe('kept');
    expect(s.notices.slice(1).join('\n')).toMatch(/sessions is "two".*\n.*crates\.a\.attempts is -1/);
  });

  it('migrates a version-1 state: a failure that only lacked a yes gets needs: confirmation', () => {
    const v1 = {
      schemaVersion: 1,
      steps: {
        push: { status: 'failed', attempts: 1, reason: 'needs confirmation: rerun with --yes or use the cockpit' },
        test: { status: 'failed', attempts: 1, reason: 'cargo test failed' },
      },
    };
    const s = migrateState(v1, 1);
    expect(s.schemaVersion).toBe(STATE_SCHEMA_VERSION);
    expect(s.steps.push).toMatchObject({ status: 'failed', needs: 'confirmation' });
    expect(s.steps.test?.needs).toBeUndefined();
    expect(s.notices).toEqual([]);
  });
});
