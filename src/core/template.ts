// `${name}` substitution in config strings (tag formats, messages, file names, branch names,
// step titles and details, run and show argv), and the reverse: recognising the version inside a
// tag written with a tag format. The one implementation every templated config key goes through.
import semver from 'semver';

export interface TemplateVars {
  version: string;
  tag?: string;
  project?: string;
  /** The next development version (after the post-release bump). */
  next?: string;
  /** The previous release's tag, when there is one. */
  previousTag?: string;
}

/** The values of a release's placeholders (next and previousTag when the plan knows them). */
export function releaseVars(p: {
  version: string;
  tag: string;
  project: string;
  next?: string;
  previousTag?: string;
}): TemplateVars {
  return { version: p.version, tag: p.tag, project: p.project, next: p.next, previousTag: p.previousTag };
}

/** Every placeholder a config string may use. */
export const TEMPLATE_NAMES = ['version', 'tag', 'project', 'next', 'previousTag'] as const;

const PLACEHOLDER = /\$\{(version|tag|project|next|previousTag)\}/g;
const ANY_PLACEHOLDER = /\$\{([^}]*)\}/g;

/** Replaces ${version}, ${tag}, ${project}, ${next} and ${previousTag}; one without a value is left as written. */
export function expandTemplate(text: string, vars: TemplateVars): string {
  return text.replace(PLACEHOLDER, (whole, name: keyof TemplateVars) => vars[name] ?? whole);
}

/** The `${...}` of `text` that name no placeholder (typos): expandTemplate leaves them as written. */
export function unknownPlaceholders(text: string): string[] {
  const known: readonly string[] = TEMPLATE_NAMES;
  return [...text.matchAll(ANY_PLACEHOLDER)].filter((m) => !known.includes(m[1]!)).map((m) => m[0]);
}

/**
 * The placeholders of an expanded text that stayed as written because they had no value (only
 * ${previousTag} can lack one: a repository without an earlier release tag).
 */
export function placeholdersLeft(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[0]);
}

/** Why a command keeps a placeholder, and the fix: one sentence for the plan and the step. */
export function noValueReason(placeholder: string): string {
  const why =
    placeholder === '${previousTag}'
      ? 'there is no earlier release tag matching tagFormat; set `previousTag` in the config, or leave it out of the command'
      : 'the plan has no value for it';
  return `\`${placeholder}\` has no value in this release (${why}), so the command would receive it as written`;
}

/** The tag of a version: tagFormat with ${version} replaced. */
export function formatTag(tagFormat: string, version: string): string {
  return expandTemplate(tagFormat, { version });
}

const SEMVER_SOURCE = '(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?)';

/** A regex matching whole tags written with tagFormat; group 1 is the version. */
export function tagPattern(tagFormat: string): RegExp {
  const parts = tagFormat.split('${version}').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join(SEMVER_SOURCE)}$`);
}

/** The version a tag carries under tagFormat, or undefined when the tag does not match it. */
export function versionFromTag(tagFormat: string, tag: string): string | undefined {
  const m = tagPattern(tagFormat).exec(tag);
  const v = m?.[1];
  return v && semver.valid(v) ? v : undefined;
}

/** The highest semver tag matching tagFormat, optionally strictly below `below`. */
export function highestTag(tags: string[], tagFormat: string, below?: string): string | undefined {
  let best: { tag: string; version: string } | undefined;
  for (const tag of tags) {
    const version = versionFromTag(tagFormat, tag);
    if (!version) continue;
    if (below && !semver.lt(version, below)) continue;
    if (!best || semver.gt(version, best.version)) best = { tag, version };
  }
  return best?.tag;
}
