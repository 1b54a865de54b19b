// `release-cockpit init [--dry-run] [--force]`: inspects the repository (core/init, over the files
// and the git facts the adapters read), writes a .releaserc.json that the schema accepts and whose
// plan runs, and says why it chose each part. --dry-run prints the file instead; an existing
// config is only replaced with --force.
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import type { CliArgs } from './args.js';
import type { Problem } from '../core/plan-types.js';
import type { InitNote } from '../core/init/types.js';
import type { FileView } from '../core/file-view.js';
import { UserError } from '../core/user-error.js';
import { scanRepo } from '../core/init/repo-scan.js';
import { proposeConfig } from '../core/init/propose-config.js';
import { formatConfigJson } from '../core/init/config-json.js';
import { buildPlan } from '../core/plan.js';
import { planIsRunnable } from '../core/plan-json.js';
import { createFsView } from '../adapters/fs-view.js';
import { readGitFacts } from '../adapters/git-facts.js';
import { fileExists, writeNewFile } from '../adapters/new-file.js';
import { DEFAULT_CONFIG_NAME, parseConfigText } from '../config/load.js';
import { formatProblem } from '../core/problem-text.js';
import { plural } from '../core/plural.js';

interface Io {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
}

const LOOKED_FOR =
  'init looks for a Cargo.toml (workspace or package), a pyproject.toml (Poetry or PEP 621 version) or a package.json with a "version", outside node_modules, target and dist.';

export async function runInitMode(
  args: CliArgs,
  io: Io = { out: process.stdout, err: process.stderr },
): Promise<number> {
  const repo = resolve(args.repo);
  const target = args.config !== undefined ? resolve(args.config) : join(repo, DEFAULT_CONFIG_NAME);
  const shown = displayPath(target);
  if (!args.dryRun && !args.force && fileExists(target))
    throw new UserError(`${shown} already exists; init does not overwrite it.`, {
      hint: 'Pass --force to replace it, or --dry-run to print what init would write.',
    });
  const view = createFsView(repo);
  if (!view.isDir(''))
    throw new UserError(`the repository \`${displayPath(repo)}\` is not a directory.`, {
      hint: 'Pass --repo DIR with the root of the repository.',
    });
  const git = await readGitFacts(repo);
  const proposal = proposeConfig(view, scanRepo(view), git, basename(repo));
  const say = args.dryRun ? io.err : io.out;
  if (!proposal.config) {
    for (const p of proposal.problems) say.write(`${formatProblem(p)}\n`);
    throw new UserError(`init ${proposal.nothing} in ${displayPath(repo)}; nothing was written.`, { hint: LOOKED_FOR });
  }
  const text = formatConfigJson(proposal.config);
  const configRel = insideRepo(repo, target);
  const config = parseConfigText(text, shown);
  const previous = proposal.previousTag ? { previousTag: proposal.previousTag } : {};
  const plan = buildPlan(config, target, repo, withFile(view, configRel, text), previous);
  say.write(`release-cockpit init: what it found in ${displayPath(repo) || '.'}\n${formatNotes(proposal.notes)}`);
  const problems = mergeProblems(proposal.problems, plan.problems);
  for (const p of problems) say.write(`  ${formatProblem(p)}\n`);
  const steps = plan.phases.reduce((n, p) => n + p.steps.length, 0);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const summary = `${plan.project} ${plan.version}: ${plural(plan.crates.length, 'crate')} to publish, ${plan.phases.length} phases, ${steps} steps, ${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')}`;
  if (args.dryRun) {
    io.out.write(text);
    say.write(`plan: ${summary}. --dry-run: nothing written.\n`);
  } else {
    if (!writeNewFile(target, text, args.force))
      throw new UserError(`${shown} appeared while init ran; it was left as it is.`, {
        hint: 'Pass --force to replace it.',
      });
    say.write(`wrote ${shown} (plan: ${summary}); \`release-cockpit plan\` shows the whole plan.\n`);
  }
  if (errors > 0 || !planIsRunnable(plan)) {
    say.write(
      `release-cockpit: the plan has ${plural(errors, 'error')} (above) from the repository itself: fix ${errors === 1 ? 'it' : 'them'}, then \`release-cockpit plan\`.\n`,
    );
    return 1;
  }
  return 0;
}

/** The notes as aligned `topic  text` lines, in the order found. */
function formatNotes(notes: InitNote[]): string {
  const width = Math.max(...notes.map((n) => n.topic.length));
  return notes.map((n) => `  ${n.topic.padEnd(width)}  ${n.text}\n`).join('');
}

/** init's own findings first, then the plan's, each once. */
function mergeProblems(own: Problem[], plan: Problem[]): Problem[] {
  const seen = new Set(own.map((p) => p.message));
  return [...own, ...plan.filter((p) => !seen.has(p.message))];
}

/** The view with the proposed config in place (the plan reads it for its line numbers) before it is written. */
function withFile(view: FileView, rel: string | undefined, text: string): FileView {
  if (rel === undefined) return view;
  return { ...view, read: (p) => (p === rel ? text : view.read(p)) };
}

function insideRepo(repo: string, abs: string): string | undefined {
  const rel = relative(repo, abs);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : undefined;
}

function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}
