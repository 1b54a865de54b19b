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

function undoLine(req: ConfirmRequest): ModalLine {
  return req.undo !== undefined
    ? { text: `Undo: ${req.undo}`, role: 'muted', indent: 6 }
    : { text: 'This cannot be undone.', bold: true };
}

/** Steps the maintainer takes by hand (nothing runs from here), numbered. */
function manualLines(manual: NonNullable<ConfirmRequest['manual']>): ModalLine[] {
  return [
    { text: 'Nothing runs from here. Do it yourself:', bold: true, indent: 2 },
    ...manual.steps.map((s, i) => ({ text: `  ${i + 1}. ${s}`, indent: 5 })),
  ];
}

export function confirmLines(req: ConfirmRequest): ModalLine[] {
  const lines: ModalLine[] = [];
  if (req.manual) {
    lines.push(...manualLines(req.manual), undoLine(req));
  } else if (req.editFile === undefined || req.commands.length > 0) {
    // A draft to review (editFile) alone is not an irreversible action: no "cannot be undone" over it.
    lines.push(undoLine(req));
    lines.push({ text: req.heading ?? 'It will run:', bold: true, indent: 2 });
    lines.push(...commandLines(req));
    if (req.commands.length === 0 && req.heading === undefined)
      lines.push({ text: '  (no command: an action of the engine)', role: 'muted' });
  }
  for (const w of req.warnings ?? []) lines.push({ text: `! ${w}`, role: 'warn', indent: 2 });
  if (req.editFile !== undefined)
    lines.push({
      text:
        req.editBase !== undefined
          ? 'What changes (e opens it in $EDITOR; what you save is what gets applied):'
          : 'The draft (e opens it in $EDITOR; what you save is what gets written):',
      bold: true,
      indent: 2,
    });
  for (const d of req.details ?? [])
    lines.push({
      text: d,
      indent: (/^\s*/.exec(d)?.[0].length ?? 0) + 2,
      ...(req.editBase !== undefined && /^[-+] /.test(d) ? { role: d.startsWith('+') ? 'ok' : 'fail' } : {}),
    });
  return lines;
}

/** Lines wrapped to `width` columns, roles kept on every row. */
export function wrapLines(lines: readonly ModalLine[], width: number): ModalLine[] {
  return lines.flatMap((l) => wrapText(l.text, width, l.indent ?? 0).map((text) => ({ ...l, text })));
}
