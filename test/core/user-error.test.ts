// UserError as the CLI's entry recognises it: by its registered mark, so the error of a separately
// bundled copy of the module (the headless run's bundle) is still a user's mistake, not a bug.
import { describe, expect, it, vi } from 'vitest';
import { isUserError, UserError } from '../../src/core/user-error.js';

describe('isUserError', () => {
  it('recognises a UserError thrown by another copy of the module', async () => {
    vi.resetModules();
    const copy = await import('../../src/core/user-error.js');
    const theirs = new copy.UserError('bad flag', { hint: 'Try --help.' });
    expect(copy.UserError).not.toBe(UserError);
    expect(theirs).not.toBeInstanceOf(UserError);
    expect(isUserError(theirs)).toBe(true);
    expect(isUserError(new UserError('x'))).toBe(true);
  });

  it('refuses other errors and values, whatever their name', () => {
    const named = Object.assign(new Error('boom'), { name: 'UserError' });
    for (const v of [named, new TypeError('t'), 'UserError', null, undefined, 42, { details: {} }])
      expect(isUserError(v)).toBe(false);
  });
});
