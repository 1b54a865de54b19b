// init, tags: the tag format learnt from the existing tags (`v1.2.3`, `name-v1.2.3`, `1.2.3`), the
// previous release tag, and the other tag families created at that same commit (extraTags, such
// as Micromegas' `grafana-v0.14.0` beside `v0.14.0`). Pure.
import semver from 'semver';
import { highestTag } from '../template.js';
import type { GitFacts, InitNote, InspectResult } from './types.js';
import { plural } from '../plural.js';

export interface TagFindings {
  tagFormat: string;
  previousTag?: string;
  extraTags: string[];
}

const VERSIONED = /^([A-Za-z0-9._/-]*?)(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;

interface Family {
  prefix: string;
  tags: { name: string; version: string; commit: string }[];
}

function families(tags: GitFacts['tags']): Family[] {
  const byPrefix = new Map<string, Family>();
  for (const t of tags) {
    const m = VERSIONED.exec(t.name);
    if (!m || semver.valid(m[2]!) === null) continue;
    const prefix = m[1]!;
    let f = byPrefix.get(prefix);
    if (!f) byPrefix.set(prefix, (f = { prefix, tags: [] }));
    f.tags.push({ name: t.name, version: m[2]!, commit: t.commit });
  }
  return [...byPrefix.values()];
}

/** The family the release belongs to: one with a version below it, then the most tags, then `v`, then the shortest prefix. */
function mainFamily(all: Family[], version: string | undefined): Family | undefined {
  const below = (f: Family) => (version && f.tags.some((t) => semver.lt(t.version, version)) ? 1 : 0);
  const usual = (f: Family) => (f.prefix === 'v' ? 2 : f.prefix === '' ? 1 : 0);
  return [...all].sort(
    (a, b) =>
      below(b) - below(a) || b.tags.length - a.tags.length || usual(b) - usual(a) || a.prefix.length - b.prefix.length,
  )[0];
}

export function inspectTags(git: GitFacts, version: string | undefined): InspectResult<TagFindings> {
  const notes: InitNote[] = [];
  const all = families(git.tags);
  const main = mainFamily(all, version);
  if (!main) {
    const text = `v\${version} (no version tags yet; the most common form).`;
    return { value: { tagFormat: 'v${version}', extraTags: [] }, notes: [{ topic: 'tagFormat', text }], problems: [] };
  }
  const tagFormat = `${main.prefix}\${version}`;
  const examples = main.tags
    .map((t) => t.name)
    .slice(-3)
    .join(', ');
  notes.push({
    topic: 'tagFormat',
    text: `${tagFormat}, learnt from ${plural(main.tags.length, 'tag')} (${examples}).`,
  });
  const previousTag = highestTag(
    main.tags.map((t) => t.name),
    tagFormat,
    version,
  );
  const extraTags: string[] = [];
  const previous = main.tags.find((t) => t.name === previousTag);
  if (previous) {
    notes.push({ topic: 'previousTag', text: `${previousTag} (the highest ${tagFormat} tag below the release).` });
    for (const f of all.filter((f) => f !== main)) {
      const twin = f.tags.find((t) => t.commit === previous.commit && t.version === previous.version);
      if (!twin) continue;
      extraTags.push(`${f.prefix}\${version}`);
      notes.push({
        topic: 'extraTags',
        text: `${f.prefix}\${version}: ${twin.name} was created at the same commit as ${previousTag}.`,
      });
    }
  }
  for (const f of all.filter((f) => f !== main && !extraTags.includes(`${f.prefix}\${version}`)))
    notes.push({
      topic: 'tags',
      text: `${plural(f.tags.length, 'tag')} ${f.prefix}… (e.g. ${f.tags[0]!.name}) follow their own cycle: not created by this release.`,
    });
  return { value: { tagFormat, ...(previousTag ? { previousTag } : {}), extraTags }, notes, problems: [] };
}
