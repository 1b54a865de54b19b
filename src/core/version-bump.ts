// The new value of one version location. Bumps keep what the author wrote around the numbers:
// the operator (^, ~, =, >=, ...), the precision (0.15 stays two components) and wildcards.
import semver from 'semver';
import type { VersionLocation } from './plan-types.js';
import { UserError } from './user-error.js';

// An optional operator, then 1 to 3 numeric (or wildcard) components, then an optional
// pre-release / build suffix that only a full version may carry.
const SIMPLE = /^(\s*(?:\^|~>|~|=|>=|<=|>|<)?\s*)(\d+|[*xX])(?:\.(\d+|[*xX]))?(?:\.(\d+|[*xX]))?((?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)(\s*)$/;

/** True when the value is a build-time placeholder such as %VERSION%, ${version} or {{version}}. */
export function isPlaceholder(value: string): boolean {
  return /%[A-Za-z_]+%|\$\{[^}]*\}|\{\{[^}]*\}\}|@[A-Za-z_]+@/.test(value) || value === '0.0.0-placeholder';
}

/**
 * The value a location should carry when the project moves to `next`.
 * Placeholders are returned unchanged. Throws a UserError for values that cannot be bumped
 * mechanically (compound requirements such as ">=0.15, <0.17").
 */
export function bumpValue(loc: Pick<VersionLocation, 'value' | 'placeholder' | 'path' | 'line'>, next: string): string {
  if (loc.placeholder || isPlaceholder(loc.value)) return loc.value;
  const target = semver.parse(next);
  if (!target) throw new UserError(`\`${next}\` is not a semantic version (expected MAJOR.MINOR.PATCH).`);
  const m = SIMPLE.exec(loc.value);
  if (!m) {
    throw new UserError(`cannot bump the requirement \`${loc.value}\` mechanically.`, {
      file: loc.path,
      line: loc.line,
      hint: 'Write a single version or requirement such as "^0.15" or "0.15.0".',
    });
  }
  const [, op = '', c1, c2, c3, suffix = '', trail = ''] = m;
  const parts = [c1, c2, c3].filter((p): p is string => p !== undefined);
  const numbers = [String(target.major), String(target.minor), String(target.patch)];
  // A wildcard component stays a wildcard; a numeric one takes the target's number.
  const out = parts.map((p, i) => (/^\d+$/.test(p) ? numbers[i] : p));
  // The pre-release and build belong to a full version only: "0.16" cannot say "-dev".
  const full = parts.length === 3 && parts.every((p) => /^\d+$/.test(p));
  let tail = '';
  if (full) {
    tail = target.prerelease.length ? `-${target.prerelease.join('.')}` : '';
    if (target.build.length) tail += `+${target.build.join('.')}`;
  } else if (suffix) {
    throw new UserError(`cannot bump \`${loc.value}\`: a partial version cannot carry a pre-release.`, { file: loc.path, line: loc.line });
  }
  return `${op}${out.join('.')}${tail}${trail}`;
}
