// The registry's answers to a publish request read into cargo's failure classes.
import { describe, expect, it } from 'vitest';
import { answerWarnings, classifyPublishAnswer, describeAnswer } from '../../src/core/publish-answer.js';

const errors = (detail: string): string => JSON.stringify({ errors: [{ detail }] });
const NOW = Date.parse('2026-12-05T12:00:00Z');

describe('classifyPublishAnswer', () => {
  it('429: rate-limited, at the time its detail gives, else its Retry-After', () => {
    const dated = classifyPublishAnswer(
      {
        status: 429,
        body: errors(
          'You have published too many crates. Please try again after Sat, 05 Dec 2026 12:10:00 GMT or email help@crates.io',
        ),
      },
      NOW,
    );
    expect(dated).toMatchObject({ kind: 'rate-limited', status: 429, retryAt: Date.parse('2026-12-05T12:10:00Z') });
    const header = classifyPublishAnswer({ status: 429, body: errors('slow down'), retryAfter: '30' }, NOW);
    expect(header).toMatchObject({ kind: 'rate-limited', retryAt: NOW + 30_000 });
  });

  it('"already uploaded" and "already exists" are already-exists', () => {
    expect(
      classifyPublishAnswer({ status: 400, body: errors('crate version `0.1.0` is already uploaded') }, NOW).kind,
    ).toBe('already-exists');
    expect(
      classifyPublishAnswer({ status: 409, body: errors('crate `x` already exists in the registry') }, NOW).kind,
    ).toBe('already-exists');
  });

  it('401/403 are auth; 5xx are server errors (retried); a validation 4xx is final', () => {
    expect(classifyPublishAnswer({ status: 403, body: errors('authentication failed') }, NOW)).toMatchObject({
      kind: 'auth',
      status: 403,
      message: 'the remote server responded with an error (status 403 Forbidden): authentication failed',
    });
    expect(classifyPublishAnswer({ status: 503, body: 'upstream gone' }, NOW)).toMatchObject({
      kind: 'server-error',
      message: 'failed to get a 200 OK response, got 503: upstream gone',
    });
    expect(
      classifyPublishAnswer(
        { status: 400, body: errors('missing or empty metadata fields: description, license') },
        NOW,
      ).kind,
    ).toBe('unknown');
  });

  it('says it in cargo words, and reads the warnings of an accepted upload', () => {
    expect(describeAnswer({ status: 400, body: errors('a'), retryAfter: null })).toBe(
      'the remote server responded with an error (status 400 Bad Request): a',
    );
    expect(
      answerWarnings(JSON.stringify({ warnings: { invalid_categories: ['x'], invalid_badges: [], other: ['note'] } })),
    ).toEqual(['the following are not valid category slugs and were ignored: x', 'note']);
    expect(answerWarnings('not json')).toEqual([]);
  });
});
