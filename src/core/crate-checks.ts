// Checks that make `cargo publish` fail late if missed: names in crates.publish that are not crates,
// crates marked unpublishable, and missing metadata (description, license, README, dep versions).
import type { CrateNode, Problem } from './plan-types.js';
import type { Manifest } from './cargo-manifest.js';
import { tableLine } from './toml-scan.js';
import { existsRel, type FileView } from './file-view.js';
import { didYouMeanSuffix } from './did-you-mean.js';
import { locateJson } from './json-scan.js';

export interface PublishListContext {
  /** Every crate of the model (workspace members and extra manifests). */
  crates: readonly CrateNode[];
  /** Repo-relative workspace Cargo.toml, for the messages. */
  rootManifest?: string;
  /** crates.registry.name: a crate whose `publish = [..]` omits it cannot go there. */
  registryName: string;
  /** The config file (repo-relative when inside the repo) and its text, to point at the entry's line. */
  configFile?: string;
  configText?: string;
}

/** Problems of the crates.publish list itself: unknown names (with did-you-mean), duplicates, unpublishable crates. */
export function checkPublishList(publish: readonly string[], ctx: PublishListContext): Problem[] {
  const problems: Problem[] = [];
  const byName = new Map(ctx.crates.map((c) => [c.name, c]));
  const where = (i: number) => {
    const loc = ctx.configText !== undefined ? locateJson(ctx.configText, ['crates', 'publish', i]) : undefined;
    return { file: ctx.configFile, line: loc?.line };
  };
  const scope = ctx.rootManifest
    ? `the workspace ${ctx.rootManifest}${ctx.crates.some((c) => !c.inWorkspace) ? ' or of crates.extraManifests' : ''}`
    : ctx.crates.length > 0
      ? 'crates.extraManifests'
      : 'any manifest (crates.workspace is not set)';
  const seen = new Set<string>();
  publish.forEach((name, i) => {
    if (seen.has(name)) {
      problems.push({
        severity: 'warning',
        code: 'duplicate-in-publish-list',
        message: `crates.publish[${i}]: \`${name}\` is listed twice; the first entry counts.`,
        ...where(i),
      });
      return;
    }
    seen.add(name);
    const crate = byName.get(name);
    if (!crate) {
      const hint = didYouMeanSuffix(name, byName.keys()) || '; fix the name or remove it.';
      problems.push({
        severity: 'error',
        code: 'unknown-crate',
        message: `crates.publish[${i}]: \`${name}\` is not a crate of ${scope}${hint}`,
        ...where(i),
      });
      return;
    }
    if (crate.publish === false || (Array.isArray(crate.publish) && !crate.publish.includes(ctx.registryName))) {
      const what =
        crate.publish === false
          ? '`publish = false`'
          : `\`publish = [${crate.publish.map((r) => `"${r}"`).join(', ')}]\` (not \`${ctx.registryName}\`)`;
      problems.push({
        severity: 'error',
        code: 'crate-not-publishable',
        message: `crates.publish[${i}]: \`${name}\` has ${what} in ${crate.manifest}; remove it from the list or allow publishing.`,
        ...where(i),
      });
    }
  });
  return problems;
}

/**
 * Metadata crates.io requires, checked for a crate about to be published: description, license or
 * license-file (present), a README the manifest points to, and a version on every registry dependency.
 */
export function checkCrateMetadata(
  crate: CrateNode,
  manifest: Manifest | undefined,
  view: FileView,
  root?: Manifest,
): Problem[] {
  const problems: Problem[] = [];
  const file = crate.manifest;
  const pkgLine = manifest ? tableLine(manifest.scan, ['package']) : undefined;
  // Where an inherited field is written: the member's `x.workspace = true`, else the root's value.
  const fieldLine = (key: string) =>
    manifest?.scan.find(['package', key])?.line ?? manifest?.scan.find(['package', key, 'workspace'])?.line ?? pkgLine;

  if (!crate.description?.trim()) {
    problems.push({
      severity: 'error',
      code: 'missing-description',
      message: `\`${crate.name}\` has no \`description\`; crates.io requires one.`,
      file,
      line: pkgLine,
    });
  }
  if (!crate.license && !crate.licenseFile) {
    problems.push({
      severity: 'error',
      code: 'missing-license',
      message: `\`${crate.name}\` has neither \`license\` nor \`license-file\`; crates.io requires one.`,
      file,
      line: pkgLine,
    });
  }
  if (crate.licenseFile && !existsRel(view, crate.licenseFile)) {
    problems.push({
      severity: 'error',
      code: 'missing-license-file',
      message: `\`${crate.name}\`: license-file \`${crate.licenseFile}\` does not exist.`,
      file,
      line: fieldLine('license-file'),
    });
  }
  if (typeof crate.readme === 'string' && !existsRel(view, crate.readme)) {
    const inherited = manifest?.scan.find(['package', 'readme', 'workspace']) !== undefined;
    problems.push({
      severity: 'error',
      code: 'missing-readme',
      message: `\`${crate.name}\`: readme \`${crate.readme}\` does not exist; add it, fix the path, or set \`readme = false\`.`,
      file: inherited && root ? root.file : file,
      line: inherited && root ? root.scan.find(['workspace', 'package', 'readme'])?.line : fieldLine('readme'),
    });
  }
  for (const d of crate.deps) {
    if (d.kind !== 'dev' && d.path !== undefined && d.req === undefined) {
      problems.push({
        severity: 'error',
        code: 'dependency-without-version',
        message: `\`${crate.name}\` depends on \`${d.name}\` by path only; cargo publish needs a version too (\`version = "..."\` beside \`path\`).`,
        file: d.file,
        line: d.line,
      });
    }
  }
  return problems;
}
