// The README sections generated from code: the `.releaserc.json` reference (from the zod schema
// via its JSON Schema) and the keybindings (from the bindings data). `npm run readme` rewrites
// them; test/docs/readme.test.ts fails when the README is stale.
import { releasercJsonSchema } from '../src/config/json-schema.js';
import { ALL_BINDINGS } from '../src/ui/keymap/bindings.js';
import { COMMANDS, type Command } from '../src/cli/options.js';

type Json = Record<string, unknown>;

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function typeOf(p: Json): string {
  if (Array.isArray(p.enum)) return p.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (p.const !== undefined) return `\`${JSON.stringify(p.const)}\``;
  if (p.type === 'array') {
    const items = (p.items ?? {}) as Json;
    return `${items.type === 'string' ? 'string' : items.type === 'object' ? 'object' : typeOf(items)}[]`;
  }
  if (p.type === 'object' && p.additionalProperties && !p.properties) return 'map of string';
  if (Array.isArray(p.anyOf)) return (p.anyOf as Json[]).map(typeOf).join(' \\| ');
  return String(p.type ?? 'object');
}

function rows(props: Json, required: string[], prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, raw] of Object.entries(props)) {
    if (key === '$schema' || key === 'kind') continue;
    const p = raw as Json;
    const def =
      p.default !== undefined ? `\`${JSON.stringify(p.default)}\`` : required.includes(key) ? '**required**' : '';
    out.push(`| \`${prefix}${key}\` | ${typeOf(p)} | ${def} | ${esc(String(p.description ?? ''))} |`);
    const nested = p.type === 'object' ? (p.properties as Json | undefined) : undefined;
    if (nested && key !== 'rateLimits') out.push(...rows(nested, (p.required as string[]) ?? [], `${prefix}${key}.`));
  }
  return out;
}

const HEADER = ['| key | type | default | meaning |', '| --- | --- | --- | --- |'];

export function configReference(): string {
  const schema = releasercJsonSchema() as Json;
  const props = schema.properties as Json;
  const top = { ...props };
  delete top.phases;
  const out = ['### Top level', '', ...HEADER, ...rows(top, (schema.required as string[]) ?? [])];
  out.push('', 'A phase is `{ "id", "title", "steps": [...] }`; phases run in the order written.', '');
  out.push(
    '### Step kinds',
    '',
    'Every step has `id` (unique in the file), `kind`, and optionally `title` and `irreversible`.',
    '',
  );
  const phase = (props.phases as Json).items as Json;
  const steps = ((phase.properties as Json).steps as Json).items as Json;
  for (const variant of (steps.oneOf ?? steps.anyOf) as Json[]) {
    const vp = variant.properties as Json;
    const kind = String((vp.kind as Json).const);
    const own = Object.fromEntries(
      Object.entries(vp).filter(([k]) => !['id', 'title', 'irreversible', 'kind'].includes(k)),
    );
    out.push(`#### \`${kind}\``, '');
    out.push(
      Object.keys(own).length
        ? [...HEADER, ...rows(own, (variant.required as string[]) ?? [])].join('\n')
        : 'No settings of its own.',
    );
    out.push('');
  }
  return out.join('\n').trimEnd();
}

const SCOPE_TITLES: Record<string, string> = {
  global: 'Everywhere',
  checklist: 'Checklist pane',
  queue: 'Publish-queue pane',
  output: 'Output pane',
  help: 'Help overlay',
  confirm: 'Confirmation',
  'skip-reason': 'Skip reason',
  rollback: 'Rollback menu',
  history: 'Release history',
  resume: 'Resume summary',
  quit: 'Quit question',
  search: 'Output search',
};

export function keybindingsTable(): string {
  const byScope = new Map<string, string[]>();
  for (const b of ALL_BINDINGS) {
    const list = byScope.get(b.scope) ?? [];
    list.push(`| ${b.keys.map((k) => `\`${k}\``).join(' ')} | ${esc(b.description)} |`);
    byScope.set(b.scope, list);
  }
  const out: string[] = [];
  const order = [...Object.keys(SCOPE_TITLES), ...byScope.keys()].filter(
    (s, i, all) => byScope.has(s) && all.indexOf(s) === i,
  );
  for (const scope of order) {
    const list = byScope.get(scope) ?? [];
    out.push(`**${SCOPE_TITLES[scope] ?? scope}**`, '', '| keys | does |', '| --- | --- |', ...list, '');
  }
  return out.join('\n').trimEnd();
}

/** Replaces the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
export function fillSection(readme: string, name: string, body: string): string {
  const open = `<!-- generated:${name} -->`;
  const close = `<!-- /generated:${name} -->`;
  const start = readme.indexOf(open);
  const end = readme.indexOf(close);
  if (start < 0 || end < start) throw new Error(`README.md has no ${open} ... ${close} section`);
  return `${readme.slice(0, start + open.length)}\n${body}\n${readme.slice(end)}`;
}

/** The commands table, from the CLI's command table (src/cli/options.ts). */
export function commandsTable(): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const rows = (Object.keys(COMMANDS) as Command[])
    .filter((c) => c !== 'help')
    .map(
      (c) =>
        `| \`${cell(`release-cockpit${COMMANDS[c].usage ? ` ${COMMANDS[c].usage}` : ''}`)}\` | ${cell(COMMANDS[c].summary)} |`,
    );
  return ['| command | does |', '| --- | --- |', ...rows].join('\n');
}

export function generateReadme(readme: string): string {
  const sections: [string, () => string][] = [
    ['config', configReference],
    ['keys', keybindingsTable],
    ['commands', commandsTable],
  ];
  return sections.reduce((text, [name, body]) => fillSection(text, name, body()), readme);
}
