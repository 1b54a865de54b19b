// How a changelog writes its version headings, learnt from the file itself: the first dated
// version heading becomes a template ("## [{version}] - {date}", "## v{version} - {date}",
// "## {version} ({date})", "## {date} - v{version}"...), so a new section looks like its neighbours. Pure.

export type DateFormat = 'iso' | 'month-year' | 'month-day-year';

export interface HeadingStyle {
  /** Number of #. */
  level: number;
  /** The heading text with {version} and {date} placeholders (no leading #). */
  template: string;
  dateFormat: DateFormat;
}

export interface Section {
  /** Index of the heading line. */
  start: number;
  /** Index one past the last line of the section. */
  end: number;
  level: number;
  /** Heading text without the leading #. */
  title: string;
  unreleased: boolean;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTH = `(?:${MONTHS.join('|')})`;
const VERSION = /\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?/;
const DATES: [RegExp, DateFormat][] = [
  [/\d{4}-\d{2}-\d{2}/, 'iso'],
  [new RegExp(`${MONTH} \\d{1,2}, \\d{4}`), 'month-day-year'],
  [new RegExp(`${MONTH} \\d{4}`), 'month-year'],
];
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

/** Keep a Changelog, the most common convention, for files with nothing to learn from. */
export const DEFAULT_STYLE: HeadingStyle = { level: 2, template: '[{version}] - {date}', dateFormat: 'iso' };

export interface CalendarDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

export function formatDate(d: CalendarDate, format: DateFormat): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const month = MONTHS[d.month - 1] ?? '';
  if (format === 'month-year') return `${month} ${d.year}`;
  if (format === 'month-day-year') return `${month} ${d.day}, ${d.year}`;
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

function isVersionHeading(title: string): boolean {
  return VERSION.test(title) || /unreleased/i.test(title);
}

/** Escaped label matched as a whole version token ("0.15.0" is not inside "10.15.0" or "0.15.0-rc.1"). */
export function labelPattern(label: string): RegExp {
  const esc = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\d.])${esc}(?![\\w-]|\\.\\d)`);
}

/** The version sections: headings that carry a version or "Unreleased", at the level of the first one. */
export function parseSections(lines: string[]): Section[] {
  let level: number | undefined;
  const starts: { index: number; title: string }[] = [];
  let fence = false;
  lines.forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const m = fence ? null : HEADING.exec(line);
    if (!m) return;
    const depth = (m[1] ?? '').length;
    const title = m[2] ?? '';
    if (level === undefined && isVersionHeading(title)) level = depth;
    if (level !== undefined && depth === level) starts.push({ index, title });
  });
  return starts.map((s, i) => ({
    start: s.index,
    end: starts[i + 1]?.index ?? lines.length,
    level: level ?? 2,
    title: s.title,
    unreleased: /unreleased/i.test(s.title),
  }));
}

/** The style of the first released, dated version heading; DEFAULT_STYLE (at the sections' level) otherwise. */
export function detectStyle(lines: string[], sections = parseSections(lines)): HeadingStyle {
  for (const s of sections) {
    if (s.unreleased || !VERSION.test(s.title)) continue;
    const date = DATES.find(([re]) => re.test(s.title));
    if (!date) continue;
    const template = s.title.replace(VERSION, '{version}').replace(date[0], '{date}');
    return { level: s.level, template, dateFormat: date[1] };
  }
  const level = sections[0]?.level ?? DEFAULT_STYLE.level;
  // "## Unreleased" without brackets suggests a plain style; "## [Unreleased]" is Keep a Changelog.
  const plain = sections.find((s) => s.unreleased && !s.title.includes('['));
  return { ...DEFAULT_STYLE, level, template: plain ? '{version} - {date}' : DEFAULT_STYLE.template };
}

export function renderHeading(style: HeadingStyle, label: string, date: CalendarDate): string {
  const title = style.template.replace('{version}', label).replace('{date}', formatDate(date, style.dateFormat));
  return `${'#'.repeat(style.level)} ${title}`;
}

/**
 * The dated heading for an Unreleased section: "1.0.0 (Unreleased)" keeps its shape with the date in
 * place of "Unreleased" (and the label in place of a different version); "[Unreleased]" takes the style.
 */
export function dateUnreleasedHeading(
  section: Section,
  style: HeadingStyle,
  label: string,
  date: CalendarDate,
): string {
  if (!VERSION.test(section.title)) return renderHeading({ ...style, level: section.level }, label, date);
  const title = section.title.replace(VERSION, label).replace(/\[?unreleased\]?/i, formatDate(date, style.dateFormat));
  return `${'#'.repeat(section.level)} ${title}`;
}
