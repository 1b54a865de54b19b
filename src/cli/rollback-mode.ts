// `release-cockpit rollback --yank CRATE... | --unyank CRATE... [--yes] [--force]`: the headless
// rollback menu. Same engine as a run (lock, journal, state); each yank is confirmed (y/N on a
// terminal, --yes otherwise) and only counts once the index shows it. Exit 0 when all succeeded.
import { resolve } from 'node:path';
import type { CliArgs } from './args.js';
import { UserError } from '../core/user-error.js';
import { loadConfig } from './load-config.js';
import { buildPlan } from '../core/plan.js';
import { releasePlan } from './release-lookup.js';
import { createFsView } from '../adapters/fs-view.js';
import { terminalAsk } from '../adapters/terminal-ask.js';
import { assertCrateName } from '../core/crate-commands.js';
import { openEngine } from '../engine/engine.js';
import type { ConfirmRequest } from '../engine/step-types.js';

export interface RollbackIo {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
  /** A terminal to ask y/N on; undefined when stdin is not a TTY. */
  ask?: (question: string) => Promise<string>;
  env: Record<string, string | undefined>;
}

export function validateRollbackArgs(args: CliArgs): { undo: boolean; crates: string[] } {
  if (args.yank === args.unyank) {
    throw new UserError('rollback needs exactly one of --yank or --unyank.', {
      hint: 'e.g. `release-cockpit rollback --yank micromegas-auth --yes`.',
    });
  }
  if (args.rest.length === 0) throw new UserError(`--${args.yank ? 'yank' : 'unyank'} needs at least one crate name.`);
  for (const name of args.rest) assertCrateName(name);
  return { undo: args.unyank, crates: [...new Set(args.rest)] };
}

function describe(req: ConfirmRequest): string {
  const lines = [
    req.title,
    ...req.commands.map((c) => `  will run: ${c.join(' ')}`),
    ...(req.details ?? []).map((d) => `  ${d}`),
  ];
  return `${lines.join('\n')}\nProceed? [y/N] `;
}

export async function runRollbackMode(
  args: CliArgs,
  io: RollbackIo = { out: process.stdout, err: process.stderr, ask: terminalAsk(), env: process.env },
): Promise<number> {
  const { undo, crates } = validateRollbackArgs(args);
  if (!args.yes && !io.ask) {
    throw new UserError(
      `rollback ${undo ? '--unyank' : '--yank'} changes the registry: pass --yes to confirm when not on a terminal.`,
    );
  }
  const repo = resolve(args.repo);
  const { config, configPath } = loadConfig(repo, args.config);
  // After the post-release bump the config names the next version: yank what was released.
  const plan = releasePlan(buildPlan(config, configPath, repo, createFsView(repo)), args.version);
  const engine = await openEngine({ repo, configPath, plan, yes: args.yes, env: io.env });
  try {
    const ask = io.ask;
    if (!args.yes && ask) engine.setConfirmHandler(async (req) => /^y(es)?$/i.test((await ask(describe(req))).trim()));
    const results = undo
      ? await engine.unyank(crates, { force: args.force })
      : await engine.yank(crates, { force: args.force });
    for (const r of results) (r.ok ? io.out : io.err).write(`${r.ok ? 'ok' : 'FAILED'}  ${r.target}: ${r.message}\n`);
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await engine.close();
  }
}
