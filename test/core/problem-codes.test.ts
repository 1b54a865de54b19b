import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../src/core/problem-codes.js';

// `plan --json` problems carry these codes and scripts match on them: a code may be added (append
// it below too), never renamed or removed.
describe('problem codes', () => {
  it('keep every published code', () => {
    const published = [
      'crate-in-two-workspaces',
      'crate-not-publishable',
      'dependency-cycle',
      'dependency-without-version',
      'docs-install-version',
      'docs-previous-version',
      'duplicate-crate',
      'duplicate-in-publish-list',
      'duplicate-phase-id',
      'duplicate-step-id',
      'duplicate-tag',
      'empty-publish-list',
      'empty-workspace',
      'invalid-cargo-config',
      'invalid-crate-version',
      'invalid-manifest',
      'invalid-requirement',
      'invalid-version',
      'member-glob-empty',
      'missing-cwd',
      'missing-description',
      'missing-license',
      'missing-license-file',
      'missing-manifest',
      'missing-member',
      'missing-readme',
      'missing-version-file',
      'missing-workspace-dependency',
      'missing-workspace-field',
      'nested-workspace-member',
      'new-library-crate',
      'no-version-in-file',
      'placeholder-without-value',
      'publish-list-not-closed',
      'publish-order-adjusted',
      'registry-not-sparse',
      'requirement-mismatch',
      'unknown-crate',
      'unknown-placeholder',
      'unknown-step-setting',
      'unlocated-version',
      'unsupported-version-file',
      'user-error',
      'version-mismatch',
    ];
    expect(PROBLEM_CODES).toEqual(expect.arrayContaining(published));
  });

  it('are unique kebab-case words', () => {
    expect(new Set(PROBLEM_CODES).size).toBe(PROBLEM_CODES.length);
    for (const code of PROBLEM_CODES) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
