// Regenerates test/fixtures/cargo-output/ from real cargo against the loopback registry with
// faults: `npx tsx test/sandbox/capture-cargo-output.ts`. Paths and ports are normalised so the
// samples do not change from machine to machine. Not a test: the samples are what tests read.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exec } from '../../src/adapters/exec.js';
import { makeCargoEnv } from '../../src/sandbox/cargo-env.js';
import { startRegistry, type Registry } from '../../src/sandbox/registry-server.js';
import { copyFixture, FIXTURES, sharedTargetDir } from './queue-harness.js';

const OUT = join(FIXTURES, 'cargo-output');
const targetDir = sharedTargetDir('capture');

interface Scenario {
  file: string;
  argv: string[];
  faults?: (r: Registry) => void;
  token?: string | null;
  delayMs?: number;
  before?: string[][];
  edit?: (ws: string) => void;
  closeFirst?: boolean;
}

async function capture(s: Scenario): Promise<void> {
  const reg = await startRegistry({ token: 'tok', indexDelayMs: s.delayMs ?? 0 });
  const ws = copyFixture('tiny-workspace');
  s.edit?.(ws);
  const { env, cargoHome } = makeCargoEnv({
    registryIndexUrl: reg.indexUrl,
    token: s.token === null ? undefined : (s.token ?? 'tok'),
    targetDir,
  });
  for (const argv of s.before ?? []) await exec(argv, { cwd: ws, env });
  s.faults?.(reg);
  if (s.closeFirst) await reg.close();
  const lines: string[] = [];
  const r = await exec(s.argv, { cwd: ws, env, onLine: (l) => lines.push(l.text) });
  const text = lines
    .join('\n')
    .replaceAll(ws, '/tmp/ws')
    .replaceAll(targetDir, '/tmp/target')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
  writeFileSync(join(OUT, s.file), `# ${s.argv.join(' ')}\n# exit ${r.exitCode}\n${text}\n`);
  if (!s.closeFirst) await reg.close();
  rmSync(ws, { recursive: true, force: true });
  rmSync(cargoHome, { recursive: true, force: true });
  process.stdout.write(`${s.file}: exit ${r.exitCode}\n`);
}

const publish = (c: string): string[] => ['cargo', 'publish', '-p', c];
const scenarios: Scenario[] = [
  { file: 'published.txt', argv: publish('tiny-base') },
  { file: 'published-after-wait.txt', argv: publish('tiny-base'), delayMs: 1500 },
  {
    file: 'rate-limited.txt',
    argv: publish('tiny-base'),
    faults: (r) => r.setFaults({ rateLimit: { times: 1, retryAfterSeconds: 90 } }),
  },
  { file: 'server-error.txt', argv: publish('tiny-base'), faults: (r) => r.setFaults({ serverError: { times: 1 } }) },
  {
    file: 'dropped-connection.txt',
    argv: publish('tiny-base'),
    faults: (r) => r.setFaults({ dropConnection: { times: 1 } }),
  },
  {
    file: 'duplicate-upload.txt',
    argv: publish('tiny-base'),
    delayMs: 3000,
    faults: (r) => r.setFaults({ duplicate: { times: 1 } }),
  },
  { file: 'already-exists.txt', argv: publish('tiny-base'), before: [publish('tiny-base')] },
  { file: 'auth-forbidden.txt', argv: publish('tiny-base'), token: 'wrong' },
  { file: 'auth-no-token.txt', argv: publish('tiny-base'), token: null },
  {
    file: 'compile-error.txt',
    argv: publish('tiny-solo'),
    edit: (ws) => writeFileSync(join(ws, 'solo/src/lib.rs'), 'pub fn solo() -> u32 { "x" }\n'),
  },
  { file: 'dependency-missing.txt', argv: publish('tiny-mid') },
  {
    file: 'index-server-error.txt',
    argv: publish('tiny-base'),
    faults: (r) => r.setFaults({ indexError: { times: 5 } }),
  },
  { file: 'connection-refused.txt', argv: publish('tiny-base'), closeFirst: true },
  { file: 'yank.txt', argv: ['cargo', 'yank', '--version', '0.1.0', 'tiny-base'], before: [publish('tiny-base')] },
  {
    file: 'unyank.txt',
    argv: ['cargo', 'yank', '--undo', '--version', '0.1.0', 'tiny-base'],
    before: [publish('tiny-base'), ['cargo', 'yank', '--version', '0.1.0', 'tiny-base']],
  },
  { file: 'yank-absent.txt', argv: ['cargo', 'yank', '--version', '0.1.0', 'tiny-solo'] },
];

mkdirSync(OUT, { recursive: true });
for (const s of scenarios) await capture(s);
