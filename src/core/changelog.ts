// Drafting the changelog section of a release as a text transform of the whole file: a new dated
// section in the file's own heading style, or the Unreleased section dated and completed with the
// commits it does not mention yet. Pure: the step reads and writes the file.
import { renderItem, type ChangeItem, type CommitGroup, type GroupId } from './commit-groups.js';
import {
  dateUnreleasedHeading,
  detectStyle,
  labelPattern,
  parseSections,
  renderHeading,
  type CalendarDate,
  type Section,
} from './changelog-style.js';
import { freshUnreleasedHeading, moveUnreleasedLink } from './changelog-unreleased.js';

export type { CalendarDate } from './changelog-style.js';

export interface DraftInput {
  /** The current file ('' when it does not exist). */
  text: string;
  /** The version label of the section, e.g. "0.15.0" or the plugin's "1.0.0". */
  label: string;
  date: CalendarDate;
  groups: CommitGroup[];
  /** "owner/name" for PR links. */
  repo?: string;
  /**
   * Leave a fresh empty Unreleased section above the dated one. Default: when the file had an
   * Unreleased section naming no version ("## [Unreleased]", "## Unreleased").
   */
  keepUnreleased?: boolean;
}

export type DraftResult =
  | { kind: 'present'; section: string }
  | {
      kind: 'new-section' | 'dated-unreleased';
      /** The whole new file. */
      text: string;
      /** The section as it will read (heading included), for the preview. */
      section: string;
      /** Commit lines written (those an Unreleased section did not mention already). */
      added: number;
    };

/** Headings the maintainer may already use for a group (Keep a Changelog words included). */
const ALIASES: Record<GroupId, string[]> = {
  breaking: ['breaking changes', 'breaking', 'breaking change'],
  security: ['security'],
  features: ['features', 'added', 'new features', 'new'],
  fixes: ['bug fixes', 'fixed', 'fixes', 'bugfixes'],
  performance: ['performance'],
  dependencies: ['dependencies', 'dependency updates'],
  documentation: ['documentation', 'docs'],
  refactoring: ['refactoring'],
  maintenance: ['maintenance', 'chores'],
  other: ['other changes', 'changed', 'other'],
};

const NEWLINE = /\r?\n/;

function released(sections: Section[], label: string): Section | undefined {
  const re = labelPattern(label);
  return sections.find((s) => !s.unreleased && re.test(s.title));
}

/** The body of the released section for a version (heading excluded, trimmed), if the file has one. */
export function extractSection(text: string, label: string): string | undefined {
  const lines = text.split(NEWLINE);
  const s = released(parseSections(lines), label);
  return s
    ? lines
        .slice(s.start + 1, s.end)
        .join('\n')
        .trim()
    : undefined;
}

/** Whether the file already has a released (dated) section for the label. */
export function hasReleasedSection(text: string, label: string): boolean {
  return released(parseSections(text.split(NEWLINE)), label) !== undefined;
}

function normalize(s: string): string {
  return s
    .toLowerCase()
    .replace(/\(#[^)]*\)/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Mentioned = one of its PR numbers appears, or its text does. */
function mentioned(item: ChangeItem, body: string, normBody: string): boolean {
  if (item.prs.some((n) => new RegExp(`#${n}(?!\\d)`).test(body))) return true;
  const t = normalize(item.text);
  return t.length > 0 && normBody.includes(t);
}

function renderGroups(groups: CommitGroup[], level: number, repo: string | undefined): string[] {
  const out: string[] = [];
  for (const g of groups) {
    if (!g.items.length) continue;
    out.push(`${'#'.repeat(level)} ${g.title}`, '', ...g.items.map((i) => renderItem(i, repo)), '');
  }
  return out;
}

function trimBlankEnd(lines: string[]): string[] {
  const out = [...lines];
  while (out.length && out.at(-1)?.trim() === '') out.pop();
  return out;
}

const FENCE = /^\s*(```|~~~)/;
const ANY_HEADING = /^#{1,6}\s/;

/** Which lines are markdown headings: a "# comment" inside a code block is not one. */
function headingFlags(lines: string[]): boolean[] {
  let fence = false;
  return lines.map((line) => {
    if (FENCE.test(line)) fence = !fence;
    return !fence && ANY_HEADING.test(line);
  });
}

/**
 * Exactly one blank line before (unless first) and after every heading, none at the end: the
 * drafted section reads like a hand-written one whatever blank lines the Unreleased section or
 * the appended groups brought. Blank lines elsewhere (between paragraphs) are the author's.
 */
function spaceHeadings(lines: string[]): string[] {
  const flags = headingFlags(lines);
  const out: string[] = [];
  let afterHeading = false;
  lines.forEach((line, i) => {
    const blank = line.trim() === '';
    if (flags[i]) {
      const head = trimBlankEnd(out);
      out.length = 0;
      out.push(...head, ...(head.length ? [''] : []), line, '');
      afterHeading = true;
    } else if (!(blank && afterHeading)) {
      out.push(line);
      afterHeading = false;
    }
  });
  return trimBlankEnd(out);
}

/** Lines before a section, then exactly one blank line (none when there is nothing before). */
function before(lines: string[]): string[] {
  const head = trimBlankEnd(lines);
  return head.length ? [...head, ''] : [];
}

const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s/;

/** Adds the missing items to the body: under an existing sub-heading for the group, else in a new one. */
function mergeIntoBody(body: string[], missing: CommitGroup[], level: number, repo: string | undefined): string[] {
  const lines = trimBlankEnd(body);
  const appended: CommitGroup[] = [];
  for (const g of missing) {
    const names = ALIASES[g.id];
    const subRe = new RegExp(`^#{${level}}\\s+(.*?)\\s*$`);
    const flags = headingFlags(lines);
    const at = lines.findIndex((l, i) => {
      const m = flags[i] ? subRe.exec(l) : null;
      return m ? names.includes(normalize(m[1] ?? '')) : false;
    });
    if (at < 0) {
      appended.push(g);
      continue;
    }
    let end = flags.findIndex((h, i) => h && i > at);
    if (end < 0) end = lines.length;
    while (end > at + 1 && lines[end - 1]?.trim() === '') end--;
    // After a paragraph or a code block the new items start a list of their own: a blank line first.
    const prev = lines[end - 1] ?? '';
    const gap = end > at + 1 && !LIST_ITEM.test(prev) ? [''] : [];
    lines.splice(end, 0, ...gap, ...g.items.map((i) => renderItem(i, repo)));
  }
  const tail = renderGroups(appended, level, repo);
  return tail.length ? [...lines, ...(lines.length ? [''] : []), ...trimBlankEnd(tail)] : lines;
}

/** Drafts the release section; 'present' when the file already has it (idempotent on resume). */
export function draftChangelog(input: DraftInput): DraftResult {
  const lines = input.text === '' ? [] : input.text.split(NEWLINE);
  const eol = input.text.includes('\r\n') ? '\r\n' : '\n';
  const sections = parseSections(lines);
  const existing = released(sections, input.label);
  if (existing) return { kind: 'present', section: lines.slice(existing.start, existing.end).join('\n').trim() };

  const style = detectStyle(lines, sections);
  const sub = style.level + 1;
  const unreleased = sections.find((s) => s.unreleased);
  if (unreleased) {
    const body = lines.slice(unreleased.start + 1, unreleased.end);
    const joined = body.join('\n');
    const norm = normalize(joined);
    const missing = input.groups
      .map((g) => ({ ...g, items: g.items.filter((i) => !mentioned(i, joined, norm)) }))
      .filter((g) => g.items.length);
    const heading = dateUnreleasedHeading(unreleased, style, input.label, input.date);
    const sectionLines = spaceHeadings([heading, ...mergeIntoBody(body, missing, sub, input.repo)]);
    const rest = lines.slice(unreleased.end);
    const keep = input.keepUnreleased ?? !/\d+\.\d+\.\d+/.test(unreleased.title);
    const fresh = keep
      ? [freshUnreleasedHeading(unreleased.level, unreleased.title, style.template.includes('[')), '']
      : [];
    const withFresh = [
      ...before(lines.slice(0, unreleased.start)),
      ...fresh,
      ...sectionLines,
      ...(rest.length ? ['', ...rest] : []),
    ];
    const next = keep ? moveUnreleasedLink(withFresh, input.label) : withFresh;
    return {
      kind: 'dated-unreleased',
      text: finish(next, eol),
      section: sectionLines.join('\n').trim(),
      added: missing.reduce((n, g) => n + g.items.length, 0),
    };
  }

  const heading = renderHeading(style, input.label, input.date);
  const groups = renderGroups(input.groups, sub, input.repo);
  const sectionLines = spaceHeadings([heading, '', ...(groups.length ? groups : ['No notable changes.'])]);
  const first = sections[0];
  let next: string[];
  const fresh =
    input.keepUnreleased === true
      ? [freshUnreleasedHeading(style.level, undefined, style.template.includes('[')), '']
      : [];
  if (first) {
    next = [...before(lines.slice(0, first.start)), ...fresh, ...sectionLines, '', ...lines.slice(first.start)];
  } else {
    // No version section yet: after the title and introduction, or under a new title.
    const head = trimBlankEnd(lines);
    next = [...before(head.length ? head : ['# Changelog']), ...fresh, ...sectionLines];
  }
  return {
    kind: 'new-section',
    text: finish(next, eol),
    section: sectionLines.join('\n').trim(),
    added: input.groups.reduce((n, g) => n + g.items.length, 0),
  };
}

function finish(lines: string[], eol: string): string {
  return `${trimBlankEnd(lines).join(eol)}${eol}`;
}
