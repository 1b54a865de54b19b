// init, Cargo: the registry crates go to. crates.io unless cargo's configuration in the repository
// (`.cargo/config.toml` of the workspace directory and of the root, merged as cargo merges them:
// the nearer wins) names another default. Pure; the same reader as the publish step's.
import type { Problem } from '../plan-types.js';
import { isUserError } from '../user-error.js';
import { joinRel, type FileView } from '../file-view.js';
import { configString, readCargoConfigDir, type CargoConfigFile } from '../cargo-config.js';
import type { InspectResult } from './types.js';

export interface RegistryChoice {
  name: string;
  index: string;
}

function configFiles(view: FileView, workspaceDir: string, problems: Problem[]): CargoConfigFile[] {
  const dirs = workspaceDir === '.' || workspaceDir === '' ? [''] : [workspaceDir, ''];
  const files: CargoConfigFile[] = [];
  for (const dir of dirs) {
    try {
      const found = readCargoConfigDir(joinRel(dir, '.cargo'), (f) => view.read(f), joinRel);
      if (found) files.push(found);
    } catch (e) {
      if (!isUserError(e)) throw e;
      problems.push({ severity: 'warning', code: 'invalid-cargo-config', message: e.message, ...e.details });
    }
  }
  return files;
}

/** The registry of crates.registry; undefined (crates.io, the default) when nothing names another. */
export function inspectRegistry(view: FileView, workspaceDir: string): InspectResult<RegistryChoice | undefined> {
  const problems: Problem[] = [];
  const files = configFiles(view, workspaceDir, problems);
  let found;
  try {
    const dflt = configString(files, {}, ['registry', 'default']);
    const index = dflt && configString(files, {}, ['registries', dflt.value, 'index']);
    found = dflt && { name: dflt.value, file: dflt.from, index: index?.value };
  } catch (e) {
    if (!isUserError(e)) throw e;
    problems.push({ severity: 'warning', code: 'invalid-cargo-config', message: e.message, ...e.details });
  }
  if (!found || found.name === 'crates-io') {
    const text = 'crates.io (no .cargo/config.toml names another default registry).';
    return { value: undefined, notes: [{ topic: 'crates.registry', text }], problems };
  }
  const { name, file, index } = found;
  if (index?.startsWith('sparse+')) {
    const text = `${name} (${index}), the default registry of ${file}.`;
    return { value: { name, index }, notes: [{ topic: 'crates.registry', text }], problems };
  }
  problems.push({
    severity: 'warning',
    code: 'registry-not-sparse',
    message: `${file} makes \`${name}\` the default registry, but its index ${index ? `\`${index}\` is not a sparse index` : 'is not given'}; crates.registry stays crates.io: set crates.registry.index to its sparse+https:// URL.`,
    file,
  });
  return { value: undefined, notes: [], problems };
}
