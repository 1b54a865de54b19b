// init, Cargo: the registry crates go to. crates.io unless a .cargo/config.toml (at the root or in
// the workspace directory, the nearer one winning as cargo merges them) names another default. Pure.
import type { Problem } from '../plan-types.js';
import { isUserError } from '../user-error.js';
import { joinRel, type FileView } from '../file-view.js';
import { isTable, parseTomlFile } from '../cargo-manifest.js';
import type { InspectResult } from './types.js';

export interface RegistryChoice {
  name: string;
  index: string;
}

export const CRATES_IO: RegistryChoice = { name: 'crates-io', index: 'sparse+https://index.crates.io/' };

function readCargoConfig(view: FileView, dir: string, problems: Problem[]) {
  for (const name of ['config.toml', 'config']) {
    const file = joinRel(dir, '.cargo', name);
    const text = view.read(file);
    if (text === undefined) continue;
    try {
      return { file, data: parseTomlFile(file, text) };
    } catch (e) {
      if (!isUserError(e)) throw e;
      problems.push({ severity: 'warning', code: 'invalid-cargo-config', message: e.message, ...e.details });
    }
  }
  return undefined;
}

/** The registry of crates.registry; undefined (crates.io, the default) when nothing names another. */
export function inspectRegistry(view: FileView, workspaceDir: string): InspectResult<RegistryChoice | undefined> {
  const problems: Problem[] = [];
  const dirs = workspaceDir === '.' || workspaceDir === '' ? [''] : [workspaceDir, ''];
  for (const dir of dirs) {
    const found = readCargoConfig(view, dir, problems);
    const registry = found && isTable(found.data.registry) ? found.data.registry : undefined;
    const name = typeof registry?.default === 'string' ? registry.default : undefined;
    if (!found || name === undefined || name === 'crates-io') continue;
    const registries = isTable(found.data.registries) ? found.data.registries : {};
    const entry = isTable(registries[name]) ? registries[name] : {};
    const index = typeof entry.index === 'string' ? entry.index : undefined;
    if (index?.startsWith('sparse+')) {
      const text = `${name} (${index}), the default registry of ${found.file}.`;
      return { value: { name, index }, notes: [{ topic: 'crates.registry', text }], problems };
    }
    problems.push({
      severity: 'warning',
      code: 'registry-not-sparse',
      message: `${found.file} makes \`${name}\` the default registry, but its index ${index ? `\`${index}\` is not a sparse index` : 'is not given'}; crates.registry stays crates.io: set crates.registry.index to its sparse+https:// URL.`,
      file: found.file,
    });
    return { value: undefined, notes: [], problems };
  }
  const text = 'crates.io (no .cargo/config.toml names another default registry).';
  return { value: undefined, notes: [{ topic: 'crates.registry', text }], problems };
}
