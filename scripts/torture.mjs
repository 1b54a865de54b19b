// The kill -9 torture suites on their own: `npm run torture` runs the CI size (50 kills of the
// engine, 20 of the publish queue); `npm run torture -- --long` runs 400 of the engine and 200 of
// the queue (TORTURE_KILLS and QUEUE_TORTURE_KILLS set other sizes).
import { spawnSync } from 'node:child_process';

const long = process.argv.includes('--long');
const sizes = long ? { TORTURE_KILLS: '400', QUEUE_TORTURE_KILLS: '200' } : {};
const env = { ...process.env, ...sizes };
const engine = env.TORTURE_KILLS ?? '50';
const queue = env.QUEUE_TORTURE_KILLS ?? '20';
process.stdout.write(`torture: ${engine} kills of the engine, ${queue} of the publish queue\n`);
const r = spawnSync('npx', ['vitest', 'run', 'test/e2e/engine-torture.test.ts', 'test/e2e/queue-torture.test.ts'], {
  stdio: 'inherit',
  env,
});
process.exit(r.status ?? 1);
