// The demo's Grafana plugin: a real package.json whose scripts run small real Node programs
// (lint, tests, build) with no dependencies, so `yarn install`, `yarn lint:fix`, `yarn test:ci`
// and `yarn build` run for real offline, and the build writes the dist/ the archive step packs.

const PACKAGE = (version: string) => ({
  name: 'micromegas-datasource',
  version,
  description: 'Micromegas FlightSQL datasource for Grafana',
  type: 'module',
  scripts: {
    build: 'node scripts/build.mjs',
    lint: 'node scripts/lint.mjs',
    'lint:fix': 'node scripts/lint.mjs --fix',
    test: 'node scripts/test.mjs',
    'test:ci': 'node scripts/test.mjs --ci',
  },
  license: 'Apache-2.0',
  engines: { node: '>=18' },
});

const QUERY = `// Builds the SQL the datasource sends: Grafana variables and the time range filled in.
export function interpolate(sql, vars) {
  return sql.replace(/\\$(\\w+)/g, (all, name) => (name in vars ? String(vars[name]) : all));
}

export function timeFilter(range) {
  const from = new Date(range.from).toISOString();
  const to = new Date(range.to).toISOString();
  return \`time BETWEEN '\${from}' AND '\${to}'\`;
}

export function buildQuery(target, range, vars = {}) {
  const sql = interpolate(target.sql, vars);
  return target.timeFilter ? \`\${sql} WHERE \${timeFilter(range)}\` : sql;
}
`;

const MODULE = `// The plugin's entry: what Grafana loads from dist/module.js.
import { buildQuery } from './query.js';

export const plugin = {
  id: 'micromegas-micromegas-datasource',
  query(targets, range, vars) {
    return targets.map((t) => buildQuery(t, range, vars));
  },
};
`;

const QUERY_TEST = `import { buildQuery, interpolate, timeFilter } from './query.js';
import { expect, test } from '../scripts/harness.mjs';

test('interpolate replaces known variables only', () => {
  expect(interpolate('SELECT $a, $b', { a: 1 })).toBe('SELECT 1, $b');
});

test('timeFilter renders an ISO range', () => {
  expect(timeFilter({ from: 0, to: 1000 })).toBe("time BETWEEN '1970-01-01T00:00:00.000Z' AND '1970-01-01T00:00:01.000Z'");
});

test('buildQuery adds the time filter when asked', () => {
  const q = buildQuery({ sql: 'SELECT * FROM log_entries', timeFilter: true }, { from: 0, to: 0 });
  expect(q.startsWith('SELECT * FROM log_entries WHERE time BETWEEN')).toBe(true);
});

test('buildQuery leaves the SQL alone otherwise', () => {
  expect(buildQuery({ sql: 'SELECT $n' }, { from: 0, to: 0 }, { n: 2 })).toBe('SELECT 2');
});
`;

const MODULE_TEST = `import { plugin } from './module.js';
import { expect, test } from '../scripts/harness.mjs';

test('the plugin id matches plugin.json', () => {
  expect(plugin.id).toBe('micromegas-micromegas-datasource');
});

test('query maps every target', () => {
  expect(plugin.query([{ sql: 'A' }, { sql: 'B' }], { from: 0, to: 0 }, {}).length).toBe(2);
});
`;

const HARNESS = `// A minimal test harness: test() registers, expect() asserts, run() reports like Jest.
const tests = [];
export function test(name, fn) {
  tests.push({ name, fn });
}
export function expect(actual) {
  return {
    toBe(expected) {
      if (!Object.is(actual, expected)) throw new Error(\`expected \${JSON.stringify(expected)}, got \${JSON.stringify(actual)}\`);
    },
  };
}
export async function run() {
  const passed = [];
  const failed = [];
  for (const t of tests.splice(0)) {
    try {
      await t.fn();
      passed.push(t.name);
    } catch (e) {
      failed.push(\`\${t.name}: \${e.message}\`);
    }
  }
  return { passed, failed };
}
`;

const TEST_RUNNER = `// Runs every src/**/*.test.js with the harness and prints a Jest-style summary.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run } from './harness.mjs';

const files = readdirSync('src').filter((f) => f.endsWith('.test.js')).sort();
let passed = 0;
let failed = 0;
let failedSuites = 0;
for (const file of files) {
  await import(pathToFileURL(join('src', file)).href);
  const result = await run();
  console.log(\`\${result.failed.length ? 'FAIL' : 'PASS'} src/\${file}\`);
  for (const name of result.passed) console.log(\`  ✓ \${name}\`);
  for (const failure of result.failed) console.log(\`  ✕ \${failure}\`);
  passed += result.passed.length;
  failed += result.failed.length;
  if (result.failed.length) failedSuites += 1;
}
const suites = files.length;
console.log(\`\\nTest Suites: \${failedSuites ? \`\${failedSuites} failed, \` : ''}\${suites - failedSuites} passed, \${suites} total\`);
console.log(\`Tests:       \${failed ? \`\${failed} failed, \` : ''}\${passed} passed, \${passed + failed} total\`);
process.exit(failed ? 1 : 0);
`;

const LINT = `// The plugin's linter: no trailing whitespace, no tabs, a final newline. --fix repairs them.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const fix = process.argv.includes('--fix');
const files = ['src', 'scripts'].flatMap((d) => readdirSync(d).filter((f) => /\\.(m?js|json)$/.test(f)).map((f) => join(d, f)));
let problems = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(/[ \\t]+$/gm, '').replace(/\\t/g, '  ').replace(/\\n*$/, '\\n');
  if (fixed === text) continue;
  if (fix) {
    writeFileSync(file, fixed);
    console.log(\`fixed \${file}\`);
  } else {
    problems += 1;
    console.log(\`\${file}: trailing whitespace, tabs or no final newline\`);
  }
}
console.log(\`\${files.length} files linted, \${problems} problems\`);
process.exit(problems ? 1 : 0);
`;

const BUILD = `// The production build: dist/ with module.js, plugin.json (version filled in) and the docs.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
rmSync('dist', { recursive: true, force: true });
mkdirSync(join('dist', 'img'), { recursive: true });
const sources = readdirSync('src').filter((f) => f.endsWith('.js') && !f.endsWith('.test.js')).sort();
const bundle = sources.map((f) => \`// src/\${f}\\n\${readFileSync(join('src', f), 'utf8').replace(/^import .*\\n/gm, '').replace(/^export /gm, '')}\`);
writeFileSync(join('dist', 'module.js'), \`/* \${pkg.name} \${pkg.version} */\\n\${bundle.join('\\n')}\`);
const plugin = readFileSync(join('src', 'plugin.json'), 'utf8').replaceAll('%VERSION%', pkg.version);
writeFileSync(join('dist', 'plugin.json'), plugin);
for (const doc of ['README.md', 'CHANGELOG.md']) if (existsSync(doc)) copyFileSync(doc, join('dist', doc));
copyFileSync(join('src', 'img', 'logo.svg'), join('dist', 'img', 'logo.svg'));
for (const f of readdirSync('dist')) console.log(\`  dist/\${f}\`);
console.log(\`built \${pkg.name} \${pkg.version}\`);
`;

/** grafana/**: package.json, sources, tests and the scripts the package.json runs. */
export function demoPluginFiles(version: string): Map<string, string> {
  const plugin = {
    type: 'datasource',
    name: 'Micromegas',
    id: 'micromegas-micromegas-datasource',
    info: {
      version: '%VERSION%',
      author: { name: 'Marc-Antoine Desroches' },
      logos: { small: 'img/logo.svg', large: 'img/logo.svg' },
    },
  };
  return new Map([
    ['grafana/package.json', `${JSON.stringify(PACKAGE(version), null, 2)}\n`],
    // A build-time placeholder: recognised and left alone by verify and bump.
    ['grafana/src/plugin.json', `${JSON.stringify(plugin, null, 2)}\n`],
    ['grafana/src/img/logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n'],
    ['grafana/src/query.js', QUERY],
    ['grafana/src/module.js', MODULE],
    ['grafana/src/query.test.js', QUERY_TEST],
    ['grafana/src/module.test.js', MODULE_TEST],
    ['grafana/scripts/harness.mjs', HARNESS],
    ['grafana/scripts/test.mjs', TEST_RUNNER],
    ['grafana/scripts/lint.mjs', LINT],
    ['grafana/scripts/build.mjs', BUILD],
    ['grafana/README.md', '# Micromegas datasource\n\nQuery Micromegas from Grafana over FlightSQL.\n'],
    ['grafana/yarn.lock', '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n'],
  ]);
}
