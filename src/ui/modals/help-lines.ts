// The help overlay's content, generated from the bindings: one line per command and scope,
// with the keys that trigger it and, when it is disabled right now, why.
import type { Binding, KeyContext, Scope } from '../keymap/types.js';
import { applies, reasonDisabled } from '../keymap/dispatch.js';
import { displayKey } from '../keymap/key-names.js';

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

/** How many lines the overlay has (it does not depend on the context: reasons share the line). */
export function helpLineCount(bindings: readonly Binding[]): number {
  return helpSections(bindings).reduce((n, s) => n + 1 + s.entries.length, 0);
}

export function helpLines(bindings: readonly Binding[], ctx: KeyContext): HelpLine[] {
  const out: HelpLine[] = [];
  for (const { scope, title, entries } of helpSections(bindings)) {
    out.push({ text: title, heading: true });
    for (const { keys, b } of entries) {
      const k = [...new Set(keys)].map(displayKey).join(' ');
      // Reasons only make sense for the panes the maintainer was in when opening help.
      const reason =
        scope === 'global' || scope === ctx.focus ? (applies(b, ctx) ? reasonDisabled(b, ctx) : undefined) : undefined;
      out.push({ text: `  ${k.padEnd(16)} ${b.description}`, disabled: reason });
    }
  }
  return out;
}
