// `verify-versions`: reads the manifests again (they may have changed since the plan was built)
// and checks every version location against the release version, reporting all disagreements
// with file:line in one pass. Read-only, so it runs for real in dry runs too.
import type { Config } from '../../core/config/config.js';
import { createFsView } from '../../adapters/fs-view.js';
import { loadWorkspace } from '../../core/cargo-workspace.js';
import type { FileView } from '../../core/file-view.js';
import type { CrateNode, Problem, VersionLocation } from '../../core/plan-types.js';
import { isUserError } from '../../core/user-error.js';
import { checkVersions } from '../../core/version-check.js';
import { collectVersionLocations } from '../../core/version-locations.js';
import { docsReferenceSentence, scanDocs } from '../../core/docs-references.js';
import { versionFromTag } from '../../core/template.js';
import type { StepContext, StepHandler, StepOutcome } from '../step-types.js';
import { plural } from '../../core/plural.js';

export interface LocatedVersions {
  view: FileView;
  locations: VersionLocation[];
  crates: CrateNode[];
  /** Problems of locating (missing version file, a value in a form that cannot be edited). */
  problems: Problem[];
}

/** Every version location of the repo as it is on disk now, with the same rules as the plan. */
export function locateVersions(repo: string, config: Config): LocatedVersions {
  const view = createFsView(repo);
  const model = loadWorkspace(view, {
    workspace: config.crates.workspace,
    extraManifests: config.crates.extraManifests,
  });
  const { locations, problems } = collectVersionLocations(view, model, {
    published: config.crates.publish,
    versionFiles: config.versionFiles,
  });
  return { view, locations, crates: model.crates, problems };
}

/** "rust/transit/Cargo.toml:14 requires ^0.14" or "grafana/package.json:3 is 0.14.0". */
function brief(p: Problem, locations: VersionLocation[]): string {
  const where = `${p.file ?? '?'}${p.line ? `:${p.line}` : ''}`;
  const loc = locations.find((l) => l.path === p.file && l.line === p.line);
  if (!loc) return where;
  return `${where} ${loc.requirement ? 'requires' : 'is'} ${loc.value}`;
}

async function run(ctx: StepContext): Promise<StepOutcome> {
  let found: LocatedVersions;
  try {
    found = locateVersions(ctx.repo, ctx.plan.config);
  } catch (e) {
    if (isUserError(e)) return { status: 'failed', reason: e.format() };
    throw e;
  }
  const { locations } = found;
  const version = ctx.plan.version;
  const placeholders = locations.filter((l) => l.placeholder);
  for (const p of placeholders) ctx.log(`${p.path}:${p.line} ${p.value} is a placeholder, left alone`);
  for (const w of found.problems.filter((p) => p.severity === 'warning'))
    ctx.log(`warning: ${w.file ?? ''}${w.line ? `:${w.line}` : ''} ${w.message}`);
  const docs = docsWarnings(ctx, found.view);

  const errors = [...found.problems.filter((p) => p.severity === 'error'), ...checkVersions(locations, version)];
  for (const p of errors) ctx.log(`${p.file ?? ''}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  const checked = locations.length - placeholders.length;
  if (errors.length > 0) {
    const shown = errors.slice(0, 3).map((p) => brief(p, locations));
    const more = errors.length > shown.length ? `, and ${errors.length - shown.length} more` : '';
    const mismatches = errors.every((p) => /mismatch|invalid-requirement/.test(p.code));
    const what = mismatches
      ? plural(errors.length, 'version mismatch', 'version mismatches')
      : plural(errors.length, 'version problem');
    return { status: 'failed', reason: `${what}: ${shown.join(', ')}${more}` };
  }
  if (checked === 0)
    return {
      status: 'failed',
      reason: 'no version location was found; list the version-carrying files in versionFiles.',
    };
  const ph = placeholders.length ? ` (${plural(placeholders.length, 'placeholder')} left alone)` : '';
  const refs = docs > 0 ? `; ${plural(docs, 'docs reference')} to check` : '';
  return {
    status: 'passed',
    summary: `${checked} ${checked === 1 ? 'location agrees' : 'locations agree'} on ${version}${ph}${refs}`,
  };
}

/**
 * Hardcoded versions in the docs, as they are on disk now: warnings with file:line and the fix.
 * They do not fail the step: the post-release bump moves the install lines, and a mention of
 * the previous release may be history. Returns how many there are.
 */
function docsWarnings(ctx: StepContext, view: FileView): number {
  const { plan } = ctx;
  const previous = plan.previousTag !== undefined ? versionFromTag(plan.config.tagFormat, plan.previousTag) : undefined;
  const refs = scanDocs(view, plan.config, { release: plan.version, previous });
  for (const r of refs) ctx.log(`warning: ${r.path}:${r.line}: ${docsReferenceSentence(r)}`);
  return refs.length;
}

export const verifyVersionsStep: StepHandler = {
  kind: 'verify-versions',
  commands: () => [],
  run,
};
