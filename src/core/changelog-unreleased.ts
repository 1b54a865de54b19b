// The fresh, empty Unreleased section a release leaves above its dated one (Keep a Changelog's
// "## [Unreleased]", or "## Unreleased"), in the file's own spelling, and the link references
// at the bottom of the file moved along: "[Unreleased]: …/compare/v0.14.0...HEAD" becomes
// "…/compare/v0.15.0...HEAD" and "[0.15.0]: …/compare/v0.14.0...v0.15.0" is added below it. Pure.

const VERSION = /\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?/;
const UNRELEASED_LINK = /^\[(unreleased)\]:\s*(\S+)\s*$/i;

/** The heading of the fresh section: the old Unreleased heading when it named no version, else the style's. */
export function freshUnreleasedHeading(level: number, oldTitle: string | undefined, bracketed: boolean): string {
  const title =
    oldTitle !== undefined && !VERSION.test(oldTitle) ? oldTitle : bracketed ? '[Unreleased]' : 'Unreleased';
  return `${'#'.repeat(level)} ${title}`;
}

/**
 * Moves the `[Unreleased]: …compare/PREV...HEAD` reference to the new tag and adds the release's
 * own reference under it; lines without such a reference are returned unchanged.
 */
export function moveUnreleasedLink(lines: string[], label: string): string[] {
  const at = lines.findIndex((l) => UNRELEASED_LINK.test(l));
  if (at < 0) return lines;
  const m = UNRELEASED_LINK.exec(lines[at] as string) as RegExpExecArray;
  const url = m[2] as string;
  const compare = /^(.*\/compare\/)(.+?)\.\.\.HEAD$/.exec(url);
  if (!compare) return lines;
  const [, base, previous] = compare as unknown as [string, string, string];
  if (!VERSION.test(previous)) return lines;
  const tag = previous.replace(VERSION, label);
  const own = `[${label}]: ${base}${previous}...${tag}`;
  if (lines.some((l) => l.toLowerCase().startsWith(`[${label.toLowerCase()}]:`))) return lines;
  const out = [...lines];
  out.splice(at, 1, `[${m[1]}]: ${base}${tag}...HEAD`, own);
  return out;
}
