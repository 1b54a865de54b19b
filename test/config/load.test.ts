import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigText } from '../../src/config/load.js';
import { loadConfig } from '../../src/cli/load-config.js';
import { formatJsonPath } from '../../src/config/errors.js';
import { UserError } from '../../src/core/user-error.js';

function failure(text: string): UserError {
  try {
    parseConfigText(text, '.releaserc.json');
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

const valid = (steps: object[] = [{ id: 'p', kind: 'publish-crates' }], extra: object = {}) =>
  JSON.stringify({ project: 'x', ...extra, phases: [{ id: 'a', title: 'A', steps }] }, null, 2);

describe('loadConfig', () => {
  it('loads and validates the fixture config, with defaults applied', () => {
    const repo = fileURLToPath(new URL('../fixtures/micromegas', import.meta.url));
    const { config, configPath, text } = loadConfig(repo);
    expect(configPath).toBe(join(repo, '.releaserc.json'));
    expect(text).toContain('"project": "Micromegas"');
    expect(config.crates.publish).toHaveLength(12);
    expect(config.nextLevel).toBe('minor');
    expect(config.crates.registry.index).toBe('sparse+https://index.crates.io/');
  });

  it('says in one sentence when the file is missing, with a hint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rc-load-'));
    try {
      expect(() => loadConfig(dir)).toThrow(/^no config file at .*\.releaserc\.json\.$/);
      try {
        loadConfig(dir);
      } catch (e) {
        expect((e as UserError).details.hint).toContain('--config FILE');
      }
      expect(() => loadConfig(join(dir, 'nope'))).toThrow('is not a directory.');
      expect(() => loadConfig(dir, join(dir, 'custom.json'))).toThrow('no config file at');
      writeFileSync(join(dir, 'custom.json'), valid());
      expect(loadConfig(dir, join(dir, 'custom.json')).config.project).toBe('x');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('config errors', () => {
  it('malformed JSON gives file:line:column', () => {
    const e = failure('{\n  "project": "x",\n  "phases": [],\n}\n');
    // At the comma itself, not at the brace after it.
    expect(e.format()).toBe(
      '.releaserc.json:3:15: invalid JSON: a trailing comma. JSON allows no trailing comma: remove it.',
    );
    expect(failure('[1,\n 2,\n]').format()).toBe(
      '.releaserc.json:2:3: invalid JSON: a trailing comma. JSON allows no trailing comma: remove it.',
    );
    expect(failure('{\n  // comment\n  "project": "x"\n}').format()).toBe(
      '.releaserc.json:2:3: invalid JSON: a comment. JSON allows no comments: remove it.',
    );
    expect(failure('{"project": ').format()).toBe(
      '.releaserc.json:1:13: invalid JSON: the text ends where a value was expected.',
    );
    expect(failure('\uFEFF{"project": "x"}').format()).toBe(
      '.releaserc.json:1:1: invalid JSON: the file starts with a byte order mark (BOM). Save it as UTF-8 without a BOM.',
    );
    expect(failure('{\n  "project": "x"\n  "phases": []\n}').format()).toMatch(
      /^\.releaserc\.json:3:3: invalid JSON: expected `,` before `"phases"`/,
    );
    expect(failure("{'project': 1}").format()).toContain('JSON strings use double quotes.');
    expect(failure('').format()).toBe('.releaserc.json:1:1: invalid JSON: the file is empty.');
  });

  it('an unknown step kind lists the valid kinds with did-you-mean, at the line of the kind', () => {
    const e = failure(
      valid([
        { id: 'ok', kind: 'manual', title: 't' },
        { id: 'p', kind: 'publish-crate' },
      ]),
    );
    expect(e.details.line).toBe(15);
    expect(e.message).toBe(
      'phases[0].steps[1].kind: `publish-crate` is not a step kind; did you mean `publish-crates`? Valid kinds: run, manual, verify-versions, changelog, publish-crates, publish-python, verify-python-install, archive, git-tag, git-push, github-release, github-pr, bump-version.',
    );
  });

  it('names the path, the expectation and a fix for type errors', () => {
    const e = failure(valid([{ id: 'test', kind: 'run', run: 'cargo test --workspace' }]));
    expect(e.message).toBe(
      'phases[0].steps[0].run: expected array, got a string `cargo test --workspace`. Write the command as an argv array, e.g. ["cargo","test","--workspace"].',
    );
    expect(e.details.line).toBe(11);
    expect(failure('{"phases": [{"id": "a", "title": "A", "steps": []}]}').message).toBe(
      'project: required (expected string); add it.',
    );
  });

  it('suggests the right key for a misspelt one, and moves publish-crates settings to `crates`', () => {
    expect(failure(valid(undefined, { crates: { pubish: [] } })).message).toBe(
      'crates: unknown key `pubish`; did you mean `publish`?',
    );
    expect(failure(valid(undefined, { tagformat: 'v${version}' })).message).toBe(
      '(top level): unknown key `tagformat`; did you mean `tagFormat`?',
    );
    const e = failure(valid([{ id: 'p', kind: 'publish-crates', graceSeconds: 10 }]));
    expect(e.message).toBe(
      'phases[0].steps[0]: unknown key `graceSeconds`. A publish-crates step takes its settings from the `crates` section: move it to `crates.graceSeconds`.',
    );
    expect(e.details.line).toBe(11);
    expect(failure(valid([{ id: 's', kind: 'run', run: ['x'], cdw: 'rust' }])).message).toContain(
      'did you mean `cwd`?',
    );
    expect(failure(valid(undefined, { crates: { registry: { indx: 'x' } } })).message).toContain(
      'did you mean `index`?',
    );
  });

  it('enum and refine messages are one sentence each; at most five issues are shown', () => {
    expect(failure(valid(undefined, { nextLevel: 'minr' })).message).toBe(
      'nextLevel: `minr` is not allowed; did you mean `minor`?',
    );
    const many = failure(
      JSON.stringify({
        project: '',
        nextLevel: 'huge',
        tagFormat: 'x',
        crates: { publish: ['9bad'], concurrency: 0 },
        versionFiles: [''],
        phases: [],
      }),
    );
    const lines = many.message.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('project: must not be empty.');
    expect(lines[1]).toBe(
      '  .releaserc.json:1: nextLevel: `huge` is not allowed; expected one of: major, minor, patch.',
    );
    expect(lines[2]).toContain('tagFormat: tagFormat must contain ${version}.');
    expect(lines[4]).toBe('  .releaserc.json:1: crates.concurrency: must be at least 1, not 0.');
    expect(lines[5]).toBe('  (2 more problems not shown)');
  });

  it('formats JSON paths', () => {
    expect(formatJsonPath(['phases', 2, 'steps', 0, 'kind'])).toBe('phases[2].steps[0].kind');
    expect(formatJsonPath([])).toBe('(top level)');
  });
});
