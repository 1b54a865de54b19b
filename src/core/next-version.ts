// The version a bump moves to: an explicit `--to` (validated) or a level applied to the current one.
import semver from 'semver';
import { UserError } from './user-error.js';

export type BumpLevel = 'major' | 'minor' | 'patch';

export interface NextVersionRequest {
  to?: string;
  level?: BumpLevel;
  /** Allows a `to` that is not above the current version (going back, or re-applying). */
  force?: boolean;
}

export function nextVersion(current: string, req: NextVersionRequest): string {
  if (req.to !== undefined && req.level !== undefined) {
    throw new UserError('use either --to VERSION or --level major|minor|patch, not both.');
  }
  if (semver.valid(current) !== current) {
    throw new UserError(`the current version \`${current}\` is not a semantic version.`, {
      hint: 'Set "version" in .releaserc.json.',
    });
  }
  if (req.to !== undefined) {
    const to = req.to.trim();
    if (semver.valid(to) !== to) {
      const hint = /^v\d/.test(to) ? ` Write ${to.slice(1)} without the "v".` : '';
      throw new UserError(`--to \`${req.to}\` is not a semantic version (MAJOR.MINOR.PATCH, e.g. 0.16.0).${hint}`);
    }
    if (!req.force && !semver.gt(to, current)) {
      throw new UserError(`--to ${to} is not above the current version ${current}; add --force to go there anyway.`);
    }
    return to;
  }
  if (req.level !== undefined) {
    const next = semver.inc(current, req.level);
    if (!next) throw new UserError(`cannot apply a ${req.level} bump to ${current}.`);
    return next;
  }
  throw new UserError('bump needs --to VERSION or --level major|minor|patch.');
}
