// `release-cockpit bump --to VERSION | --level major|minor|patch [--dry-run] [--commit] [--force]`:
// moves every version location (and the local entries of the Cargo.lock files) to a new version,
// printing `path:line  old -> new` per value. All edits are verified before any file is written,
// and the files are written all or none.
import { resolve } from 'node:path';
import type { CliArgs } from './args.js';
import { applyEdits } from '../adapters/apply-edits.js';
import { createFsView } from '../adapters/fs-view.js';
import { Git, GitError } from '../adapters/git.js';
import { loadConfig } from '../config/load.js';
import { nextVersion } from '../core/next-version.js';
import { buildPlan } from '../core/plan.js';
import { UserError } from '../core/user-error.js';
import { bumpCommitMessage, formatBumpLines, lockFilesFor, prepareBump } from '../core/version-bump.js';

export async function runBumpMode(args: CliArgs, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const repo = resolve(args.repo);
  const { config, configPath } = loadConfig(repo, args.config);
  const view = createFsView(repo);
  const plan = buildPlan(config, configPath, repo, view);
  const next = nextVersion(plan.version, { to: args.to, level: args.level, force: args.force });
  const bump = prepareBump({
    files: view,
    locations: plan.versionFiles,
    crates: plan.workspaceCrates,
    versionFiles: config.versionFiles,
    lockFiles: lockFilesFor(config.crates.workspace, config.crates.extraManifests),
    next,
  });
  for (const line of formatBumpLines(bump.lines)) out(line);
  for (const p of bump.placeholders) out(`${p.path}:${p.line}  ${p.value} (placeholder, left alone)`);
  if (bump.changes.length === 0) {
    out(`Nothing to change: every version location already carries ${next}.`);
    return 0;
  }
  const summary = `${bump.lines.length} values in ${bump.changes.length} files`;
  if (args.dryRun) {
    out(`Dry run: ${summary} would move to ${next}; nothing written.`);
    return 0;
  }
  applyEdits(repo, bump.changes);
  out(`Moved ${summary} to ${next}.`);
  if (args.commit) {
    const message = bumpCommitMessage(next);
    try {
      await new Git(repo).commitFiles(bump.changes.map((c) => c.path), message);
    } catch (e) {
      if (e instanceof GitError) throw new UserError(`the files were bumped but the commit failed: ${e.message}`);
      throw e;
    }
    out(`Committed "${message}".`);
  }
  return 0;
}
