// init, checks: cargo fmt/clippy/test for the Cargo workspace, `poetry run pytest` for each Poetry
// project, and the lint/test/build scripts of each package.json with the package manager its
// lockfile names (after an install from that lockfile). CI scripts are listed, never added. Pure.
import { basenameRel, dirnameRel, existsRel, joinRel, type FileView } from '../file-view.js';
import { isTable, parseTomlFile } from '../cargo-manifest.js';
import type { InitNote, InspectResult, RepoFiles } from './types.js';

export interface RunStepSpec {
  id: string;
  kind: 'run';
  title: string;
  run: string[];
  cwd?: string;
  summary?: string;
  summaryMode?: 'sum';
}

export type PackageManager = 'yarn' | 'npm' | 'pnpm';

const LOCKFILES: [string, PackageManager][] = [
  ['yarn.lock', 'yarn'],
  ['pnpm-lock.yaml', 'pnpm'],
  ['package-lock.json', 'npm'],
];
const SCRIPTS = ['lint', 'test', 'build'];
const CI =
  /(^|\/)(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.yml|\.circleci\/config\.yml|Jenkinsfile)$|(^|\/)\.ci\/[^/]+$|(^|[/_-])ci(\.[a-z]+)?$|(^|[/_-])ci[_-][^/]*$/i;

const slug = (dir: string) =>
  dir
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
const at = (dir: string) => (dir === '' || dir === '.' ? {} : { cwd: dir });
const prefix = (dir: string) => (dir === '' || dir === '.' ? '' : `${slug(dir)}-`);
const label = (dir: string) => (dir === '' || dir === '.' ? '' : `${dir}: `);

/** The package manager of a package.json's directory: the lockfile there or in a parent directory. */
export function packageManager(view: FileView, dir: string): { pm: PackageManager; lockfile?: string } {
  for (let d = dir; ; d = dirnameRel(d)) {
    for (const [file, pm] of LOCKFILES)
      if (existsRel(view, joinRel(d, file))) return { pm, lockfile: joinRel(d, file) };
    if (d === '') return { pm: 'npm' };
  }
}

export const INSTALL: Record<PackageManager, string[]> = {
  yarn: ['yarn', 'install', '--frozen-lockfile'],
  npm: ['npm', 'ci'],
  pnpm: ['pnpm', 'install', '--frozen-lockfile'],
};

function cargoChecks(workspace: string | undefined): RunStepSpec[] {
  if (workspace === undefined) return [];
  const cwd = at(workspace);
  return [
    { id: 'cargo-fmt', kind: 'run', title: 'cargo fmt --check', run: ['cargo', 'fmt', '--check'], ...cwd },
    {
      id: 'cargo-clippy',
      kind: 'run',
      title: 'cargo clippy -D warnings',
      run: ['cargo', 'clippy', '--workspace', '--', '-D', 'warnings'],
      ...cwd,
    },
    {
      id: 'cargo-test',
      kind: 'run',
      title: 'cargo test',
      run: ['cargo', 'test'],
      ...cwd,
      summary: 'test result: ok\\. (\\d+ passed)',
      summaryMode: 'sum',
    },
  ];
}

/** Poetry projects: [tool.poetry] in pyproject.toml, or a poetry.lock beside it. */
export function poetryDirs(view: FileView, files: RepoFiles): string[] {
  return files
    .filter((f) => basenameRel(f) === 'pyproject.toml')
    .filter((f) => {
      const dir = dirnameRel(f);
      if (existsRel(view, joinRel(dir, 'poetry.lock'))) return true;
      try {
        const tool = parseTomlFile(f, view.read(f) ?? '').tool;
        return isTable(tool) && isTable(tool.poetry);
      } catch {
        return false;
      }
    })
    .map((f) => dirnameRel(f));
}

function scriptsOf(view: FileView, file: string): { scripts: string[]; workspaces: boolean } {
  try {
    const pkg = JSON.parse(view.read(file) ?? '') as { scripts?: Record<string, unknown>; workspaces?: unknown };
    const scripts = isTable(pkg.scripts) ? Object.keys(pkg.scripts) : [];
    return { scripts: SCRIPTS.filter((s) => scripts.includes(s)), workspaces: pkg.workspaces !== undefined };
  } catch {
    return { scripts: [], workspaces: false };
  }
}

function nodeChecks(view: FileView, files: RepoFiles, notes: InitNote[]): RunStepSpec[] {
  const steps: RunStepSpec[] = [];
  const packages = files.filter((f) => basenameRel(f) === 'package.json').map((f) => ({ f, ...scriptsOf(view, f) }));
  const roots = packages.filter((p) => p.workspaces).map((p) => dirnameRel(p.f));
  for (const p of packages) {
    const dir = dirnameRel(p.f);
    // A member of an npm/yarn/pnpm workspace: its root's scripts run it (and its install covers it).
    if (roots.some((r) => r !== dir && (r === '' || dir.startsWith(`${r}/`)))) continue;
    if (p.scripts.length === 0) continue;
    const { pm, lockfile } = packageManager(view, dir);
    notes.push({
      topic: 'checks',
      text: `${p.f}: ${pm} (${lockfile ? `from ${lockfile}` : 'no lockfile: npm'}), scripts ${p.scripts.join(', ')}.`,
    });
    steps.push({
      id: `${prefix(dir)}install`,
      kind: 'run',
      title: `${label(dir)}${INSTALL[pm].join(' ')}`,
      run: INSTALL[pm],
      ...at(dir),
    });
    for (const s of p.scripts) {
      const run = pm === 'yarn' ? ['yarn', s] : [pm, 'run', s];
      steps.push({ id: `${prefix(dir)}${s}`, kind: 'run', title: `${label(dir)}${run.join(' ')}`, run, ...at(dir) });
    }
  }
  return steps;
}

export function inspectChecks(
  view: FileView,
  files: RepoFiles,
  cargoWorkspace: string | undefined,
): InspectResult<RunStepSpec[]> {
  const notes: InitNote[] = [];
  const steps = cargoChecks(cargoWorkspace);
  if (steps.length > 0) {
    const where = cargoWorkspace === '.' ? 'the repository root' : `${cargoWorkspace}/`;
    notes.push({ topic: 'checks', text: `in ${where}: cargo fmt --check, clippy -D warnings and test.` });
  }
  for (const dir of poetryDirs(view, files)) {
    const run = ['poetry', 'run', 'pytest'];
    steps.push({
      id: `${prefix(dir)}pytest`,
      kind: 'run',
      title: `${label(dir)}poetry run pytest`,
      run,
      ...at(dir),
      summary: '(\\d+ passed(?:, \\d+ skipped)?)',
    });
    notes.push({ topic: 'checks', text: `${joinRel(dir, 'pyproject.toml')}: Poetry, so poetry run pytest.` });
  }
  steps.push(...nodeChecks(view, files, notes));
  const ci = files.filter((f) => CI.test(f));
  if (ci.length > 0)
    notes.push({
      topic: 'checks',
      text: `CI scripts found, not added (add a run step for those your release runs): ${ci.join(', ')}.`,
    });
  return { value: steps, notes, problems: [] };
}
