import { hasEscape, stripAnsi } from './ansi.js';

// Secret masking. Pure: every line of output, every error sentence and every log line goes
// through mask() before it is stored, shown or written, so it must be cheap per line.

/** Environment variable names whose values are secrets. */
export const SECRET_NAME_PATTERN = /TOKEN|SECRET|PASSWORD|API_KEY/i;

/** Values shorter than this are ignored: masking "1" or "yes" would mangle all output. */
export const MIN_SECRET_LENGTH = 4;

export const MASK = '***';

export interface MaskerOptions {
  /** The environment the command sees (usually process.env merged with the step's env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Extra variable names to mask whatever their name (config `secrets`). */
  extraNames?: readonly string[];
  /** More environments whose secrets are masked too: each step's own `env` from the config. */
  extraEnvs?: readonly Readonly<Record<string, string | undefined>>[];
}

export interface Masker {
  mask(text: string): string;
  /** The secret values, longest first (never print them: for tests and diagnostics only). */
  secrets: string[];
}

// `Authorization: Bearer abc`, `authorization=xyz`: a cheap extra; the env rule is the contract.
// Spaces and tabs only: callers may mask several lines at once, a value never spans lines.
const AUTH_HEADER = /(authorization["']?[ \t]*[:=][ \t]*["']?)(?:(bearer|basic|token)[ \t]+)?[^\s"',;]+/gi;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Almost no output mentions authorization: one case-insensitive test first keeps the replace
// off the hot path.
const AUTH_WORD = /authorization/i;

function maskAuthHeaders(text: string): string {
  if (!AUTH_WORD.test(text)) return text;
  return text.replace(AUTH_HEADER, (_m, prefix: string, scheme: string | undefined) =>
    scheme ? `${prefix}${scheme} ${MASK}` : `${prefix}${MASK}`,
  );
}

/** Proxy variables, whose URL may carry a password (`http://user:password@proxy:3128`). */
const PROXY_NAME = /^(https?|all)_proxy$|^CARGO_HTTP_PROXY$/i;

/** The password of a proxy URL, as written and decoded; none when it has none. */
function proxyPasswords(value: string): string[] {
  const raw = /^(?:[a-z][a-z0-9+.-]*:\/\/)?[^:@/]*:([^@/]+)@/i.exec(value)?.[1];
  if (raw === undefined) return [];
  try {
    return [raw, decodeURIComponent(raw)];
  } catch {
    return [raw];
  }
}

/** Collects the secret values of `env` and `extraEnvs`: names matching SECRET_NAME_PATTERN plus `extraNames`, and proxy passwords. */
export function collectSecrets(options: MaskerOptions): string[] {
  const extra = new Set(options.extraNames ?? []);
  const values = new Set<string>();
  for (const env of [options.env ?? {}, ...(options.extraEnvs ?? [])]) {
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined || value.length < MIN_SECRET_LENGTH) continue;
      if (extra.has(name) || SECRET_NAME_PATTERN.test(name)) values.add(value);
      if (PROXY_NAME.test(name))
        for (const p of proxyPasswords(value)) if (p.length >= MIN_SECRET_LENGTH) values.add(p);
    }
  }
  // Longest first so a secret containing another one is masked whole.
  return [...values].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

export function createMasker(options: MaskerOptions = {}): Masker {
  const secrets = collectSecrets(options);
  if (secrets.length === 0) return { mask: maskAuthHeaders, secrets };
  // One alternation of escaped literals: V8 scans each line once whatever the number of secrets.
  const combined = new RegExp(secrets.map(escapeRegExp).join('|'), 'g');
  const found = new RegExp(combined.source);
  return {
    mask(text: string): string {
      let out = text.replace(combined, MASK);
      // A colour code printed inside a token hides it from the pattern: when the text without its
      // escape sequences still holds a secret, that plain text is what goes out, masked.
      if (hasEscape(out)) {
        const plain = stripAnsi(out);
        if (found.test(plain)) out = plain.replace(combined, MASK);
      }
      return maskAuthHeaders(out);
    },
    secrets,
  };
}
