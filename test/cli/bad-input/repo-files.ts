// Bad input corpus (bad-input-corpus.test.ts): versions, the files carrying them, and corrupt state.
import type { Case } from '../../helpers/bad-input.js';

const STATE = '.git/release-cockpit/1.0.0';
const stateJson = (schemaVersion: number) =>
  JSON.stringify({ state: { schemaVersion, project: 'Corpus', version: '1.0.0', steps: {} }, version: schemaVersion });

export const REPO_FILE_CASES: Case[] = [
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
    expect: /state\.json is not valid saved state at line 1, column \d+: .*To recover:/,
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
