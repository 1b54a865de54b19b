// The help overlay's content, generated from the bindings: one entry per command and scope, with
// the keys that trigger it, its description wrapped to the overlay and, when it is disabled right
// now, why.
import type { Binding, KeyContext, Scope } from '../keymap/types.js';
import { applies, reasonDisabled } from '../keymap/dispatch.js';
import { displayKey } from '../keymap/key-names.js';
import { wrapText } from '../format.js';

export interface HelpLine {
  text: string;
  heading?: boolean;
  disabled?: string;
}

const SECTIONS: [Scope, string][] = [
  ['global', 'Everywhere'],
  ['checklist', 'Checklist'],
  ['queue', 'Publish queue'],
  ['output', 'Output'],
  ['rollback', 'Rollback menu (y)'],
  ['history', 'Release history (h)'],
  ['confirm', 'Confirmations'],
  ['completion', 'Release summary (c)'],
];

interface HelpSection {
  scope: Scope;
  title: string;
  entries: { keys: string[]; b: Binding }[];
}

/** The bindings of each section, merged by command and description (several keys, one line). */
function helpSections(bindings: readonly Binding[]): HelpSection[] {
  const out: HelpSection[] = [];
  for (const [scope, title] of SECTIONS) {
    const merged = new Map<string, { keys: string[]; b: Binding }>();
    for (const b of bindings) {
      if (b.scope !== scope) continue;
      const id = `${b.command}:${b.description}`;
      const m = merged.get(id);
      if (m) m.keys.push(...b.keys);
      else merged.set(id, { keys: [...b.keys], b });
    }
    if (merged.size > 0) out.push({ scope, title, entries: [...merged.values()] });
  }
  return out;
}

/** Where a description starts: two spaces, the keys' column, one space. */
const DESCRIPTION_COLUMN = 19;

/** An entry's rows: its description wrapped under itself at `width` (the modal's text width). */
function entryRows(keys: readonly string[], b: Binding, width: number): string[] {
  const k = [...new Set(keys)].map(displayKey).join(' ');
  return wrapText(`  ${k.padEnd(DESCRIPTION_COLUMN - 3)} ${b.description}`, width, DESCRIPTION_COLUMN);
}

/** How many lines the overlay has at `width` (not the context: a reason shares the entry's last row). */
export function helpLineCount(bindings: readonly Binding[], width: number): number {
  return helpSections(bindings).reduce(
    (n, s) => n + 1 + s.entries.reduce((m, e) => m + entryRows(e.keys, e.b, width).length, 0),
    0,
  );
}

export function helpLines(bindings: readonly Binding[], ctx: KeyContext, width: number): HelpLine[] {
  const out: HelpLine[] = [];
  for (const { scope, title, entries } of helpSections(bindings)) {
    out.push({ text: title, heading: true });
    for (const { keys, b } of entries) {
      // Reasons only make sense for the panes the maintainer was in when opening help.
      const reason =
        scope === 'global' || scope === ctx.focus ? (applies(b, ctx) ? reasonDisabled(b, ctx) : undefined) : undefined;
      const rows = entryRows(keys, b, width);
      rows.forEach((text, i) => out.push({ text, ...(i === rows.length - 1 && reason ? { disabled: reason } : {}) }));
    }
  }
  return out;
}
