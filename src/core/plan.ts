// The plan: everything computed before anything runs. Pure: all reads go through the FileView.
import semver from 'semver';
import type { Config } from './config/config.js';
import type { CrateNode, Plan, PlannedCrate, Problem } from './plan-types.js';
import { UserError } from './user-error.js';
import { normalizeRel, type FileView } from './file-view.js';
import { loadWorkspace } from './cargo-workspace.js';
import { planCrateGraph } from './crate-graph.js';
import { checkCrateMetadata, checkPublishList } from './crate-checks.js';
import { collectVersionLocations } from './version-locations.js';
import { checkVersions } from './version-check.js';
import { locateJson } from './json-scan.js';
import { checkReleaseTags } from './release-tags.js';
import { checkNewCrates } from './new-crates.js';
import { commandPlaceholderProblems, planPhases, templateProblems } from './plan-steps.js';
import { formatTag, versionFromTag } from './template.js';
import { docsProblems, scanDocs } from './docs-references.js';

export interface BuildPlanOptions {
  /** The last release tag (from git), when known; overrides config.previousTag. */
  previousTag?: string;
  /** Repo-relative files at the previous tag (git ls-tree): crates new since then are named. */
  filesAtPreviousTag?: ReadonlySet<string>;
}

/** Keys every step kind accepts; anything else on a publish-crates step belongs in `crates`. */
const COMMON_STEP_KEYS = new Set(['id', 'kind', 'title', 'irreversible']);

/** crates.io's requirements (description, license, README) for every crate to publish. */
function publishedCrateMetadata(
  ws: ReturnType<typeof loadWorkspace>,
  order: string[],
  byName: Map<string, CrateNode>,
  files: FileView,
): Problem[] {
  const rootManifest = ws.rootManifest !== undefined ? ws.manifests.get(ws.rootManifest) : undefined;
  return order.flatMap((name) => {
    const crate = byName.get(name)!;
    return checkCrateMetadata(crate, ws.manifests.get(crate.manifest), files, rootManifest);
  });
}

/** The crates to publish in order, with their layer and internal dependencies. */
function plannedCrates(graph: ReturnType<typeof planCrateGraph>, byName: Map<string, CrateNode>): PlannedCrate[] {
  return graph.order.map((name) => {
    const c = byName.get(name)!;
    return {
      name,
      version: c.version,
      manifest: c.manifest,
      layer: graph.layers.get(name) ?? 0,
      dependsOn: graph.dependsOn.get(name) ?? [],
    };
  });
}

/**
 * Builds the plan for the repo at `repoAbs` (absolute) with a validated config.
 * Throws UserError when nothing sensible can be planned (malformed manifest, missing workspace
 * Cargo.toml, no release version anywhere); every other finding is a Problem in plan.problems.
 */
export function buildPlan(
  config: Config,
  configPath: string,
  repoAbs: string,
  files: FileView,
  opts: BuildPlanOptions = {},
): Plan {
  const ws = loadWorkspace(files, { workspace: config.crates.workspace, extraManifests: config.crates.extraManifests });
  const problems: Problem[] = [...ws.problems];
  const configFile = repoRelative(repoAbs, configPath);
  const configText = configFile !== undefined ? files.read(configFile) : undefined;
  const configLine = (path: (string | number)[]) =>
    configText !== undefined ? locateJson(configText, path)?.keyLine : undefined;

  problems.push(
    ...checkPublishList(config.crates.publish, {
      crates: ws.crates,
      rootManifest: ws.rootManifest,
      registryName: config.crates.registry.name,
      configFile,
      configText,
    }),
  );
  const graph = planCrateGraph(ws.crates, config.crates.publish);
  problems.push(...graph.problems);
  const byName = new Map<string, CrateNode>();
  for (const c of ws.crates) if (!byName.has(c.name)) byName.set(c.name, c);
  problems.push(...publishedCrateMetadata(ws, graph.order, byName, files));

  const versions = collectVersionLocations(files, ws, { published: graph.order, versionFiles: config.versionFiles });
  problems.push(...versions.problems);
  // A lone package (no [workspace]) at crates.workspace gives its own version.
  const rootCrate = ws.crates.find((c) => c.manifest === ws.rootManifest);
  const version = releaseVersion(
    config,
    ws.root?.package.version ?? (ws.root ? undefined : rootCrate?.version),
    versions.locations,
  );
  let next = version;
  if (semver.valid(version) === null) {
    problems.push({
      severity: 'error',
      code: 'invalid-version',
      message: `the release version \`${version}\` is not a semantic version (e.g. 0.15.0).`,
      file: configFile,
      line: configLine(['version']),
    });
  } else {
    next = semver.inc(version, config.nextLevel) ?? version;
    problems.push(...checkVersions(versions.locations, version));
  }
  const tag = formatTag(config.tagFormat, version);
  const previousTag = opts.previousTag ?? config.previousTag;

  const crates = plannedCrates(graph, byName);
  const vars = { version, next, tag, project: config.project, previousTag };
  const phases = planPhases(config.phases, vars, crates.length);
  problems.push(
    ...commandPlaceholderProblems(phases, (pi, si, key, index) => ({
      file: configFile,
      line: configLine(['phases', pi, 'steps', si, key, index]),
    })),
  );
  problems.push(...checkSteps(config, files, configFile, configLine));
  problems.push(...checkReleaseTags({ version, tag, project: config.project, phases }, configFile, configLine));

  const plan: Plan = {
    project: config.project,
    repo: repoAbs,
    configPath,
    version,
    next,
    tag,
    crates,
    workspaceCrates: ws.crates,
    versionFiles: versions.locations,
    phases,
    problems,
    config,
  };
  problems.push(...comparedWithPreviousRelease(config, ws, files, opts, previousTag, version));
  if (previousTag !== undefined) plan.previousTag = previousTag;
  return plan;
}

/** What the previous release tells: library crates new since then, docs still naming older versions. */
function comparedWithPreviousRelease(
  config: Config,
  ws: ReturnType<typeof loadWorkspace>,
  files: FileView,
  opts: BuildPlanOptions,
  previousTag: string | undefined,
  version: string,
): Problem[] {
  const previous = previousTag !== undefined ? versionFromTag(config.tagFormat, previousTag) : undefined;
  return [
    ...checkNewCrates({
      crates: ws.crates,
      publish: config.crates.publish,
      manifests: ws.manifests,
      view: files,
      filesAtPreviousTag: opts.filesAtPreviousTag,
      previousTag,
    }),
    ...docsProblems(scanDocs(files, config, { release: version, previous })),
  ];
}

function releaseVersion(config: Config, wsVersion: unknown, locations: Plan['versionFiles']): string {
  if (config.version !== undefined) return config.version;
  if (typeof wsVersion === 'string') return wsVersion;
  const first = config.versionFiles[0] !== undefined ? normalizeRel(config.versionFiles[0]) : undefined;
  const loc = locations.find((l) => l.path === first && !l.requirement && !l.placeholder);
  if (loc) return loc.value;
  throw new UserError('no release version found.', {
    hint: 'Set `version` in the config, a [workspace.package] version in the workspace Cargo.toml, or list a version file first in versionFiles.',
  });
}

function checkSteps(
  config: Config,
  files: FileView,
  configFile: string | undefined,
  configLine: (p: (string | number)[]) => number | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const stepIds = new Map<string, string>();
  const phaseIds = new Set<string>();
  let publishSteps = 0;
  config.phases.forEach((phase, pi) => {
    if (phaseIds.has(phase.id)) {
      problems.push({
        severity: 'error',
        code: 'duplicate-phase-id',
        message: `phases[${pi}]: the phase id \`${phase.id}\` is used twice; phase ids must be unique.`,
        file: configFile,
        line: configLine(['phases', pi, 'id']),
      });
    }
    phaseIds.add(phase.id);
    phase.steps.forEach((step, si) => {
      const at = `phases[${pi}].steps[${si}]`;
      const line = (key?: string) => configLine(key ? ['phases', pi, 'steps', si, key] : ['phases', pi, 'steps', si]);
      const earlier = stepIds.get(step.id);
      if (earlier !== undefined) {
        problems.push({
          severity: 'error',
          code: 'duplicate-step-id',
          message: `${at}: the step id \`${step.id}\` is already used by ${earlier}; step ids must be unique across the file.`,
          file: configFile,
          line: line('id'),
        });
      } else stepIds.set(step.id, at);
      problems.push(...templateProblems(step, at, (key) => ({ file: configFile, line: line(key) })));
      if (step.kind === 'publish-crates') {
        publishSteps++;
        const extra = Object.keys(step).filter((k) => !COMMON_STEP_KEYS.has(k));
        if (extra.length > 0) {
          problems.push({
            severity: 'warning',
            code: 'unknown-step-setting',
            message: `${at}: publish-crates ignores ${extra.map((k) => `\`${k}\``).join(', ')}; its settings live in the \`crates\` section.`,
            file: configFile,
            line: line(),
          });
        }
      }
      const cwd = step.kind === 'run' || step.kind === 'publish-python' ? step.cwd : undefined;
      if (cwd !== undefined && !files.isDir(normalizeRel(cwd))) {
        problems.push({
          severity: 'error',
          code: 'missing-cwd',
          message: `${at}: cwd \`${cwd}\` is not a directory of the repository.`,
          file: configFile,
          line: line('cwd'),
        });
      }
    });
  });
  if (publishSteps > 0 && config.crates.publish.length === 0) {
    // A queue with nothing to publish is a config mistake, not a plan: say so before anything runs.
    problems.push({
      severity: 'error',
      code: 'empty-publish-list',
      message:
        'a publish-crates step exists but crates.publish is empty: list the crates to publish, or remove the step.',
      file: configFile,
      line: configLine(['crates', 'publish']) ?? configLine(['crates']),
    });
  }
  return problems;
}

/** Repo-relative POSIX path of `abs` when it lies inside `repoAbs` (string work only: core does no IO). */
function repoRelative(repoAbs: string, abs: string): string | undefined {
  const root = repoAbs.replace(/\\/g, '/').replace(/\/+$/, '');
  const p = abs.replace(/\\/g, '/');
  if (p === root) return undefined;
  return p.startsWith(`${root}/`) ? normalizeRel(p.slice(root.length + 1)) : undefined;
}
