// init, changelogs: every CHANGELOG.md (CHANGES.md, HISTORY.md) found, with the heading style its
// sections use (learnt by changelog-style.ts, as the changelog step will write them). One changelog
// step each; one outside the root only collects commits touching its directory. Pure.
import { basenameRel, dirnameRel, type FileView } from '../file-view.js';
import { detectStyle, parseSections, type HeadingStyle } from '../changelog-style.js';
import type { InitNote, InspectResult, RepoFiles } from './types.js';

export interface ChangelogStepSpec {
  file: string;
  /** Only commits touching these paths (a changelog in a subdirectory). */
  paths?: string[];
  /** The label of an Unreleased section naming its own version ("1.0.0 (Unreleased)"). */
  heading?: string;
}

const NAMES = /^(CHANGELOG|CHANGES|HISTORY)\.md$/i;
const VERSION = /\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?/;

function describeStyle(style: HeadingStyle, learnt: boolean): string {
  const dates = { iso: 'ISO dates', 'month-year': '"Month YYYY" dates', 'month-day-year': '"Month D, YYYY" dates' };
  const heading = `${'#'.repeat(style.level)} ${style.template}`;
  return learnt
    ? `headings like \`${heading}\` (${dates[style.dateFormat]})`
    : `no dated section yet: new ones will read \`${heading}\``;
}

export function inspectChangelogs(
  view: FileView,
  files: RepoFiles,
  version: string | undefined,
): InspectResult<ChangelogStepSpec[]> {
  const notes: InitNote[] = [];
  const specs: ChangelogStepSpec[] = [];
  const found = files
    .filter((f) => NAMES.test(basenameRel(f)) && !/(^|\/)(fixtures|testdata)\//.test(f))
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  for (const file of found) {
    const lines = (view.read(file) ?? '').split('\n');
    const sections = parseSections(lines);
    const style = detectStyle(lines, sections);
    const learnt = sections.some((s) => !s.unreleased && VERSION.test(s.title));
    const spec: ChangelogStepSpec = { file };
    const dir = dirnameRel(file);
    if (dir !== '') spec.paths = [dir];
    const own = sections.find((s) => s.unreleased)?.title.match(VERSION)?.[0];
    if (own !== undefined && own !== version) spec.heading = own;
    specs.push(spec);
    const scope = dir !== '' ? `; commits touching ${dir}/ only` : '';
    const label = spec.heading ? `; its Unreleased section names ${spec.heading}, kept as the heading` : '';
    notes.push({ topic: 'changelog', text: `${file}: ${describeStyle(style, learnt)}${scope}${label}.` });
  }
  if (found.length === 0)
    notes.push({
      topic: 'changelog',
      text: 'no CHANGELOG.md found: no changelog step (add one when you keep a changelog).',
    });
  return { value: specs, notes, problems: [] };
}
