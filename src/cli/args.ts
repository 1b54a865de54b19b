// Argument parsing (node:util parseArgs): one place that knows every flag of the CLI contract.
import { parseArgs as nodeParseArgs } from 'node:util';
import { UserError } from '../core/user-error.js';

export const MODES = ['tui', 'plan', 'run', 'status', 'bump', 'rollback', 'demo', 'help', 'version'] as const;
export type Mode = (typeof MODES)[number];

export interface CliArgs {
  mode: Mode;
  repo: string;
  config?: string;
  json: boolean;
  headless: boolean;
  yes: boolean;
  dryRun: boolean;
  only?: string;
  to?: string;
  level?: 'major' | 'minor' | 'patch';
  commit: boolean;
  force: boolean;
  yank: boolean;
  unyank: boolean;
  report: boolean;
  keep: boolean;
  fast: boolean;
  /** Positional arguments after the mode (crate names for rollback). */
  rest: string[];
}

const OPTIONS = {
  repo: { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean', default: false },
  headless: { type: 'boolean', default: false },
  yes: { type: 'boolean', short: 'y', default: false },
  'dry-run': { type: 'boolean', default: false },
  only: { type: 'string' },
  to: { type: 'string' },
  level: { type: 'string' },
  commit: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  yank: { type: 'boolean', default: false },
  unyank: { type: 'boolean', default: false },
  report: { type: 'boolean', default: false },
  keep: { type: 'boolean', default: false },
  fast: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
} as const;

export function parseArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = nodeParseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    // node's messages are already one sentence ("Unknown option '--frob'").
    throw new UserError(`${(e as Error).message.replace(/\.$/, '')}.`, { hint: 'See `release-cockpit --help`.' });
  }
  const { values: v, positionals } = parsed;
  const [first, ...rest] = positionals;
  let mode: Mode = 'tui';
  if (v.help) mode = 'help';
  else if (v.version) mode = 'version';
  else if (first !== undefined) {
    if (!(MODES as readonly string[]).includes(first) || first === 'tui') {
      throw new UserError(`unknown command \`${first}\`.`, { hint: `Expected one of: ${MODES.filter((m) => m !== 'tui' && m !== 'version').join(', ')}.` });
    }
    mode = first as Mode;
  }
  const level = v.level;
  if (level !== undefined && level !== 'major' && level !== 'minor' && level !== 'patch') {
    throw new UserError(`--level must be major, minor or patch, not \`${level}\`.`);
  }
  return {
    mode,
    repo: v.repo ?? process.cwd(),
    config: v.config,
    json: v.json,
    headless: v.headless,
    yes: v.yes,
    dryRun: v['dry-run'],
    only: v.only,
    to: v.to,
    level,
    commit: v.commit,
    force: v.force,
    yank: v.yank,
    unyank: v.unyank,
    report: v.report,
    keep: v.keep,
    fast: v.fast,
    rest: first === undefined ? [] : rest,
  };
}

export const HELP = `release-cockpit: drive a multi-ecosystem monorepo release from a full-screen cockpit.

Usage:
  release-cockpit                      open the cockpit for the repo in the current directory
  release-cockpit plan [--json]        print the plan (exit 1 when it has an error)
  release-cockpit run --headless [--yes] [--dry-run] [--only PHASE]
  release-cockpit status [--json] [--report]
  release-cockpit bump --to VERSION | --level major|minor|patch [--dry-run] [--commit] [--force]
  release-cockpit rollback --yank CRATE... | --unyank CRATE... [--yes] [--force]
  release-cockpit demo [--headless] [--fast] [--yes] [--keep]

Everywhere: --repo DIR (default: current directory), --config FILE (default: <repo>/.releaserc.json).
`;
