import { describe, expect, it } from 'vitest';
import { STEP_KINDS } from '../../src/core/config/step.js';
import { getStepHandler, registeredKinds } from '../../src/engine/step-registry.js';

describe('step registry', () => {
  it('has exactly one handler for every step kind of the schema', () => {
    expect(registeredKinds().sort()).toEqual([...STEP_KINDS].sort());
    for (const kind of STEP_KINDS) expect(getStepHandler(kind)?.kind).toBe(kind);
  });
});
