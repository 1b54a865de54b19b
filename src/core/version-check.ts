// Do the version locations agree with the release version? Exact versions must equal it;
// requirements on internal crates must accept it, with cargo's semantics (a bare "0.15" is "^0.15").
import semver from 'semver';
import type { Problem, VersionLocation } from './plan-types.js';

/**
 * Translates a cargo requirement ("^0.15", "0.15.0", "=0.15.0", ">=0.14, <0.16", "0.15.*", "~0.15")
 * into a node-semver range, or undefined when it is not a valid cargo requirement.
 * The one difference that matters: cargo reads a bare version as a caret requirement.
 */
export function cargoReqToRange(req: string): string | undefined {
  const parts = req.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) return undefined;
  const out: string[] = [];
  for (const p of parts) {
    const m = /^(\^|~|=|>=|<=|>|<)?\s*(.+)$/.exec(p)!;
    const op = m[1] ?? '';
    const v = m[2]!;
    if (v === '*') {
      if (op !== '') return undefined;
      out.push('*');
      continue;
    }
    if (!/^\d+(\.(\d+|\*))?(\.(\d+|\*))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(v)) return undefined;
    out.push(`${op === '' && !v.includes('*') ? '^' : op}${v}`);
  }
  const range = out.join(' ');
  return semver.validRange(range) === null ? undefined : range;
}

/** Whether `version` satisfies the cargo requirement `req` (false for an invalid requirement). */
export function cargoSatisfies(version: string, req: string): boolean {
  const range = cargoReqToRange(req);
  return range !== undefined && semver.satisfies(version, range);
}

/**
 * A requirement with the same shape as `req` that accepts `version`: "^0.15" -> "^0.16",
 * "0.15.0" -> "0.16.0", "=0.15.0" -> "=0.16.0". Used by fix hints and by bump-version.
 */
export function rewriteRequirement(req: string, version: string): string {
  const m = /^(\^|~|=)?(\d+)(\.\d+)?(\.\d+)?(-[0-9A-Za-z.-]+)?$/.exec(req.trim());
  const v = semver.parse(version);
  if (!m || !v) return version;
  const precision = m[4] !== undefined || m[5] !== undefined ? 3 : m[3] !== undefined ? 2 : 1;
  const core = precision === 3 ? v.version : precision === 2 ? `${v.major}.${v.minor}` : `${v.major}`;
  return `${m[1] ?? ''}${core}`;
}

/**
 * Checks every location against the release version, in one pass (all disagreements reported):
 * an exact version that differs, a requirement the release version does not satisfy, an invalid
 * requirement. Placeholders (%VERSION%) are skipped. Each problem carries file and line.
 */
export function checkVersions(locations: readonly VersionLocation[], releaseVersion: string): Problem[] {
  const problems: Problem[] = [];
  for (const loc of locations) {
    if (loc.placeholder) continue;
    const at = { file: loc.path, line: loc.line };
    const what = loc.crate !== undefined ? `the requirement on \`${loc.crate}\`` : `\`${loc.key}\``;
    if (loc.requirement) {
      const range = cargoReqToRange(loc.value);
      if (range === undefined) {
        problems.push({
          severity: 'error',
          code: 'invalid-requirement',
          message: `${what} is \`${loc.value}\`, which is not a valid cargo version requirement.`,
          ...at,
        });
      } else if (!semver.satisfies(releaseVersion, range)) {
        problems.push({
          severity: 'error',
          code: 'requirement-mismatch',
          message: `${what} is \`${loc.value}\`, which ${releaseVersion} does not satisfy; change it to \`${rewriteRequirement(loc.value, releaseVersion)}\`.`,
          ...at,
        });
      }
    } else if (!sameVersion(loc.value, releaseVersion)) {
      problems.push({
        severity: 'error',
        code: 'version-mismatch',
        message: `${what} is \`${loc.value}\` but the release version is ${releaseVersion}; set it to \`${releaseVersion}\`.`,
        ...at,
      });
    }
  }
  return problems;
}

function sameVersion(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = semver.parse(a);
  const pb = semver.parse(b);
  return pa !== null && pb !== null && pa.compare(pb) === 0 && pa.build.join('.') === pb.build.join('.');
}
