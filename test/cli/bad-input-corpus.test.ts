// A corpus of bad inputs as users make them (flags, configs, versions, corrupt files), each run
// through the built CLI: one sentence on stderr, exit 1, never a stack trace or an internal error.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

interface Case {
  name: string;
  args: string[];
  /** Files of the repository; `.releaserc.json` defaults to a valid config. */
  files?: Record<string, string>;
  /** Overrides merged into the valid config (ignored when files has `.releaserc.json`). */
  config?: Record<string, unknown>;
  git?: boolean;
  /** Extra setup in the repository directory. */
  setup?: (dir: string) => void;
  /** A mistake the plan finds: its problem line, then one sentence saying the run was refused. */
  planProblem?: boolean;
  expect: RegExp;
}

const step = (s: Record<string, unknown>) => ({ phases: [{ id: 'checks', title: 'Checks', steps: [s] }] });
const valid = { project: 'Corpus', version: '1.0.0', ...step({ id: 'hello', kind: 'run', run: ['node', '-e', '0'] }) };
const STATE = '.git/release-cockpit/1.0.0';
const stateJson = (schemaVersion: number) =>
  JSON.stringify({ state: { schemaVersion, project: 'Corpus', version: '1.0.0', steps: {} }, version: schemaVersion });

const CASES: Case[] = [
  // The command line.
  { name: 'unknown command', args: ['publsih'], expect: /^unknown command `publsih`\. Expected one of: / },
  { name: 'command typo', args: ['stauts'], expect: /^unknown command `stauts`; did you mean `status`\?/ },
  {
    name: 'flag typo',
    args: ['plan', '--jsno'],
    expect: /^unknown option `--jsno` of `plan`; did you mean `--json`\?/,
  },
  {
    name: 'flag of another command',
    args: ['status', '--yank', 'x'],
    expect: /^`--yank` is not an option of `status`; it belongs to `rollback`\./,
  },
  {
    name: 'flag without its value',
    args: ['bump', '--to'],
    expect: /^`--to` needs a value \(VERSION\)\. See `release-cockpit bump --help`\.$/,
  },
  {
    name: 'flag followed by another flag',
    args: ['bump', '--to', '--dry-run'],
    expect: /^`--to` needs a value \(VERSION\)\. Write `--to=--dry-run` if that is the value\.$/,
  },
  { name: 'switch given a value', args: ['plan', '--json=yes'], expect: /^`--json` takes no value \(got `yes`\)\./ },
  {
    name: 'bad choice',
    args: ['bump', '--level', 'huge'],
    expect: /^`--level` must be major, minor or patch, not `huge`\./,
  },
  { name: 'stray argument', args: ['plan', 'now'], expect: /^`plan` takes no argument `now`\./ },
  { name: 'help for an unknown command', args: ['help', 'deploy'], expect: /^unknown command `deploy`\./ },
  {
    name: 'rollback without --yank or --unyank',
    args: ['rollback', 'x', '--yes'],
    expect: /^rollback needs exactly one of --yank or --unyank\./,
  },
  {
    name: 'rollback without a crate',
    args: ['rollback', '--yank', '--yes'],
    expect: /^--yank needs at least one crate name\./,
  },
  { name: 'rollback of an invalid crate name', args: ['rollback', '--yank', 'Bad Name', '--yes'], expect: /Bad Name/ },
  {
    name: 'rollback without --yes off a terminal',
    args: ['rollback', '--yank', 'x'],
    expect: /pass --yes to confirm when not on a terminal\./,
  },
  { name: 'bump without a target', args: ['bump'], expect: /--to|--level/ },
  { name: 'bump to a non-version', args: ['bump', '--to', 'banana'], expect: /banana/ },
  {
    name: 'bump backwards',
    args: ['bump', '--to', '0.9.0'],
    files: { 'package.json': '{"version": "1.0.0"}' },
    config: { versionFiles: ['package.json'] },
    expect: /is not above the current version 1\.0\.0; add --force/,
  },
  { name: 'unknown phase for --only', args: ['run', '--headless', '--only', 'chekcs'], git: true, expect: /chekcs/ },
  {
    name: 'repo that is not a directory',
    args: ['plan', '--repo', '/nonexistent/repo'],
    expect: /is not a directory\. Pass --repo DIR/,
  },
  {
    name: 'missing --config file',
    args: ['plan', '--config', 'nowhere.json'],
    expect: /^no config file at .*nowhere\.json\. Check the --config path/,
  },
  // The config file.
  { name: 'no config', args: ['plan'], files: {}, expect: /^no config file at .*\.releaserc\.json\./ },
  {
    name: 'empty config',
    args: ['plan'],
    files: { '.releaserc.json': '' },
    expect: /\.releaserc\.json:1:1: invalid JSON: the file is empty\./,
  },
  {
    name: 'BOM',
    args: ['plan'],
    files: { '.releaserc.json': `\uFEFF${JSON.stringify(valid)}` },
    expect: /\.releaserc\.json:1:1: invalid JSON: the file starts with a byte order mark/,
  },
  {
    name: 'trailing comma',
    args: ['plan'],
    files: { '.releaserc.json': '{\n  "project": "x",\n}\n' },
    expect: /\.releaserc\.json:2:17: invalid JSON: a trailing comma\./,
  },
  {
    name: 'comment',
    args: ['plan'],
    files: { '.releaserc.json': '{\n  // the project\n  "project": "x"\n}' },
    expect: /\.releaserc\.json:2:3: invalid JSON: a comment\. JSON allows no comments/,
  },
  {
    name: 'single quotes',
    args: ['plan'],
    files: { '.releaserc.json': "{'project': 'x'}" },
    expect: /\.releaserc\.json:1:2: invalid JSON: .*JSON strings use double quotes\./,
  },
  {
    name: 'unclosed object',
    args: ['plan'],
    files: { '.releaserc.json': '{"project": "x"' },
    expect: /invalid JSON: an object is not closed/,
  },
  {
    name: 'array at the top',
    args: ['plan'],
    files: { '.releaserc.json': '[]' },
    expect: /expected object, got an array/,
  },
  {
    name: 'missing project',
    args: ['plan'],
    files: { '.releaserc.json': JSON.stringify({ phases: valid.phases }) },
    expect: /project: required/,
  },
  { name: 'no phases', args: ['plan'], config: { phases: [] }, expect: /a release needs at least one phase/ },
  {
    name: 'unknown top-level key',
    args: ['plan'],
    config: { tagFromat: 'v${version}' },
    expect: /unknown key `tagFromat`; did you mean `tagFormat`\?/,
  },
  {
    name: 'step kind typo',
    args: ['plan'],
    config: step({ id: 'p', kind: 'publish-crate' }),
    expect: /`publish-crate` is not a step kind; did you mean `publish-crates`\?/,
  },
  { name: 'step without kind', args: ['plan'], config: step({ id: 'p' }), expect: /a step needs a `kind`, one of: / },
  {
    name: 'command as a shell string',
    args: ['plan'],
    config: step({ id: 'r', kind: 'run', run: 'cargo test --all' }),
    expect: /expected array, got a string .*argv array, e\.g\. \["cargo","test","--all"\]/,
  },
  {
    name: 'empty argv',
    args: ['plan'],
    config: step({ id: 'r', kind: 'run', run: [] }),
    expect: /a command needs at least the program name/,
  },
  {
    name: 'bad step id',
    args: ['plan'],
    config: step({ id: 'Run Tests', kind: 'run', run: ['x'] }),
    expect: /a step id is lowercase letters/,
  },
  {
    name: 'invalid crate name',
    args: ['plan'],
    config: { crates: { publish: ['my crate'] } },
    expect: /a crate name is ASCII letters/,
  },
  {
    name: 'index not sparse',
    args: ['plan'],
    config: { crates: { registry: { index: 'https://github.com/rust-lang/crates.io-index' } } },
    expect: /the index must be a sparse index URL/,
  },
  {
    name: 'concurrency 0',
    args: ['plan'],
    config: { crates: { concurrency: 0 } },
    expect: /concurrency: must be at least 1, not 0/,
  },
  {
    name: 'tagFormat without version',
    args: ['plan'],
    config: { tagFormat: 'release' },
    expect: /tagFormat must contain \$\{version\}/,
  },
  {
    name: 'publish setting on the step',
    args: ['plan'],
    config: step({ id: 'p', kind: 'publish-crates', concurrency: 2 }),
    expect: /move it to `crates\.concurrency`/,
  },
  // Paths that leave the repository.
  {
    name: 'cwd up and out',
    args: ['plan'],
    config: step({ id: 'r', kind: 'run', run: ['ls'], cwd: '../../../../etc' }),
    expect:
      /\.releaserc\.json:\d+:\d+: phases\[0\]\.steps\[0\]\.cwd: `\.\.\/\.\.\/\.\.\/\.\.\/etc` goes up with `\.\.`/,
  },
  {
    name: 'absolute version file',
    args: ['plan'],
    config: { versionFiles: ['/etc/passwd'] },
    expect: /versionFiles\[0\]: `\/etc\/passwd` is absolute/,
  },
  {
    name: 'changelog outside',
    args: ['plan'],
    config: step({ id: 'c', kind: 'changelog', file: '../CHANGELOG.md' }),
    expect: /steps\[0\]\.file: `\.\.\/CHANGELOG\.md` goes up/,
  },
  {
    name: 'extra manifest outside',
    args: ['plan'],
    config: { crates: { extraManifests: ['../other/Cargo.toml'] } },
    expect: /crates\.extraManifests\[0\]: .* goes up/,
  },
  {
    name: 'symlink leading out',
    args: ['plan'],
    config: { versionFiles: ['link/package.json'] },
    setup: (d) => symlinkSync(tmpdir(), join(d, 'link')),
    expect: /versionFiles\[0\]: `link\/package\.json` goes through `link`, a symlink to .*, outside the repository/,
  },
  // Versions and the files carrying them.
  {
    name: 'release version not semver',
    args: ['run', '--headless'],
    git: true,
    planProblem: true,
    config: { version: 'one' },
    expect: /^error: \.releaserc\.json:\d+: the release version `one` is not a semantic version/,
  },
  {
    name: 'version file disagrees',
    args: ['run', '--headless'],
    git: true,
    planProblem: true,
    config: { versionFiles: ['package.json'] },
    files: { 'package.json': '{\n  "version": "0.9.0"\n}' },
    expect: /^error: package\.json:2: .*0\.9\.0/,
  },
  {
    name: 'corrupt package.json',
    args: ['plan'],
    config: { versionFiles: ['package.json'] },
    files: { 'package.json': '{"version": "1.0.0",}' },
    expect: /package\.json:1:20: invalid JSON: a trailing comma\./,
  },
  {
    name: 'corrupt Cargo.toml',
    args: ['plan'],
    config: { versionFiles: ['Cargo.toml'] },
    files: { 'Cargo.toml': '[package\nname = "x"\n' },
    expect: /Cargo\.toml/,
  },
  // Corrupt state.
  {
    name: 'corrupt state.json',
    args: ['status'],
    git: true,
    files: { [`${STATE}/state.json`]: '{"state": {' },
    expect: /state\.json is corrupt/,
  },
  {
    name: 'state from a newer tool',
    args: ['status'],
    git: true,
    files: { [`${STATE}/state.json`]: stateJson(999) },
    expect: /written by a newer release-cockpit .* Update the release-cockpit checkout/,
  },
  {
    name: 'status without a release',
    args: ['status'],
    git: true,
    expect: /^no release in progress for Corpus 1\.0\.0\./,
  },
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function repoFor(c: Case): string {
  const dir = mkdtempSync(join(tmpdir(), 'rc-corpus-'));
  dirs.push(dir);
  const files: Record<string, string> = {
    '.releaserc.json': JSON.stringify({ ...valid, ...c.config }, null, 2),
    ...c.files,
  };
  if (c.files && Object.keys(c.files).length === 0) delete files['.releaserc.json'];
  if (c.git) execFileSync('git', ['init', '-q'], { cwd: dir });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  c.setup?.(dir);
  return dir;
}

function run(c: Case): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dir = repoFor(c);
  const args = c.args.includes('--repo') ? c.args : ['--repo', dir, ...c.args];
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', CI: 'true' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('bad input corpus', () => {
  it('has 40 cases or more, each named once', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  // Four at a time: each case is a real process.
  const batches: Case[][] = [];
  for (let i = 0; i < CASES.length; i += 4) batches.push(CASES.slice(i, i + 4));
  it.each(batches.map((b) => [b.map((c) => c.name).join(', '), b] as const))('%s', async (_names, batch) => {
    const results = await Promise.all(batch.map(run));
    batch.forEach((c, i) => {
      const r = results[i]!;
      const lines = r.stderr.trim().split('\n');
      expect.soft(r.code, `${c.name}: ${r.stderr}`).toBe(1);
      if (c.planProblem) {
        expect.soft(lines[0], c.name).toMatch(c.expect);
        expect
          .soft(lines.at(-1), c.name)
          .toMatch(/^release-cockpit: the plan has \d+ errors?; fix (it|them) before running/);
      } else {
        expect.soft(lines, `${c.name}: one line`).toHaveLength(1);
        expect.soft(lines[0], c.name).toMatch(/^release-cockpit: /);
        expect.soft((lines[0] ?? '').replace(/^release-cockpit: /, ''), c.name).toMatch(c.expect);
      }
      expect.soft(r.stderr, c.name).not.toMatch(/internal error|\bat .*:\d+:\d+\)|Error:|undefined|\[object Object\]/);
    });
  });
});
