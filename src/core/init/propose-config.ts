// `release-cockpit init`'s proposal: the inspections of the repository put together as a config,
// phases in the order of the seeds' release plans (checks, versions, docs, tag, crates, Python,
// push and GitHub release, bump), with publish steps only for what was found. Pure.
import type { Problem } from '../plan-types.js';
import { basenameRel, dirnameRel, joinRel, type FileView } from '../file-view.js';
import { isTable, parseTomlFile } from '../cargo-manifest.js';
import { inspectCargo, type CargoFindings } from './cargo-inspect.js';
import { inspectRegistry } from './cargo-registry.js';
import { inspectVersions } from './version-inspect.js';
import { inspectTags, type TagFindings } from './tag-inspect.js';
import { inspectChangelogs, type ChangelogStepSpec } from './changelog-inspect.js';
import { inspectChecks, packageManager, poetryDirs, type PackageManager, type RunStepSpec } from './checks-inspect.js';
import type { GitFacts, InitNote, RepoFiles } from './types.js';
import { inspectDocs } from './docs-inspect.js';

export interface Proposal {
  /** The config, ready to be written (validated by the caller through the schema). */
  config?: Record<string, unknown>;
  notes: InitNote[];
  problems: Problem[];
  /** Why there is no config (nothing to release was found). */
  nothing?: string;
  /** The previous release tag learnt from git. */
  previousTag?: string;
}

type Step = Record<string, unknown> & { id: string; kind: string };
type Phase = { id: string; title: string; steps: Step[] };

const slug = (dir: string) =>
  dir
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();

function docsSteps(changelogs: ChangelogStepSpec[], tags: TagFindings): Step[] {
  const review: Step = tags.previousTag
    ? {
        id: 'review-git-log',
        kind: 'manual',
        title: 'Review the git log since ${previousTag}',
        details: 'The commits since ${previousTag}: spot the breaking changes the changelog must call out.',
        show: ['git', 'log', '--oneline', '${previousTag}..HEAD'],
      }
    : { id: 'review-git-log', kind: 'manual', title: 'Review the git log', show: ['git', 'log', '--oneline', '-50'] };
  const steps = [review];
  for (const c of changelogs) {
    const dir = dirnameRel(c.file);
    steps.push({
      id: dir === '' ? 'changelog' : `${slug(dir)}-changelog`,
      kind: 'changelog',
      title: `${c.file}: new section`,
      file: c.file,
      ...(c.heading ? { heading: c.heading } : {}),
      ...(c.paths ? { paths: c.paths } : {}),
    });
  }
  return steps;
}

function pythonSteps(view: FileView, files: RepoFiles, versionFiles: string[], notes: InitNote[]): Step[] {
  const steps: Step[] = [];
  for (const dir of poetryDirs(view, files)) {
    const file = joinRel(dir, 'pyproject.toml');
    if (!versionFiles.includes(file)) continue;
    const data = parseTomlFile(file, view.read(file) ?? '');
    const poetry = isTable(data.tool) && isTable(data.tool.poetry) ? data.tool.poetry : {};
    const project = isTable(data.project) ? data.project : {};
    const name =
      typeof poetry.name === 'string' ? poetry.name : typeof project.name === 'string' ? project.name : undefined;
    if (!name) continue;
    const n = steps.length === 0 ? '' : `-${slug(name)}`;
    steps.push({
      id: `publish-python${n}`,
      kind: 'publish-python',
      title: `Build and publish ${name} to PyPI`,
      cwd: dir || '.',
      package: name,
    });
    steps.push({
      id: `pip-install${n}`,
      kind: 'verify-python-install',
      title: `pip install ${name}==\${version} in a fresh venv`,
      package: name,
    });
    notes.push({
      topic: 'phases',
      text: `${file}: Poetry package ${name}, so poetry build + publish to PyPI, then a pip install check.`,
    });
  }
  return steps;
}

function gitSteps(git: GitFacts, changelog: string | undefined, notes: InitNote[]): Step[] {
  if (!git.originUrl) {
    notes.push({ topic: 'phases', text: 'no `origin` remote: no push or GitHub release step.' });
    return [];
  }
  const steps: Step[] = [
    { id: 'push-tag', kind: 'git-push', title: 'Push the release tag', remote: 'origin', tag: true },
  ];
  if (/github\.com[:/]/.test(git.originUrl)) {
    steps.push({
      id: 'github-release',
      kind: 'github-release',
      title: 'Create the GitHub release',
      ...(changelog ? { changelog } : {}),
    });
    notes.push({
      topic: 'phases',
      text: `origin is on GitHub (${git.originUrl}): push the tag, then a GitHub release.`,
    });
  } else
    notes.push({ topic: 'phases', text: `origin is ${git.originUrl}, not GitHub: push the tag, no GitHub release.` });
  return steps;
}

function bumpStep(view: FileView, versionFiles: string[]): Step {
  const refresh: Record<PackageManager, string[]> = {
    npm: ['npm', 'install', '--package-lock-only'],
    pnpm: ['pnpm', 'install', '--lockfile-only'],
    yarn: ['yarn', 'install'],
  };
  // One refresh per lockfile, in its directory (a workspace's members share the root's).
  const locks = new Map<string, PackageManager>();
  for (const f of versionFiles.filter((f) => basenameRel(f) === 'package.json')) {
    const { pm, lockfile } = packageManager(view, dirnameRel(f));
    if (lockfile) locks.set(lockfile, pm);
  }
  const after = [...locks].map(([lockfile, pm]) => {
    const dir = dirnameRel(lockfile);
    return { run: refresh[pm], ...(dir ? { cwd: dir } : {}) };
  });
  const title = 'Bump every version to ${next} for the next cycle';
  return { id: 'bump-version', kind: 'bump-version', title, commit: true, ...(after.length ? { after } : {}) };
}

function cratesSection(cargo: CargoFindings, registry: ReturnType<typeof inspectRegistry>['value']) {
  if (cargo.workspace === undefined) return undefined;
  return {
    workspace: cargo.workspace,
    ...(cargo.extraManifests.length ? { extraManifests: cargo.extraManifests } : {}),
    publish: cargo.publish,
    ...(registry ? { registry } : {}),
  };
}

/** The packages users install: the published crates and the Python distribution. */
function packagesOf(cargo: CargoFindings, phases: readonly Phase[]): string[] {
  const python = phases.flatMap((p) => p.steps).flatMap((s) => (s.kind === 'publish-python' ? [s.package] : []));
  return [...cargo.publish, ...python.filter((p): p is string => typeof p === 'string')];
}

export function proposeConfig(view: FileView, files: RepoFiles, git: GitFacts, project: string): Proposal {
  const notes: InitNote[] = [
    { topic: 'project', text: `${project} (the repository directory's name; rename it freely).` },
  ];
  const problems: Problem[] = [];
  const take = <T>(r: { value: T; notes: InitNote[]; problems: Problem[] }): T => {
    notes.push(...r.notes);
    problems.push(...r.problems);
    return r.value;
  };
  const cargo = take(inspectCargo(view, files));
  const versions = take(inspectVersions(view, files, cargo));
  if (versions.version === undefined)
    return {
      notes,
      problems,
      nothing: 'found no Cargo.toml, pyproject.toml or package.json carrying a release version',
    };
  const registry = cargo.workspace !== undefined ? take(inspectRegistry(view, cargo.workspace)) : undefined;
  if (git.notARepository)
    notes.push({
      topic: 'git',
      text: 'not a git repository: no tags to learn from. The cockpit keeps its state in the git directory: `git init` and commit before releasing.',
    });
  const tags = take(inspectTags(git, versions.version));
  const changelogs = take(inspectChangelogs(view, files, versions.version));
  const checks: RunStepSpec[] = take(inspectChecks(view, files, cargo.workspace));
  const rootChangelog = changelogs.find((c) => !c.paths)?.file;

  const phases: Phase[] = [
    { id: 'checks', title: 'Code quality & testing', steps: checks.map((s) => ({ ...s })) },
    {
      id: 'versions',
      title: 'Version verification',
      steps: [{ id: 'verify-versions', kind: 'verify-versions', title: 'Every manifest carries the release version' }],
    },
    { id: 'docs', title: 'Documentation updates', steps: docsSteps(changelogs, tags) },
    {
      id: 'git-prep',
      title: 'Git preparation',
      steps: [
        {
          id: 'tag',
          kind: 'git-tag',
          title: 'Create the release tag',
          annotated: true,
          ...(git.branch ? { branch: git.branch } : {}),
          ...(tags.extraTags.length ? { extraTags: tags.extraTags } : {}),
        },
      ],
    },
    {
      id: 'crates',
      title: 'Rust crates',
      steps: cargo.publish.length
        ? [
            {
              id: 'publish-crates',
              kind: 'publish-crates',
              title: `Publish ${cargo.publish.length} crates in dependency order`,
            },
          ]
        : [],
    },
    { id: 'python', title: 'Python package', steps: pythonSteps(view, files, versions.versionFiles, notes) },
    { id: 'git', title: 'Git release', steps: gitSteps(git, rootChangelog, notes) },
    { id: 'bump', title: 'Post-release version bump', steps: [bumpStep(view, versions.versionFiles)] },
  ].filter((p) => p.steps.length > 0);
  notes.push({ topic: 'phases', text: phases.map((p) => `${p.id} (${p.steps.length})`).join(', ') + '.' });
  const crates = cratesSection(cargo, registry);
  const docsFiles = take(inspectDocs(view, files, packagesOf(cargo, phases), versions.version));
  const config = {
    project,
    tagFormat: tags.tagFormat,
    ...(crates ? { crates } : {}),
    versionFiles: versions.versionFiles,
    ...(docsFiles.length ? { docsFiles } : {}),
    phases,
  };
  return { config, notes, problems, ...(tags.previousTag ? { previousTag: tags.previousTag } : {}) };
}
