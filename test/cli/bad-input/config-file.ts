// Bad input corpus (bad-input-corpus.test.ts): the config file, and paths in it that leave the repository.
import { symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { step, valid, type Case } from '../../helpers/bad-input.js';

export const CONFIG_FILE_CASES: Case[] = [
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
    name: 'index with credentials',
    args: ['plan'],
    config: { crates: { registry: { name: 'corp', index: 'sparse+https://me:s3cret@crates.corp.example/index/' } } },
    // The password is never echoed.
    expect:
      /^(?!.*s3cret).*the index URL must not carry credentials \(user:password@\): give the registry's token in the environment/,
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
];
