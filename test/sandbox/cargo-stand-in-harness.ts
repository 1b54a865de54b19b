// The cargo stand-in's tests' set-up (cargo-stand-in*.test.ts): the tiny fixture workspace, a real
// loopback registry, and the stand-in's output compared with what real cargo 1.95 printed
// (test/fixtures/cargo-output/).
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { makeCargoEnv } from '../../src/sandbox/cargo-env.js';
import { startRegistry, type Registry } from '../../src/sandbox/registry-server.js';
import { standInEnv } from '../../src/sandbox/stand-ins/stand-ins.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { FIXTURES } from './queue-harness.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Registers the temp dirs' and registries' cleanup (call at the top of a test file); returns
 * `setup`: a copy of the tiny workspace, a registry with a token, and the stand-in first on PATH.
 */
export function useCargoStandIn() {
  const tempDir = useTempDirs('rc-cargo-standin-');
  const regs: Registry[] = [];
  afterEach(async () => {
    for (const r of regs.splice(0)) await r.close();
  });
  return (opts: { token?: string | null; indexDelayMs?: number } = {}) => setup(tempDir, regs, opts);
}

async function setup(tempDir: () => string, regs: Registry[], opts: { token?: string | null; indexDelayMs?: number }) {
  const root = tempDir();
  const ws = join(root, 'ws');
  const target = join(root, 'target');
  mkdirSync(ws);
  cpSync(join(FIXTURES, 'tiny-workspace'), ws, { recursive: true });
  const reg = await startRegistry({ token: 'tok', indexDelayMs: opts.indexDelayMs ?? 0 });
  regs.push(reg);
  const cargo = makeCargoEnv({
    registryIndexUrl: reg.indexUrl,
    token: opts.token === null ? undefined : (opts.token ?? 'tok'),
    cargoHome: join(root, 'cargo-home'),
    targetDir: target,
  });
  const log = join(root, 'calls.jsonl');
  const env = standInEnv({ log, base: cargo.env, withCargo: true });
  // Asynchronous on purpose: the registry answering the stand-in runs in this process.
  const run = (...argv: string[]) =>
    new Promise<Run>((resolve) => {
      execFile('cargo', argv, { cwd: ws, env }, (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
      );
    });
  // What capture-cargo-output.ts does to real cargo's output, so the two compare.
  const normalize = (text: string) =>
    text
      .replaceAll(ws, '/tmp/ws')
      .replaceAll(target, '/tmp/target')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
  return { ws, reg, log, env, run, normalize };
}

// Lines that legitimately differ from the recording: sizes (no Cargo.lock in the stand-in's
// .crate), build times and the retry date in a 429.
const MASKS: [RegExp, string][] = [
  [/^(\s+Packaged) .*$/, '$1 <size>'],
  [/(target\(s\) in )[\d.]+s$/, '$1<time>'],
  [/try again after .*? GMT/, 'try again after <date>'],
];
export const mask = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => MASKS.reduce((s, [re, to]) => s.replace(re, to), l));

/** The recorded real cargo output and exit code of a fixture file. */
export function recorded(file: string): { code: number; lines: string[] } {
  const [, exit = '', ...rest] = readFileSync(join(FIXTURES, 'cargo-output', file), 'utf8').split('\n');
  return { code: Number(/# exit (\d+)/.exec(exit)?.[1]), lines: mask(rest.join('\n')) };
}

export function expectLikeCargo(r: Run, normalize: (t: string) => string, file: string): void {
  const real = recorded(file);
  expect(mask(normalize(r.stderr))).toEqual(real.lines);
  expect(r.code).toBe(real.code);
}

export async function indexLines(reg: Registry, path: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${reg.url}/index/${path}`);
  return res.status === 200
    ? (await res.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
}
