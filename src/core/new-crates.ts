// New library crates the publish list forgot (object-cache, datafusion-extensions, otel-ingestion
// were each missed once): a library crate of the workspace(s), neither listed nor
// `publish = false`, whose manifest did not exist at the previous release tag. The case where a
// listed crate needs it is the publish-list closure error (crate-checks.ts), naming its dependents.
import type { Manifest } from './cargo-manifest.js';
import { existsRel, joinRel, type FileView } from './file-view.js';
import type { CrateNode, Plan, Problem } from './plan-types.js';

export interface NewCratesInput {
  crates: readonly CrateNode[];
  publish: readonly string[];
  manifests: ReadonlyMap<string, Manifest>;
  view: FileView;
  /** Repo-relative files at the previous tag (git ls-tree); without it nothing is new. */
  filesAtPreviousTag?: ReadonlySet<string>;
  previousTag?: string;
}

/** A crate with a library target: [lib], or src/lib.rs by cargo's auto-discovery. */
function isLibrary(c: CrateNode, m: Manifest | undefined, view: FileView): boolean {
  if (m && typeof m.data.lib === 'object' && m.data.lib !== null) return true;
  return existsRel(view, joinRel(m?.dir ?? c.manifest.replace(/\/?Cargo\.toml$/, ''), 'src/lib.rs'));
}

export function checkNewCrates(input: NewCratesInput): Problem[] {
  const { filesAtPreviousTag: before, previousTag } = input;
  if (!before || !previousTag) return [];
  const listed = new Set(input.publish);
  const problems: Problem[] = [];
  for (const c of input.crates) {
    if (listed.has(c.name) || c.publish === false || before.has(c.manifest)) continue;
    if (!isLibrary(c, input.manifests.get(c.manifest), input.view)) continue;
    const dependents = input.crates
      .filter((d) => d.name !== c.name && d.deps.some((x) => x.name === c.name))
      .map((d) => d.name);
    problems.push({
      severity: 'warning',
      code: 'new-library-crate',
      message: `\`${c.name}\` is a library crate new since ${previousTag}${dependents.length ? ` (used by ${dependents.join(', ')})` : ''}, neither in crates.publish nor \`publish = false\`: add it to crates.publish, or mark it \`publish = false\`.`,
      file: c.manifest,
    });
  }
  return problems;
}

/** The plan's new-crate warnings as lines for the publish step (its confirmation and its output). */
export function newCrateWarnings(plan: Pick<Plan, 'problems'>): string[] {
  return plan.problems
    .filter((p) => p.code === 'new-library-crate')
    .map((p) => `${p.file ? `${p.file}: ` : ''}${p.message}`);
}
