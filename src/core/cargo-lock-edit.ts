// Cargo.lock edits after a bump, without running cargo (no network, no re-resolution): only the
// `version` of [[package]] entries that are local crates (a member's name and no `source` line),
// plus the "name version" references to them that cargo writes when a name is ambiguous (a
// registry package of the same name). Registry entries are never touched.
import { parse as parseToml } from 'smol-toml';
import type { VersionLocation } from './plan-types.js';
import { UserError } from './user-error.js';
import type { VersionEdit } from './version-edit.js';

interface Spot {
  line: number;
  column: number;
  value: string;
}

interface LockBlock {
  name?: Spot;
  version?: Spot;
  source?: string;
  deps: Spot[];
}

const STRING_KEY = /^(\s*)(name|version|source)(\s*=\s*)"([^"\\]*)"/;

/** Reads the [[package]] blocks as written (lines and columns of their strings). */
export function scanLock(text: string): LockBlock[] {
  const blocks: LockBlock[] = [];
  let cur: LockBlock | undefined;
  let inDeps = false;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const n = i + 1;
    if (/^\s*\[\[package\]\]\s*(#.*)?$/.test(line)) {
      cur = { deps: [] };
      blocks.push(cur);
      inDeps = false;
      return;
    }
    if (/^\s*\[/.test(line)) {
      cur = undefined; // [metadata], [[patch.unused]]: not a package
      return;
    }
    if (!cur) return;
    if (inDeps) {
      // One or more strings per line until the closing bracket.
      for (const m of line.matchAll(/"([^"\\]*)"/g))
        cur.deps.push({ line: n, column: (m.index ?? 0) + 1, value: m[1] ?? '' });
      if (/\]/.test(line.replace(/"[^"\\]*"/g, ''))) inDeps = false;
      return;
    }
    const m = STRING_KEY.exec(line);
    if (m) {
      const [, lead = '', key, eq = '', value = ''] = m;
      const spot = { line: n, column: lead.length + (key ?? '').length + eq.length + 1, value };
      if (key === 'name') cur.name = spot;
      else if (key === 'version') cur.version = spot;
      else cur.source = value;
      return;
    }
    const d = /^\s*dependencies\s*=\s*\[(.*)$/.exec(line);
    if (d) {
      const offset = line.length - (d[1] ?? '').length;
      for (const s of (d[1] ?? '').matchAll(/"([^"\\]*)"/g))
        cur.deps.push({ line: n, column: offset + (s.index ?? 0) + 1, value: s[1] ?? '' });
      inDeps = !/\]/.test((d[1] ?? '').replace(/"[^"\\]*"/g, ''));
    }
  });
  return blocks;
}

function loc(path: string, spot: Spot, key: string, crate: string): VersionLocation {
  return {
    path,
    line: spot.line,
    column: spot.column,
    value: spot.value,
    kind: 'toml',
    key,
    crate,
    requirement: false,
  };
}

/**
 * The edits that move local crates of a Cargo.lock to their new versions.
 * `versions` maps a crate name (workspace member or extra manifest crate) to its new version.
 */
export function cargoLockEdits(path: string, text: string, versions: ReadonlyMap<string, string>): VersionEdit[] {
  const blocks = scanLock(text);
  let parsed: { package?: { name?: unknown; source?: unknown; version?: unknown }[] };
  try {
    parsed = parseToml(text) as typeof parsed;
  } catch (e) {
    throw new UserError(`${path} cannot be parsed as TOML: ${String((e as Error).message).split('\n')[0]}`);
  }
  const pkgs = Array.isArray(parsed.package) ? parsed.package : [];
  // The text scan must agree with the parser on every local member entry, or the file is in a
  // shape this editor does not understand and it refuses rather than guess.
  const wantLocal = pkgs.filter((p) => typeof p.name === 'string' && versions.has(p.name) && p.source === undefined);
  const local = blocks.filter((b) => b.name && versions.has(b.name.value) && b.source === undefined);
  const agree =
    wantLocal.length === local.length &&
    local.every((b) => b.version && wantLocal.some((p) => p.name === b.name?.value && p.version === b.version?.value));
  if (!agree || pkgs.length !== blocks.length) {
    throw new UserError(`${path} is not laid out as cargo writes it; cannot locate the local package versions.`, {
      hint: 'Run `cargo update --workspace` instead.',
    });
  }
  const edits: VersionEdit[] = [];
  const oldVersion = new Map<string, string>();
  for (const b of local) {
    const name = b.name!.value;
    const to = versions.get(name)!;
    oldVersion.set(name, b.version!.value);
    edits.push({ location: loc(path, b.version!, `package.${name}.version`, name), to });
  }
  // "name version" (no source) names the local package when no registry package shares that
  // name and version; cargo adds " (source)" to the registry one in that case anyway.
  const sourced = new Set(
    blocks
      .filter((b) => b.source !== undefined && b.name && b.version)
      .map((b) => `${b.name!.value} ${b.version!.value}`),
  );
  for (const b of blocks) {
    for (const dep of b.deps) {
      const m = /^(\S+) (\S+)$/.exec(dep.value);
      if (!m) continue;
      const [, name = '', version = ''] = m;
      const to = versions.get(name);
      if (to === undefined || oldVersion.get(name) !== version || sourced.has(dep.value)) continue;
      edits.push({
        location: loc(path, dep, `package.${b.name?.value ?? '?'}.dependencies`, name),
        to: `${name} ${to}`,
      });
    }
  }
  return edits;
}
