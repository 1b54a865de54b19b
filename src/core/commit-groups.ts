// Sorting commits into changelog groups. Conventional prefixes (feat:, fix(x)!:) when present,
// else keywords of the subject, because real histories mix both. Pure.

export type GroupId =
  | 'breaking'
  | 'security'
  | 'features'
  | 'fixes'
  | 'performance'
  | 'dependencies'
  | 'documentation'
  | 'refactoring'
  | 'maintenance'
  | 'other';

/** Display order and titles of the groups. */
export const GROUP_TITLES: Record<GroupId, string> = {
  breaking: 'Breaking changes',
  security: 'Security',
  features: 'Features',
  fixes: 'Bug fixes',
  performance: 'Performance',
  dependencies: 'Dependencies',
  documentation: 'Documentation',
  refactoring: 'Refactoring',
  maintenance: 'Maintenance',
  other: 'Other changes',
};

export interface CommitInput {
  hash: string;
  subject: string;
  body: string;
}

export interface ChangeItem {
  hash: string;
  /** The subject without its conventional prefix, a fully lower-case first word capitalised; keeps "(#551)". */
  text: string;
  /** PR numbers mentioned as (#551) or (#555, #556). */
  prs: number[];
  breaking: boolean;
  scope?: string;
  group: GroupId;
}

export interface CommitGroup {
  id: GroupId;
  title: string;
  items: ChangeItem[];
}

const CONVENTIONAL = /^(\w+)(?:\(([^)]*)\))?(!)?:\s*(.+)$/;

const TYPE_GROUPS: Record<string, GroupId> = {
  feat: 'features',
  feature: 'features',
  fix: 'fixes',
  perf: 'performance',
  docs: 'documentation',
  doc: 'documentation',
  refactor: 'refactoring',
  chore: 'maintenance',
  ci: 'maintenance',
  build: 'maintenance',
  test: 'maintenance',
  tests: 'maintenance',
  style: 'maintenance',
  revert: 'other',
  security: 'security',
  deps: 'dependencies',
};

const SECURITY = /\b(security|CVE-\d{4}-\d+|vulnerab\w*|dependabot)\b/i;
const DEPENDENCIES = /^(update|bump|upgrade)\b.*\b(deps?|dependenc\w*|to v?\d+(\.\d+)*)\b|\(deps\)/i;
const KEYWORDS: [RegExp, GroupId][] = [
  [/^(fix|fixes|fixed|fixing)\b|\bbugs?\b|\bcrash\w*/i, 'fixes'],
  [/^(add|adds|added|new|support|implement\w*|introduce\w*|enable\w*|allow\w*)\b|\bsupport\b/i, 'features'],
  [/\b(perf|performance|faster|speed\s*up|optimi[sz]\w*)\b/i, 'performance'],
  [/\bdoc(s|umentation)?\b|\breadme\b/i, 'documentation'],
  [/^(refactor\w*|rework\w*|clean\s*up|cleanup|simplif\w*|rename\w*|move\w*)\b/i, 'refactoring'],
  [/^(ci|build|chore|test\w*|lint\w*|format\w*|remove stale)\b/i, 'maintenance'],
];

/** Release housekeeping that never belongs in a changelog. */
const NOISE = /^(merge branch|merge remote-tracking|bump version to|release v?\d|update changelog)/i;

function prNumbers(text: string): number[] {
  const prs: number[] = [];
  for (const paren of text.matchAll(/\(([^()]*#\d+[^()]*)\)/g)) {
    for (const m of (paren[1] ?? '').matchAll(/#(\d+)/g)) prs.push(Number(m[1]));
  }
  return prs;
}

/**
 * Upper-cases the first letter only when the first word is fully lower-case: a word with an
 * upper-case letter or a digit is a name or a version spelled by its author ("gRPC", "iOS",
 * "eBPF", "v2"), and "GRPC" would misspell it.
 */
export function capitalizeSubject(s: string): string {
  const first = /^\S*/u.exec(s)?.[0] ?? '';
  if (/[\p{Lu}\p{Lt}\p{N}]/u.test(first)) return s;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A GitHub merge commit says "Merge pull request #551 from x/y" and carries the PR title in its body. */
function unwrapMerge(c: CommitInput): { subject: string; body: string } {
  const m = /^Merge pull request #(\d+) from \S+/.exec(c.subject);
  if (!m) return c;
  const [title = c.subject, ...rest] = c.body.split('\n');
  const subject = prNumbers(title).length ? title : `${title} (#${m[1]})`;
  return { subject, body: rest.join('\n') };
}

/** Classifies one commit; undefined for housekeeping commits (merges of branches, version bumps). */
export function classifyCommit(commit: CommitInput): ChangeItem | undefined {
  const { subject, body } = unwrapMerge(commit);
  if (NOISE.test(subject.trim())) return undefined;
  const match = CONVENTIONAL.exec(subject.trim());
  // Only known types are stripped; "grafana: add X" names an area, kept as the scope.
  const known = match !== null && TYPE_GROUPS[match[1]!.toLowerCase()] !== undefined;
  const area = match !== null && !known && !match[2] && !match[3] ? match[1] : undefined;
  const conv = known ? match : null;
  const text = capitalizeSubject((conv?.[4] ?? (area ? match![4] : subject)!).trim());
  const breaking = Boolean(conv?.[3]) || /^BREAKING[ -]CHANGE:/m.test(body);
  const scope = conv?.[2] || area;
  const type = conv?.[1]?.toLowerCase();
  let group: GroupId;
  if (breaking) group = 'breaking';
  else if (SECURITY.test(subject)) group = 'security';
  else if (scope === 'deps' || DEPENDENCIES.test(text)) group = 'dependencies';
  else if (type && TYPE_GROUPS[type]) group = TYPE_GROUPS[type];
  else group = KEYWORDS.find(([re]) => re.test(text))?.[1] ?? 'other';
  return { hash: commit.hash, text, prs: prNumbers(subject), breaking, scope, group };
}

/** Groups in display order, empty groups left out, commits kept in the order given. */
export function groupCommits(commits: CommitInput[]): CommitGroup[] {
  const byGroup = new Map<GroupId, ChangeItem[]>();
  for (const c of commits) {
    const item = classifyCommit(c);
    if (!item) continue;
    byGroup.set(item.group, [...(byGroup.get(item.group) ?? []), item]);
  }
  return (Object.keys(GROUP_TITLES) as GroupId[])
    .filter((id) => byGroup.has(id))
    .map((id) => ({ id, title: GROUP_TITLES[id], items: byGroup.get(id) ?? [] }));
}

/** "owner/name" of a GitHub remote URL (https, ssh or scp-like), else undefined. */
export function parseGithubRepo(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const m = /github\.com[:/]+([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url.trim());
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** Turns "(#551)" and "(#555, #556)" into PR links when the repository is known. */
export function linkPullRequests(text: string, repo: string | undefined): string {
  if (!repo) return text;
  return text.replace(
    /\(([^()]*#\d+[^()]*)\)/g,
    (_whole, inner: string) =>
      `(${inner.replace(/(?<!\[)#(\d+)/g, (_m, n: string) => `[#${n}](https://github.com/${repo}/pull/${n})`)})`,
  );
}

/** One markdown bullet for an item. */
export function renderItem(item: ChangeItem, repo: string | undefined): string {
  const scope = item.scope && item.group !== 'dependencies' ? `**${item.scope}:** ` : '';
  return `- ${scope}${linkPullRequests(item.text, repo)}`;
}
