// A dependency's version requirement as cargo sends it to the registry: parsed and printed back
// the way cargo's semver crate prints a VersionReq ("0.15" -> "^0.15", ">= 1.0,<2" -> ">=1.0, <2",
// "1.*" stays). Anything outside the plain grammar below is refused (undefined): the caller then
// lets cargo do the upload rather than guess.

const OPS = ['>=', '<=', '=', '>', '<', '~', '^'] as const;
const NUMBER = /^(0|[1-9]\d*)$/;
const WILD = /^[*xX]$/;
const PRE = /^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$/;

// One comparator: an operator (none is a caret, or a wildcard when a part is `*`), then
// MAJOR[.MINOR[.PATCH[-PRE]]].
function comparator(text: string): string | undefined {
  const t = text.trim();
  const op = OPS.find((o) => t.startsWith(o));
  const rest = (op ? t.slice(op.length) : t).trim();
  const dash = rest.indexOf('-');
  const core = dash === -1 ? rest : rest.slice(0, dash);
  const pre = dash === -1 ? undefined : rest.slice(dash + 1);
  const parts = core.split('.');
  if (parts.length > 3 || parts.some((p) => p === '')) return undefined;
  const wild = parts.findIndex((p) => WILD.test(p));
  if (wild === -1) {
    if (!parts.every((p) => NUMBER.test(p))) return undefined;
    if (pre !== undefined && (parts.length !== 3 || !PRE.test(pre))) return undefined;
    return `${op ?? '^'}${parts.join('.')}${pre !== undefined ? `-${pre}` : ''}`;
  }
  // A wildcard: only without an operator, only as the last part(s), no pre-release.
  if (op || pre !== undefined || wild === 0) return undefined;
  if (!parts.slice(wild).every((p) => WILD.test(p)) || !parts.slice(0, wild).every((p) => NUMBER.test(p)))
    return undefined;
  return `${parts.slice(0, wild).join('.')}.*`;
}

/** cargo's printing of a version requirement, or undefined when it is not one this reads. */
export function normalizeVersionReq(req: string): string | undefined {
  const t = req.trim();
  if (t === '*' || t === 'x' || t === 'X') return '*';
  if (t === '' || /\s\s|[+|]/.test(t)) return undefined;
  const parts = t.split(',');
  if (parts.length > 32) return undefined;
  const out: string[] = [];
  for (const p of parts) {
    const c = comparator(p);
    if (c === undefined) return undefined;
    out.push(c);
  }
  return out.join(', ');
}
