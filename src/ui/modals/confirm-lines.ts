// What a confirmation says, as lines (pure): the exact commands (each with its directory when not
// the repository's root), what is already done, warnings, the preview of what gets written, and
// whether it can be undone. The view wraps them to its width and scrolls them.
import type { ConfirmRequest } from '../../engine/step-types.js';
import type { Role } from '../theme.js';
import { shellQuote, wrapText } from '../format.js';

export interface ModalLine {
  text: string;
  role?: Role;
  bold?: boolean;
  /** Continuation rows of a wrapped line start this far in. */
  indent?: number;
}

function commandLines(req: ConfirmRequest): ModalLine[] {
  const out: ModalLine[] = [];
  req.commands.forEach((argv, i) => {
    const cwd = req.cwds?.[i];
    const where = cwd !== undefined && cwd !== '.' && cwd !== '' ? `   (in ${cwd}/)` : '';
    out.push({ text: `  $ ${shellQuote(argv)}${where}`, role: 'warn', indent: 6 });
  });
  return out;
}

export function confirmLines(req: ConfirmRequest): ModalLine[] {
  const lines: ModalLine[] = [];
  // A draft to review (editFile) is not an irreversible action: no "cannot be undone" over it.
  if (req.editFile === undefined || req.commands.length > 0) {
    if (req.undo !== undefined) lines.push({ text: `Undo: ${req.undo}`, role: 'muted', indent: 6 });
    else lines.push({ text: 'This cannot be undone.', bold: true });
    lines.push({ text: req.heading ?? 'It will run:', bold: true, indent: 2 });
    lines.push(...commandLines(req));
    if (req.commands.length === 0 && req.heading === undefined)
      lines.push({ text: '  (no command: an action of the engine)', role: 'muted' });
  }
  for (const w of req.warnings ?? []) lines.push({ text: `! ${w}`, role: 'warn', indent: 2 });
  if (req.editFile !== undefined)
    lines.push({
      text: 'The draft (e opens it in $EDITOR; what you save is what gets written):',
      bold: true,
      indent: 2,
    });
  for (const d of req.details ?? []) lines.push({ text: d, indent: (/^\s*/.exec(d)?.[0].length ?? 0) + 2 });
  return lines;
}

/** Lines wrapped to `width` columns, roles kept on every row. */
export function wrapLines(lines: readonly ModalLine[], width: number): ModalLine[] {
  return lines.flatMap((l) => wrapText(l.text, width, l.indent ?? 0).map((text) => ({ ...l, text })));
}
