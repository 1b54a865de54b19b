import { describe, expect, it } from 'vitest';
import {
  classifyCommit,
  groupCommits,
  linkPullRequests,
  parseGithubRepo,
  renderItem,
} from '../../src/core/commit-groups.js';

const c = (subject: string, body = '') => ({ hash: subject.slice(0, 7), subject, body });

describe('classifyCommit', () => {
  it.each([
    ['feat: add OIDC provider', 'features', 'Add OIDC provider'],
    ['fix(auth): reject expired tokens', 'fixes', 'Reject expired tokens'],
    ['perf: faster index scan', 'performance', 'Faster index scan'],
    ['docs: admin guide', 'documentation', 'Admin guide'],
    ['refactor: split provider', 'refactoring', 'Split provider'],
    ['chore: tidy', 'maintenance', 'Tidy'],
    ['ci: cache cargo', 'maintenance', 'Cache cargo'],
    ['build: pin rustc', 'maintenance', 'Pin rustc'],
    ['test: cover jwks', 'maintenance', 'Cover jwks'],
    ['chore(deps): bump tokio from 1.40 to 1.41', 'dependencies', 'Bump tokio from 1.40 to 1.41'],
  ])('conventional %s', (subject, group, text) => {
    const item = classifyCommit(c(subject));
    expect(item?.group).toBe(group);
    expect(item?.text).toBe(text);
  });

  // Found by the demo: "gRPC" became "GRPC". A first word with an upper-case letter or a digit is a
  // name or a version as its author spelled it; only a fully lower-case word starts a sentence.
  it.each([
    ['feat: gRPC health check endpoint (#570)', 'gRPC health check endpoint (#570)'],
    ['feat: iOS telemetry sink', 'iOS telemetry sink'],
    ['perf: eBPF probes for the scheduler', 'eBPF probes for the scheduler'],
    ['feat: v2 query endpoint', 'v2 query endpoint'],
    ['fix: x86 build of the sink', 'x86 build of the sink'],
    ['gRPC reflection service (#590)', 'gRPC reflection service (#590)'],
    ['feat: grpc health check endpoint', 'Grpc health check endpoint'],
    ['feat: über-crate for the examples', 'Über-crate for the examples'],
    ['feat: `cargo` wrapper', '`cargo` wrapper'],
  ])('keeps the spelling of a first word that is not fully lower-case: %s', (subject, text) => {
    expect(classifyCommit(c(subject))?.text).toBe(text);
  });

  it('renders the demo subject as written', () => {
    const item = classifyCommit(c('feat: gRPC health check endpoint (#570)'));
    expect(item && renderItem(item, undefined)).toBe('- gRPC health check endpoint (#570)');
  });

  it('marks ! and BREAKING CHANGE as breaking', () => {
    expect(classifyCommit(c('feat(api)!: drop v1 endpoints'))).toMatchObject({
      group: 'breaking',
      breaking: true,
      scope: 'api',
    });
    expect(classifyCommit(c('refactor: new config', 'BREAKING CHANGE: keys renamed'))?.group).toBe('breaking');
  });

  it.each([
    ['Add client IP logging to server observability (#566)', 'features'],
    ['OIDC support for CLI tools (#549)', 'features'],
    ['New gRPC health check endpoint (#570)', 'features'],
    ['Fix CI linker crashes and improve build reliability (#572)', 'fixes'],
    ['Handle bug in span parsing', 'fixes'],
    ['Update hosted documentation links (#563)', 'documentation'],
    ['Fix 28 Dependabot security vulnerabilities (#556)', 'security'],
    ['Patch CVE-2025-58160 in tracing-subscriber', 'security'],
    ['Update Grafana plugin SDK to 11.6.7 (#555)', 'dependencies'],
    ['Bump deps', 'dependencies'],
    ['Refactor OIDC connection to library module (#588)', 'refactoring'],
    ['Modernize Unreal telemetry sink module (#584)', 'other'],
  ])('keywords: %s', (subject, group) => {
    expect(classifyCommit(c(subject))?.group).toBe(group);
  });

  it('reads PR numbers, one or several', () => {
    expect(classifyCommit(c('Security fixes via Dependabot (#555, #556)'))?.prs).toEqual([555, 556]);
    expect(classifyCommit(c('Plain subject'))?.prs).toEqual([]);
  });

  it('unwraps GitHub merge commits and drops housekeeping', () => {
    expect(
      classifyCommit(c('Merge pull request #551 from me/auth', 'HTTP authentication for ingestion')),
    ).toMatchObject({
      text: 'HTTP authentication for ingestion (#551)',
      prs: [551],
    });
    expect(classifyCommit(c("Merge branch 'main' into feature"))).toBeUndefined();
    expect(classifyCommit(c('Bump version to 0.16.0 for next development cycle'))).toBeUndefined();
  });
});

describe('groupCommits', () => {
  it('orders groups by importance and keeps commit order inside', () => {
    const groups = groupCommits([c('fix: b'), c('feat: alpha'), c('docs: d'), c('feat: beta'), c('feat!: x')]);
    expect(groups.map((g) => g.title)).toEqual(['Breaking changes', 'Features', 'Bug fixes', 'Documentation']);
    expect(groups[1]?.items.map((i) => i.text)).toEqual(['Alpha', 'Beta']);
  });
});

describe('links', () => {
  it('parses GitHub remotes', () => {
    expect(parseGithubRepo('git@github.com:madesroches/micromegas.git')).toBe('madesroches/micromegas');
    expect(parseGithubRepo('https://github.com/madesroches/micromegas')).toBe('madesroches/micromegas');
    expect(parseGithubRepo('ssh://git@github.com/madesroches/micromegas.git')).toBe('madesroches/micromegas');
    expect(parseGithubRepo('/tmp/remote.git')).toBeUndefined();
    expect(parseGithubRepo(undefined)).toBeUndefined();
  });

  it('links PR numbers in parentheses only when the repo is known', () => {
    expect(linkPullRequests('Auth (#551)', 'o/r')).toBe('Auth ([#551](https://github.com/o/r/pull/551))');
    expect(linkPullRequests('Fixes (#555, #556)', 'o/r')).toBe(
      'Fixes ([#555](https://github.com/o/r/pull/555), [#556](https://github.com/o/r/pull/556))',
    );
    expect(linkPullRequests('Issue #12 mentioned', 'o/r')).toBe('Issue #12 mentioned');
    expect(linkPullRequests('Auth (#551)', undefined)).toBe('Auth (#551)');
  });

  it('renders a bullet with its scope', () => {
    const item = classifyCommit(c('feat(auth): api keys (#546)'));
    expect(item && renderItem(item, 'o/r')).toBe('- **auth:** Api keys ([#546](https://github.com/o/r/pull/546))');
  });
});

describe('area prefixes', () => {
  it('strips only known conventional types; an area prefix is kept as the scope', () => {
    expect(classifyCommit({ hash: 'a', subject: 'grafana: add the trace view', body: '' })).toMatchObject({
      scope: 'grafana',
      text: 'Add the trace view',
    });
    expect(classifyCommit({ hash: 'b', subject: 'feat: add Y', body: '' })).toMatchObject({
      scope: undefined,
      text: 'Add Y',
      group: 'features',
    });
    expect(classifyCommit({ hash: 'c', subject: 'fix(analytics): Z', body: '' })).toMatchObject({
      scope: 'analytics',
      text: 'Z',
      group: 'fixes',
    });
  });
});
