// The registry's answer to a publish request, read into the same typed failure classes as
// cargo's output (core/cargo-output.ts): its status as given, its words as cargo would print them,
// classified by the one reader, so a 429, an "already uploaded", a 401 or a 5xx mean the same to
// the queue whichever path uploaded the crate.
import { classifyFailureText, parseRetryAt, type PublishFailure } from './cargo-output.js';

export interface PublishAnswer {
  status: number;
  /** The response body as text. */
  body: string;
  /** The Retry-After header, when there was one. */
  retryAfter?: string | null;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The `errors[].detail` strings of a crates.io-style error body, if it is one. */
function errorDetails(body: string): string[] | undefined {
  try {
    const v = JSON.parse(body) as { errors?: { detail?: unknown }[] };
    if (!Array.isArray(v.errors)) return undefined;
    return v.errors.map((e) => (typeof e?.detail === 'string' ? e.detail : JSON.stringify(e)));
  } catch {
    return undefined;
  }
}

/** cargo's words for an answer other than 200 (its crates-io crate's ResponseError). */
export function describeAnswer(a: PublishAnswer): string {
  const details = errorDetails(a.body);
  const reason = REASONS[a.status] ?? 'Error';
  if (details) return `the remote server responded with an error (status ${a.status} ${reason}): ${details.join(', ')}`;
  const body = a.body.trim().split('\n')[0]?.slice(0, 300) ?? '';
  return `failed to get a 200 OK response, got ${a.status}${body ? `: ${body}` : ''}`;
}

/** Why the registry refused the upload: the failure class cargo's report of this answer gets. */
export function classifyPublishAnswer(a: PublishAnswer, now: number): PublishFailure {
  const message = describeAnswer(a);
  const failure = classifyFailureText(message, { message, status: a.status, exitCode: 101, now });
  if (failure.kind === 'rate-limited' && failure.retryAt === undefined && a.retryAfter) {
    const retryAt = parseRetryAt(`Retry-After: ${a.retryAfter}`, now);
    if (retryAt !== undefined) return { ...failure, retryAt };
  }
  return failure;
}

/** The registry's warnings on an accepted upload (invalid categories or badges, other notes). */
export function answerWarnings(body: string): string[] {
  try {
    const w = (JSON.parse(body) as { warnings?: Record<string, unknown> }).warnings ?? {};
    const list = (k: string): string[] => (Array.isArray(w[k]) ? (w[k] as unknown[]).map(String) : []);
    const out: string[] = [];
    if (list('invalid_categories').length > 0)
      out.push(`the following are not valid category slugs and were ignored: ${list('invalid_categories').join(', ')}`);
    if (list('invalid_badges').length > 0)
      out.push(`the following are not valid badges and were ignored: ${list('invalid_badges').join(', ')}`);
    return [...out, ...list('other')];
  } catch {
    return [];
  }
}
