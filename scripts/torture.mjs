// The kill -9 torture suites on their own: `npm run torture` runs the CI size (50 kills of the
// engine, 20 of the publish queue); `npm run torture -- --long` runs hundreds of kill points.
import { spawnSync } from 'node:child_process';

const long = process.argv.includes('--long');
const kills = long ? '400' : process.env.TORTURE_KILLS;
const env = { ...process.env, ...(kills ? { TORTURE_KILLS: kills } : {}) };
process.stdout.write(`torture: ${kills ?? 'default (CI-sized)'} kills per suite\n`);
const r = spawnSync('npx', ['vitest', 'run', 'test/e2e/engine-torture.test.ts', 'test/e2e/queue-torture.test.ts'], {
  stdio: 'inherit',
  env,
});
process.exit(r.status ?? 1);
